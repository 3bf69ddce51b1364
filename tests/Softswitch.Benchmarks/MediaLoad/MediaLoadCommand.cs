using System.Diagnostics;
using System.Globalization;
using System.Net;
using Softswitch.Benchmarks.Load;

namespace Softswitch.Benchmarks.MediaLoad;

/// <summary>
/// <c>softswitch bench media</c>: the gateway (Release host) on 127.0.0.1 carrying concurrent calls with real RTP from
/// <see cref="MediaLoadGenerator"/>: G.711 calls on the echo flow, then transcoded calls (PCMU leg bridged to an Opus leg) on
/// the bridge flow, at rising counts; the gateway's CPU per call and what happened to the packets, beside raw libopus measured
/// in the same run; then the BenchmarkDotNet media benchmarks.
/// </summary>
internal static class MediaLoadCommand
{
    /// <summary>The goal for a G.711 call, in % of a core.</summary>
    public const double G711GoalPercent = 0.4;

    /// <summary>The goal for a transcoded call, in % of a core.</summary>
    public const double TranscodedGoalPercent = 1.0;

    private const int SetupRate = 200;
    private static readonly TimeSpan s_answerTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs the benchmark.</summary>
    /// <param name="args">The arguments after <c>media</c>.</param>
    /// <returns>0 when it ran, 1 on bad arguments or when the gateway could not be measured, 130 on Ctrl-C.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (!MediaLoadOptions.TryParse(args, out var options, out var error))
        {
            await Console.Error.WriteLineAsync($"bench media: {error}\n\n{MediaLoadOptions.Usage}");
            return 1;
        }

        if (options.ShowHelp)
        {
            Console.WriteLine(MediaLoadOptions.Usage);
            return 0;
        }

        using var cancellation = new CancellationTokenSource();
        using var signals = new BenchSignals(cancellation);
        var root = RepositoryPaths.FindRoot();
        var started = DateTime.UtcNow;
        var workDirectory = Path.Combine(Path.GetTempPath(), $"softswitch-bench-media-{started:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
        Directory.CreateDirectory(workDirectory);
        var results = new List<MediaStepResult>();
        CodecReference reference;
        try
        {
            Console.WriteLine($"bench media: G.711 calls {List(options.G711Calls)}; transcoded calls {List(options.TranscodedCalls)}; "
                + $"{options.WarmupSeconds} s warm-up and {options.Seconds} s measured per step; work files in {workDirectory}");
            Console.WriteLine("reference: raw libopus and G.711, 2,000 frames each ...");
            reference = CodecReference.Measure(options.OpusComplexity);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"reference: opus_encode {reference.OpusEncodeMicroseconds:F1} µs wideband, {reference.OpusEncodeNarrowbandMicroseconds:F1} µs narrowband, opus_decode {reference.OpusDecodeMicroseconds:F1} µs, G.711 both ways {reference.G711Microseconds:F2} µs per 20 ms frame"));
            if (options.G711Calls.Count > 0)
            {
                results.AddRange(await RunKindAsync(root, "G.711", "echo", options.G711Calls, options, Path.Combine(workDirectory, "g711"), cancellation.Token));
            }

