using System.Diagnostics;
using System.Globalization;
using Softswitch.Admin.Auth;
using Softswitch.Benchmarks.Load;

namespace Softswitch.Benchmarks.ApiLoad;

/// <summary>
/// <c>softswitch bench api</c>: the admin API's read endpoints and the call record writer under a concurrent call load, on
/// SQLite and on PostgreSQL, and SIP latency with and without API load, all on 127.0.0.1 of this machine, in one run.
/// </summary>
internal static class ApiLoadCommand
{
    /// <summary>Most that SIP p99 may grow under API load (the product goal: recording never delays signalling).</summary>
    public const double GoalRatio = 1.10;

    private const int SeedRate = 200;
    private const int EventSample = 10;
    private static readonly TimeSpan s_readWarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan s_catchUpTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan s_queueSampleInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs the benchmark.</summary>
    /// <param name="args">The arguments after <c>api</c>.</param>
    /// <returns>0 when it ran, 1 on bad arguments or when no database could be measured, 130 on Ctrl-C.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (!ApiLoadOptions.TryParse(args, out var options, out var error))
        {
            await Console.Error.WriteLineAsync($"bench api: {error}\n\n{ApiLoadOptions.Usage}");
            return 1;
        }

        if (options.ShowHelp)
        {
            Console.WriteLine(ApiLoadOptions.Usage);
            return 0;
        }

