using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Softswitch.Benchmarks.MediaLoad;

/// <summary>The media benchmark's table and verdict, printed and written to <c>artifacts/bench/media-*.md</c> and <c>.json</c>.</summary>
internal sealed class MediaLoadReport
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    private readonly MediaLoadOptions _options;
    private readonly IReadOnlyList<MediaStepResult> _results;
    private readonly CodecReference _reference;
    private readonly DateTime _startedUtc;

    /// <summary>Creates the report.</summary>
    /// <param name="options">What was asked.</param>
    /// <param name="results">Every step, in order.</param>
    /// <param name="reference">The codec reference measured in the same run.</param>
    /// <param name="startedUtc">When the run started.</param>
    public MediaLoadReport(MediaLoadOptions options, IReadOnlyList<MediaStepResult> results, CodecReference reference, DateTime startedUtc)
    {
        _options = options;
        _results = results;
        _reference = reference;
        _startedUtc = startedUtc;
    }

    /// <summary>The steps as a Markdown table.</summary>
    public string Table()
    {
        var text = new StringBuilder();
        text.Append("| calls | kind | legs up | gateway CPU | per call | goal | codec floor | × floor | host busy | generator | missing from gateway | gaps > 60 ms | lost at gateway | kernel drops | clean |\n");
        text.Append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        foreach (var r in _results)
        {
            var (goal, floor) = Targets(r.Kind);
            text.Append(CultureInfo.InvariantCulture, $"| {r.Calls} | {r.Kind} | {r.LegsAnswered}/{r.Legs} | {r.GatewayCores:F2} cores | {r.PercentPerCall:F3} % | ≤ {goal:0.0} % | ");
            text.Append(CultureInfo.InvariantCulture, $"{floor:F3} % | {(floor > 0 ? r.PercentPerCall / floor : 0):F1}× | {r.HostBusy:P0} | {r.GeneratorCores:F2} cores | ");
            text.Append(CultureInfo.InvariantCulture, $"{r.MissingShare:P2} | {r.Gaps} | {r.LostAtGateway} | {r.KernelDrops} | {(r.Clean ? "yes" : r.Error ?? "no")} |\n");
        }

        return text.ToString();
    }

    /// <summary>One line per kind: the most calls carried cleanly, their cost against the goal, and the reference.</summary>
    public string Verdict()
    {
        var text = new StringBuilder();
        foreach (var kind in _results.Select(r => r.Kind).Distinct())
        {
            var (goal, floor) = Targets(kind);
            var best = _results.Where(r => r.Kind == kind && r.Clean).OrderByDescending(r => r.Calls).FirstOrDefault();
            if (best is null)
            {
                text.Append(CultureInfo.InvariantCulture, $"{kind}: no step was clean\n");
                continue;
            }

            var met = best.PercentPerCall <= goal;
            var capacity = best.PercentPerCall > 0 ? Environment.ProcessorCount * 100 / best.PercentPerCall : 0;
            text.Append(CultureInfo.InvariantCulture,
                $"{kind}: {best.Calls} concurrent calls clean at {best.PercentPerCall:F3} % of a core per call (goal ≤ {goal:0.0} %: {(met ? "met" : "NOT met")}); "
                + $"{best.PercentPerCall / floor:F1}× the codec floor of {floor:F3} %; all {Environment.ProcessorCount} cores would carry about {capacity:F0}\n");
        }

        text.Append(CultureInfo.InvariantCulture,
            $"reference (same run, raw libopus 16 kHz complexity {_options.OpusComplexity} and G.711 tables, best of 40 rounds): opus_encode {_reference.OpusEncodeMicroseconds:F1} µs wideband / {_reference.OpusEncodeNarrowbandMicroseconds:F1} µs narrowband + opus_decode {_reference.OpusDecodeMicroseconds:F1} µs per 20 ms frame; transcoded codec floor {_reference.TranscodedCallPercent:F3} % (with a wideband encode {_reference.TranscodedWidebandCallPercent:F3} %)\n");
        return text.ToString();
    }

    /// <summary>Writes the Markdown and JSON reports.</summary>
    /// <param name="directory">The report folder.</param>
    /// <param name="micro">The BenchmarkDotNet table, if it ran.</param>
    /// <param name="cancellationToken">Abandons the writes.</param>
    /// <returns>The Markdown file's path.</returns>
    public async Task<string> WriteAsync(string directory, string? micro, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, $"media-{_startedUtc:yyyyMMdd-HHmmss}");
        var markdown = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"# Media load: concurrent calls with real RTP, {_startedUtc:yyyy-MM-dd HH:mm:ss} UTC\n\n")
            .Append(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores shared by the gateway and the load generator; {_options.WarmupSeconds} s warm-up, {_options.Seconds} s measured per step; ")
            .Append("50 packets/s each way per leg; G.711 = echo flow (PCMU decoded, jitter-buffered, encoded back); transcoded = a PCMU leg bridged to an Opus leg. ")
            .Append("Codec floor = the raw codec work of one call per 20 ms; clean = every leg up, no loss at the gateway, no kernel drop, < 0.1 % missing.\n\n")
            .Append(Table()).Append('\n').Append(Verdict());
        if (micro is not null)
        {
            markdown.Append("\n## BenchmarkDotNet (short job, in process)\n\n").Append(micro);
        }

        await File.WriteAllTextAsync(stem + ".md", markdown.ToString(), cancellationToken);
        var json = new
        {
            startedUtc = _startedUtc,
            machine = new { cores = Environment.ProcessorCount, os = Environment.OSVersion.VersionString },
            options = new { _options.G711Calls, _options.TranscodedCalls, _options.Seconds, _options.WarmupSeconds },
            reference = _reference,
            verdict = Verdict(),
            steps = _results,
        };
        await File.WriteAllTextAsync(stem + ".json", JsonSerializer.Serialize(json, s_json), cancellationToken);
        return stem + ".md";
    }

    private (double Goal, double Floor) Targets(string kind) => kind == "G.711"
        ? (MediaLoadCommand.G711GoalPercent, _reference.G711CallPercent)
        : (MediaLoadCommand.TranscodedGoalPercent, _reference.TranscodedCallPercent);
}