            if (options.TranscodedCalls.Count > 0)
            {
                results.AddRange(await RunKindAsync(root, "transcoded", "bridge", options.TranscodedCalls, options, Path.Combine(workDirectory, "transcoded"), cancellation.Token));
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"bench media: cancelled; work files in {workDirectory}");
            return 130;
        }
        finally
        {
            ChildProcess.StopAll();
        }

        var report = new MediaLoadReport(options, results, reference, started);
        Console.WriteLine();
        Console.Write(report.Table());
        Console.Write(report.Verdict());
        string? micro = null;
        if (options.Micro)
        {
            Console.WriteLine();
            Console.WriteLine("BenchmarkDotNet: media benchmarks (short job, in process, memory diagnoser) ...");
            micro = MediaMicroBenchmarks.Run();
            Console.WriteLine();
            Console.Write(micro);
        }

        var path = await report.WriteAsync(Path.Combine(root, options.OutputDirectory), micro, CancellationToken.None);
        Console.WriteLine($"report: {Path.GetRelativePath(root, path)} (and .json)");
        if (results.All(r => r.Error is null))
        {
            Directory.Delete(workDirectory, recursive: true);
        }
        else
        {
            Console.WriteLine($"logs kept in {workDirectory}");
        }

        return results.Any(r => r.Error is null) ? 0 : 1;
    }

    private static string List(IReadOnlyList<int> counts) => counts.Count == 0 ? "none" : string.Join(", ", counts);

    private static async Task<List<MediaStepResult>> RunKindAsync(
        string root, string kind, string flow, IReadOnlyList<int> counts, MediaLoadOptions options, string workDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workDirectory);
        var results = new List<MediaStepResult>();
        using var target = new GatewayTarget(root, new Dictionary<string, string>
        {
            ["SOFTSWITCH_Dialog__Flow"] = flow,
            ["SOFTSWITCH_Media__OpusComplexity"] = options.OpusComplexity.ToString(CultureInfo.InvariantCulture),
        });
        try
        {
            await target.StartAsync(workDirectory, cancellationToken);
        }
        catch (TargetNotReadyException e)
        {
            Console.WriteLine($"{kind}: the gateway did not start: {e.Message}");
            results.Add(Failed(kind, counts[0], e.Message));
            return results;
        }

        foreach (var count in counts)
        {
            Console.Write(string.Create(CultureInfo.InvariantCulture, $"{kind}: {count} calls ... "));
            var result = await RunStepAsync(target, kind, count, options, cancellationToken);
            results.Add(result);
            Console.WriteLine(result.Error ?? string.Create(CultureInfo.InvariantCulture,
                $"gateway {result.GatewayCores:F2} cores = {result.PercentPerCall:F3} % per call; host {result.HostBusy:P0} busy; "
                + $"missing {result.MissingShare:P2}, gaps {result.Gaps}, lost at gateway {result.LostAtGateway}, kernel drops {result.KernelDrops}"));
            if (!target.IsRunning)
            {
                break;
            }
        }

        return results;
    }

    private static async Task<MediaStepResult> RunStepAsync(GatewayTarget target, string kind, int count, MediaLoadOptions options, CancellationToken cancellationToken)
    {
        using var generator = new MediaLoadGenerator(new IPEndPoint(IPAddress.Loopback, target.SipPort));
        var pcmu = MediaLoadStream.Pcmu();
        var opus = MediaLoadStream.Opus();
        var calls = new List<MediaLoadCall>();
        for (var i = 0; i < count; i++)
        {
            if (kind == "G.711")
            {
                calls.Add(generator.NewCall(string.Create(CultureInfo.InvariantCulture, $"echo-{i}"), pcmu));
            }
            else
            {
                // A pair: the PCMU leg waits, the Opus leg joins it.
                var number = string.Create(CultureInfo.InvariantCulture, $"pair-{count}-{i}");
                calls.Add(generator.NewCall(number, pcmu));
                calls.Add(generator.NewCall(number, opus));
            }
        }

        var answered = await generator.PlaceAsync(calls, SetupRate, s_answerTimeout, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds), cancellationToken);

        var self = Process.GetCurrentProcess();
        var gatewayBefore = ProcessCpu.ReadTicks(target.ProcessId);
        var hostBefore = ProcessCpu.ReadHostTicks();
        var generatorBefore = self.TotalProcessorTime;
        var receivedBefore = calls.Sum(c => c.Received);
        var gapsBefore = calls.Sum(c => c.Gaps);
        var dropsBefore = HostCounters.UdpReceiveBufferErrors();
        generator.ResetLossWindows();
        var window = Stopwatch.StartNew();

        await Task.Delay(TimeSpan.FromSeconds(options.Seconds), cancellationToken);

        var seconds = window.Elapsed.TotalSeconds;
        var gatewayAfter = ProcessCpu.ReadTicks(target.ProcessId);
        var hostAfter = ProcessCpu.ReadHostTicks();
        self.Refresh();
        var generatorAfter = self.TotalProcessorTime;
        var received = calls.Sum(c => c.Received) - receivedBefore;
        var gaps = calls.Sum(c => c.Gaps) - gapsBefore;
        var drops = HostCounters.UdpReceiveBufferErrors() - dropsBefore;
        var lost = calls.Sum(c => (long)c.LostInWindow);

        await generator.HangUpAllAsync(SetupRate * 2, s_answerTimeout, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken); // the calls end and give their ports back

        if (gatewayBefore is null || gatewayAfter is null)
        {
            return Failed(kind, count, "the gateway exited during the step") with { Legs = calls.Count, LegsAnswered = answered };
        }

        var hostTotal = hostAfter.Total - hostBefore.Total;
        return new MediaStepResult
        {
            Kind = kind,
            Calls = count,
            Legs = calls.Count,
            LegsAnswered = answered,
            Seconds = seconds,
            GatewayCores = (gatewayAfter.Value - gatewayBefore.Value) / ProcessCpu.TicksPerSecond / seconds,
            GeneratorCores = (generatorAfter - generatorBefore).TotalSeconds / seconds,
            HostBusy = hostTotal == 0 ? 0 : (hostAfter.Busy - hostBefore.Busy) / (double)hostTotal,
            ExpectedFromGateway = (long)Math.Round(answered * 50 * seconds),
            ReceivedFromGateway = received,
            Gaps = gaps,
            LostAtGateway = lost,
            KernelDrops = drops,
            Error = answered == calls.Count ? null : $"only {answered} of {calls.Count} legs were answered",
        };
    }

    private static MediaStepResult Failed(string kind, int count, string error) => new()
    {
        Kind = kind,
        Calls = count,
        Legs = 0,
        LegsAnswered = 0,
        Seconds = 0,
        GatewayCores = 0,
        GeneratorCores = 0,
        HostBusy = 0,
        ExpectedFromGateway = 0,
        ReceivedFromGateway = 0,
        Gaps = 0,
        LostAtGateway = 0,
        KernelDrops = 0,
        Error = error,
    };
}
