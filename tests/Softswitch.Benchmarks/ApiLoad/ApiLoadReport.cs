using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Softswitch.Benchmarks.ApiLoad;

/// <summary>The API benchmark's table and goal lines, printed and written to <c>artifacts/bench/api-*.md</c> and <c>.json</c>.</summary>
internal sealed class ApiLoadReport
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly ApiLoadOptions _options;
    private readonly IReadOnlyList<DatabaseResult> _results;
    private readonly DateTime _startedUtc;

    /// <summary>Creates the report.</summary>
    /// <param name="options">What was asked for.</param>
    /// <param name="results">One result per database, in run order.</param>
    /// <param name="startedUtc">When the run began.</param>
    public ApiLoadReport(ApiLoadOptions options, IReadOnlyList<DatabaseResult> results, DateTime startedUtc)
    {
        _options = options;
        _results = results;
        _startedUtc = startedUtc;
    }

    /// <summary>The measurements as one Markdown table (readable as plain text too).</summary>
    public string Table()
    {
        var reads = _options.ReadsPerSecond > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{_options.Concurrency} concurrent, ≤ {_options.ReadsPerSecond}/s")
            : $"{_options.Concurrency} concurrent";
        var calls = string.Create(CultureInfo.InvariantCulture, $"{_options.CallsPerSecond} calls/s");
        var rows = new List<string[]> { new[] { "database", "measured", "load", "rate", "p50", "p99", "errors", "notes" } };
        foreach (var result in _results)
        {
            var db = result.Database;
            if (result.Error is not null && result.ReadsAlone.Count == 0)
            {
                rows.Add([db, "-", "-", "-", "-", "-", "-", result.Error]);
                continue;
            }

            foreach (var endpoint in result.ReadsAlone)
            {
                rows.Add(ReadRow(db, endpoint, $"reads ({reads})", endpoint == result.ReadsAlone[0] ? CpuNote(result.ReadsAloneCpu) : ""));
            }

            foreach (var endpoint in result.ReadsWithCalls)
            {
                rows.Add(ReadRow(db, endpoint, $"reads ({reads}) + {calls}", ""));
            }

            foreach (var phase in new[] { result.CallsAlone, result.CallsWithReads }.OfType<CallPhaseResult>())
            {
                var load = phase.WithReads ? $"{calls} + reads ({reads})" : calls;
                rows.Add(
                [
                    db, "call-record writes", load,
                    string.Create(CultureInfo.InvariantCulture, $"{phase.WritesPerSecond:F0} records/s"),
                    "-", "-",
                    string.Create(CultureInfo.InvariantCulture, $"{phase.Writer.Dropped} dropped"),
                    string.Create(CultureInfo.InvariantCulture,
                        $"{phase.RecordsPerSecond:F1} CDRs/s, {phase.EventsPerCall:F1} events/call; queue ≤ {phase.Writer.Queued}; {phase.Writer.Retries} retries; "
                        + $"all in the database {(phase.WriterCatchUpMilliseconds is { } ms ? $"{ms:F0} ms" : "never")} after the last call"),
                ]);
            }

            foreach (var phase in new[] { result.CallsAlone, result.CallsWithReads }.OfType<CallPhaseResult>())
            {
                var load = phase.WithReads ? $"{calls} + reads ({reads})" : calls;
                var note = string.Create(CultureInfo.InvariantCulture, $"times in {phase.ResolutionMilliseconds} ms steps; ") + CpuNote(phase.Cpu);
                if (phase.WithReads && result.SipP99Ratio is { } ratio)
                {
                    note = string.Create(CultureInfo.InvariantCulture, $"p99 {ratio:F2}× without reads; ") + note;
                }

                rows.Add(
                [
                    db, "SIP INVITE→200", load,
                    string.Create(CultureInfo.InvariantCulture, $"{(phase.Seconds > 0 ? phase.Successful / phase.Seconds : 0):F1} calls/s"),
                    WholeMilliseconds(phase.SetupP50Milliseconds), WholeMilliseconds(phase.SetupP99Milliseconds),
                    string.Create(CultureInfo.InvariantCulture, $"{phase.Failed} failed, {phase.Retransmissions} retrans."),
                    phase.Problem is null ? note : phase.Problem + "; " + note,
                ]);
            }

            if (result.Error is not null)
            {
                rows.Add([db, "-", "-", "-", "-", "-", "-", result.Error]);
            }
        }

        return Markdown(rows);
    }

    /// <summary>One goal line per database.</summary>
    public string Verdict()
    {
        var text = new StringBuilder();
        foreach (var result in _results)
        {
            if (result.SipP99Ratio is not { } ratio)
            {
                text.Append(CultureInfo.InvariantCulture, $"{result.Database}: SIP p99 with API load within 10 % of without: not measured{(result.Error is null ? "" : $" ({result.Error})")}\n");
                continue;
            }

            var alone = result.CallsAlone!.SetupP99Milliseconds!.Value;
            var loaded = result.CallsWithReads!.SetupP99Milliseconds!.Value;
            var met = ratio <= ApiLoadCommand.GoalRatio;
            var step = Math.Max(result.CallsAlone.ResolutionMilliseconds, result.CallsWithReads.ResolutionMilliseconds);
            var resolution = !met && loaded - alone <= step
                ? string.Create(CultureInfo.InvariantCulture, $" (one step of sipp's {step} ms resolution in this run)")
                : "";
            text.Append(CultureInfo.InvariantCulture,
                $"{result.Database}: SIP p99 with API load within 10 % of without: {(met ? "met" : "NOT met")}: {loaded:0} ms with reads vs {alone:0} ms without = {ratio:F2}×{resolution}{Noise(result.CallsAlone)}\n");
        }

        return text.ToString();
    }

    /// <summary>Writes the Markdown and JSON reports.</summary>
    /// <param name="directory">The report folder.</param>
    /// <param name="cancellationToken">Abandons the writes.</param>
    /// <returns>The Markdown file's path.</returns>
    public async Task<string> WriteAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, $"api-{_startedUtc:yyyyMMdd-HHmmss}");
        var markdown = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"# Admin API load: reads, call-record writes and SIP latency, {_startedUtc:yyyy-MM-dd HH:mm:ss} UTC\n\n")
            .Append(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores shared by the gateway, sipp, the database and the HTTP load; {_options.Seconds} s per phase; ")
            .Append(CultureInfo.InvariantCulture, $"{_options.Concurrency} requests in flight (closed loop, endpoints in turn{(_options.ReadsPerSecond > 0 ? $", paced to {_options.ReadsPerSecond} requests/s" : "")}); sipp uac at {_options.CallsPerSecond} calls/s on the routed greet-and-record flow; ")
            .Append(CultureInfo.InvariantCulture, $"{_options.Records} call records seeded by real calls first; the call phases alternate in {_options.Rounds} rounds, pooled. SIP latency is sipp's INVITE-to-200 time, in whole ms.\n\n")
            .Append(Table()).Append('\n').Append(Verdict());
        await File.WriteAllTextAsync(stem + ".md", markdown.ToString(), cancellationToken);
        var json = new
        {
            startedUtc = _startedUtc,
            machine = new { cores = Environment.ProcessorCount, os = Environment.OSVersion.VersionString },
            options = new { _options.Databases, _options.Seconds, _options.Concurrency, _options.ReadsPerSecond, _options.CallsPerSecond, _options.Rounds, _options.Records },
            verdict = Verdict(),
            databases = _results,
        };
        await File.WriteAllTextAsync(stem + ".json", JsonSerializer.Serialize(json, s_json), cancellationToken);
        return stem + ".md";
    }

    /// <summary>
    /// When rounds of the calls-alone load differ by more than the goal's 10 % among themselves, the run cannot resolve a 10 %
    /// difference: says so, with the rounds' p99s.
    /// </summary>
    private static string Noise(CallPhaseResult phase)
    {
        var rounds = phase.RoundP99Milliseconds;
        if (rounds.Count < 2 || rounds.Min() <= 0 || rounds.Max() / rounds.Min() <= ApiLoadCommand.GoalRatio)
        {
            return "";
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"; inconclusive on this machine: the calls-alone rounds ranged {rounds.Min():0}–{rounds.Max():0} ms (p99 per round: {string.Join(", ", rounds.Select(r => r.ToString("0", CultureInfo.InvariantCulture)))} ms)");
    }

    private static string[] ReadRow(string database, EndpointResult endpoint, string load, string note) =>
    [
        database, "GET " + endpoint.Path, load,
        string.Create(CultureInfo.InvariantCulture, $"{endpoint.RequestsPerSecond:F0} req/s"),
        Milliseconds(endpoint.P50Milliseconds), Milliseconds(endpoint.P99Milliseconds),
        endpoint.Errors.ToString(CultureInfo.InvariantCulture),
        endpoint.FirstError is null ? note : $"first error: {endpoint.FirstError}; {note}",
    ];

    private static string CpuNote(PhaseCpu? cpu) => cpu is null
        ? ""
        : string.Create(CultureInfo.InvariantCulture, $"gateway {cpu.GatewayCores:F2} cores, machine {cpu.HostBusy:P0} busy");

    private static string Milliseconds(double? value) => value switch
    {
        null => "-",
        < 10 => string.Create(CultureInfo.InvariantCulture, $"{value:F1} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value:F0} ms"),
    };

    /// <summary>sipp's whole milliseconds; 0 means under 1 ms.</summary>
    private static string WholeMilliseconds(double? value) => value switch
    {
        null => "-",
        0 => "< 1 ms",
        _ => string.Create(CultureInfo.InvariantCulture, $"{value:F0} ms"),
    };

    private static string Markdown(List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
        {
            text.Append('|');
            for (var c = 0; c < widths.Length; c++)
            {
                text.Append(' ').Append(rows[r][c].PadRight(widths[c])).Append(" |");
            }

            text.Append('\n');
            if (r == 0)
            {
                text.Append('|');
                foreach (var width in widths)
                {
                    text.Append(new string('-', width + 2)).Append('|');
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }
}