        using var cancellation = new CancellationTokenSource();
        using var signals = new BenchSignals(cancellation);
        var root = RepositoryPaths.FindRoot();
        var started = DateTime.UtcNow;
        var workDirectory = Path.Combine(Path.GetTempPath(), $"softswitch-bench-api-{started:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
        Directory.CreateDirectory(workDirectory);
        var results = new List<DatabaseResult>();
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench api: databases {string.Join(", ", options.Databases)}; {options.Seconds} s per phase; {options.Concurrency} concurrent requests{(options.ReadsPerSecond > 0 ? $" paced to {options.ReadsPerSecond}/s" : "")}; "
                + $"{options.CallsPerSecond} calls/s; {options.Records} seeded call records; work files in {workDirectory}"));
            foreach (var database in options.Databases)
            {
                results.Add(await RunDatabaseAsync(root, database, options, Path.Combine(workDirectory, database), cancellation.Token));
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"bench api: cancelled; work files in {workDirectory}");
            return 130;
        }
        finally
        {
            ChildProcess.StopAll();
        }

        var report = new ApiLoadReport(options, results, started);
        Console.WriteLine();
        Console.Write(report.Table());
        Console.Write(report.Verdict());
        var path = await report.WriteAsync(Path.Combine(root, options.OutputDirectory), CancellationToken.None);
        Console.WriteLine($"report: {Path.GetRelativePath(root, path)} (and .json)");
        if (results.All(r => r.Clean))
        {
            Directory.Delete(workDirectory, recursive: true);
        }
        else
        {
            Console.WriteLine($"logs kept in {workDirectory}");
        }

        return results.Any(r => r.Error is null) ? 0 : 1;
    }

    private static async Task<DatabaseResult> RunDatabaseAsync(string root, string name, ApiLoadOptions options, string workDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workDirectory);
        var result = new DatabaseResult { Database = name };
        Progress(name, name == "postgres" ? "starting a throw-away PostgreSQL server ..." : "SQLite in the gateway's temporary data folder");
        ApiDatabase database;
        try
        {
            database = await ApiDatabase.StartAsync(name);
        }
        catch (InvalidOperationException e)
        {
            Progress(name, e.Message);
            return result with { Error = e.Message };
        }

        await using (database)
        {
            var key = ApiKeySecret.Generate(out _, out _);
            var settings = new Dictionary<string, string>(database.Settings)
            {
                // The first-start admin key, and a rate limit the load never reaches.
                ["SOFTSWITCH_ADMIN_KEY"] = key,
                ["SOFTSWITCH_Admin__RateLimitPerSecond"] = "100000",
                ["SOFTSWITCH_Admin__RateLimitBurst"] = "100000",

                // The routed default flow (so every call writes its CDR and events), answering at once, without WAV files.
                ["SOFTSWITCH_Dialog__Flow"] = "greet-and-record",
                ["SOFTSWITCH_Dialog__RingTime"] = "00:00:00",
                ["SOFTSWITCH_Dialog__Record"] = "false",
            };
            using var gateway = new GatewayTarget(root, settings);
            Progress(name, "starting the gateway (Release host) ...");
            try
            {
                await gateway.StartAsync(workDirectory, cancellationToken);
            }
            catch (TargetNotReadyException e)
            {
                Progress(name, $"the gateway did not start: {e.Message}");
                return result with { Error = $"the gateway did not start: {e.Message}" };
            }

            var baseAddress = new Uri($"http://127.0.0.1:{gateway.HttpPort}");
            using var admin = new AdminSeed(baseAddress, key);
            using var reads = new HttpReadLoad(baseAddress, key, options.Concurrency, options.ReadsPerSecond);
            try
            {
                Progress(name, $"seeding {AdminSeed.Agents} agents, {AdminSeed.Queues} queues, {AdminSeed.Routes} routes ...");
                await admin.SeedDialplanAsync(cancellationToken);
                result = result with { SeededRecords = await SeedRecordsAsync(name, gateway, admin, options.Records, workDirectory, cancellationToken) };

                Progress(name, $"reads alone: {s_readWarmUp.TotalSeconds:0} s unmeasured, then {options.Concurrency} concurrent requests for {options.Seconds} s ...");
                await reads.WarmUpAsync(s_readWarmUp, cancellationToken);
                var cpu = PhaseCpu.Start(gateway.ProcessId);
                var alone = await reads.RunAsync(TimeSpan.FromSeconds(options.Seconds), CancellationToken.None, cancellationToken);
                result = result with { ReadsAlone = alone, ReadsAloneCpu = cpu() };
                Progress(name, Summary(alone));

                // Unmeasured calls first: the greeting is synthesized on the first call, and call paths are compiled by then.
                Progress(name, string.Create(CultureInfo.InvariantCulture, $"warm-up: {options.CallsPerSecond} calls, unmeasured ..."));
                await SippUac.RunAsync(gateway.SipPort, options.CallsPerSecond, options.CallsPerSecond, Path.Combine(workDirectory, "warm-up"), cancellationToken);

                var roundSeconds = Math.Max(1.0, (double)options.Seconds / options.Rounds);
                var alonePhases = new List<CallPhaseResult>();
                var loadedPhases = new List<CallPhaseResult>();
                var loadedReads = new List<IReadOnlyList<EndpointResult>>();
                for (var round = 1; round <= options.Rounds; round++)
                {
                    var of = options.Rounds > 1 ? $" (round {round} of {options.Rounds})" : "";
                    Progress(name, string.Create(CultureInfo.InvariantCulture, $"calls alone{of}: {options.CallsPerSecond} calls/s for {roundSeconds:0.#} s ..."));
                    var (callsAlone, _) = await RunCallPhaseAsync(gateway, admin, null, options, roundSeconds, Path.Combine(workDirectory, $"calls-alone-{round}"), cancellationToken);
                    alonePhases.Add(callsAlone);
                    Progress(name, Summary(callsAlone));

                    Progress(name, string.Create(CultureInfo.InvariantCulture, $"calls with reads{of}: {options.CallsPerSecond} calls/s and {options.Concurrency} concurrent requests for {roundSeconds:0.#} s ..."));
                    var (callsWithReads, withCalls) = await RunCallPhaseAsync(gateway, admin, reads, options, roundSeconds, Path.Combine(workDirectory, $"calls-with-reads-{round}"), cancellationToken);
                    loadedPhases.Add(callsWithReads);
                    loadedReads.Add(withCalls);
                    Progress(name, Summary(callsWithReads));
                    Progress(name, Summary(withCalls));
                }

                result = result with
                {
                    CallsAlone = CallPhaseResult.Merge(alonePhases),
                    CallsWithReads = CallPhaseResult.Merge(loadedPhases),
                    ReadsWithCalls = EndpointResult.Merge(loadedReads),
                };
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                Progress(name, $"failed: {e.Message}");
                result = result with { Error = e.Message };
            }

            if (!gateway.IsRunning)
            {
                result = result with { Error = result.Error ?? "the gateway exited during the run" };
            }

            return result;
        }
    }

    private static async Task<int> SeedRecordsAsync(string name, GatewayTarget gateway, AdminSeed admin, int records, string workDirectory, CancellationToken cancellationToken)
    {
        if (records == 0)
        {
            return 0;
        }

        Progress(name, string.Create(CultureInfo.InvariantCulture, $"seeding {records} call records: real calls at {SeedRate} calls/s ..."));
        var from = DateTimeOffset.UtcNow;
        var sipp = await SippUac.RunAsync(gateway.SipPort, SeedRate, records, Path.Combine(workDirectory, "seed"), cancellationToken);
        if (sipp.Error is not null || sipp.Successful == 0)
        {
            throw new InvalidOperationException($"seeding calls failed: {sipp.Error ?? "no call completed"}");
        }

        var (written, _) = await WaitForRecordsAsync(admin, from, (int)sipp.Successful, cancellationToken);
        return written;
    }

    private static async Task<(CallPhaseResult Calls, IReadOnlyList<EndpointResult> Reads)> RunCallPhaseAsync(
        GatewayTarget gateway, AdminSeed admin, HttpReadLoad? reads, ApiLoadOptions options, double seconds, string directory, CancellationToken cancellationToken)
    {
        var calls = Math.Max(1, (int)Math.Round(options.CallsPerSecond * seconds));
        using var stopReads = new CancellationTokenSource();
        var writerBefore = await admin.WriterMetricsAsync(cancellationToken);
        using var stopSampling = new CancellationTokenSource();
        var queueSampler = SampleQueueAsync(admin, stopSampling.Token);
        var cpu = PhaseCpu.Start(gateway.ProcessId);
        var from = DateTimeOffset.UtcNow;

        // The reads run from just before the first call until the writer has caught up after the last.
        var readLoad = reads?.RunAsync(TimeSpan.FromSeconds(seconds + 60), stopReads.Token, cancellationToken);
        if (readLoad is not null)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        var sipp = await SippUac.RunAsync(gateway.SipPort, options.CallsPerSecond, calls, directory, cancellationToken);
        var (written, catchUp) = await WaitForRecordsAsync(admin, from, (int)sipp.Successful, cancellationToken);
        stopReads.Cancel();
        IReadOnlyList<EndpointResult> readResults = readLoad is null ? [] : await readLoad;
        var phaseCpu = cpu();
        stopSampling.Cancel();
        var maxQueued = await queueSampler;
        var writer = (await admin.WriterMetricsAsync(cancellationToken)).Since(writerBefore, maxQueued);

        var (_, sample) = await admin.CountEndedAsync(from, EventSample, cancellationToken);
        var events = 0;
        foreach (var callId in sample)
        {
            events += await admin.CountEventsAsync(callId, cancellationToken);
        }

        var setup = sipp.SetupMilliseconds.Order().ToArray();
        var problems = new List<string>();
        if (sipp.Error is not null)
        {
            problems.Add(sipp.Error);
        }

        if (sipp.Failed > 0 || sipp.Successful < calls)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{Math.Max(sipp.Failed, calls - sipp.Successful)} failed calls"));
        }

        if (sipp.Retransmissions > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{sipp.Retransmissions} retransmissions"));
        }

        if (catchUp is null)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"only {written} of {sipp.Successful} call records ended in the database after {s_catchUpTimeout.TotalSeconds:0} s"));
        }

        var phase = new CallPhaseResult
        {
            WithReads = reads is not null,
            Rate = options.CallsPerSecond,
            Calls = calls,
            Successful = sipp.Successful,
            Failed = sipp.Failed,
            Retransmissions = sipp.Retransmissions,
            Seconds = sipp.Seconds,
            SetupMilliseconds = setup,
            RecordsWritten = written,
            EventsPerCall = sample.Count == 0 ? 0 : (double)events / sample.Count,
            WriterCatchUpMilliseconds = catchUp?.TotalMilliseconds,
            Writer = writer,
            Cpu = phaseCpu,
            Problem = problems.Count == 0 ? null : string.Join("; ", problems),
        };
        return (phase, readResults);
    }

    /// <summary>Reads the writer's queue from <c>/metrics</c> every <see cref="s_queueSampleInterval"/> until stopped.</summary>
    /// <returns>The largest queue seen.</returns>
    private static async Task<long> SampleQueueAsync(AdminSeed admin, CancellationToken stop)
    {
        long max = 0;
        try
        {
            while (true)
            {
                await Task.Delay(s_queueSampleInterval, stop);
                max = Math.Max(max, (await admin.WriterMetricsAsync(stop)).Queued);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return max;
        }
    }

    /// <summary>Polls the history until <paramref name="expected"/> calls since <paramref name="from"/> have ended there, or a timeout.</summary>
    /// <returns>The ended records found, and how long they took to appear from the call (null when not all did).</returns>
    private static async Task<(int Written, TimeSpan? CatchUp)> WaitForRecordsAsync(AdminSeed admin, DateTimeOffset from, int expected, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (ended, _) = await admin.CountEndedAsync(from, 0, cancellationToken);
            if (ended >= expected)
            {
                return (ended, clock.Elapsed);
            }

            if (clock.Elapsed > s_catchUpTimeout)
            {
                return (ended, null);
            }

            await Task.Delay(s_pollInterval, cancellationToken);
        }
    }

    private static string Summary(IReadOnlyList<EndpointResult> endpoints) => string.Join("; ", endpoints.Select(e => string.Create(CultureInfo.InvariantCulture,
        $"{e.Path} {e.RequestsPerSecond:F0}/s p99 {e.P99Milliseconds:F1} ms{(e.Errors > 0 ? $" {e.Errors} errors ({e.FirstError})" : "")}")));

    private static string Summary(CallPhaseResult phase) => string.Create(CultureInfo.InvariantCulture,
        $"{phase.Successful}/{phase.Calls} calls, INVITE→200 p50 {phase.SetupP50Milliseconds:F0} ms p99 {phase.SetupP99Milliseconds:F0} ms; "
        + $"{phase.RecordsPerSecond:F1} CDRs/s + {phase.EventsPerSecond:F0} events/s; writer caught up {(phase.WriterCatchUpMilliseconds is { } ms ? $"{ms:F0} ms" : "never")} after the last call; "
        + $"{phase.WritesPerSecond:F0} writes/s, queue ≤ {phase.Writer.Queued}, retries {phase.Writer.Retries}, dropped {phase.Writer.Dropped}{(phase.Problem is null ? "" : $"; {phase.Problem}")}");

    private static void Progress(string database, string message) => Console.WriteLine($"{database}: {message}");
}
