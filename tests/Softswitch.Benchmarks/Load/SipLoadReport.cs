using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Softswitch.Benchmarks.Load;

/// <summary>The summary table, the verdict line and the report files of a run.</summary>
internal sealed class SipLoadReport
{
    /// <summary>Calls per second the gateway must reach on 2 cores (the product goal).</summary>
    public const int GoalRate = 2500;

    /// <summary>Share of the best reference the gateway must reach (the product goal).</summary>
    public const double GoalRatio = 1.0;

    /// <summary>CPU of other processes, in cores, above which the run is flagged as noisy.</summary>
    private const double NoisyOtherCpu = 0.25;

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly SipLoadOptions _options;
    private readonly IReadOnlyList<TargetResult> _results;
    private readonly DateTime _startedUtc;
    private readonly TargetResult? _bestReference;

    /// <summary>Creates the report.</summary>
    /// <param name="options">What was asked for.</param>
    /// <param name="results">One result per target, in run order.</param>
    /// <param name="startedUtc">When the run began.</param>
    public SipLoadReport(SipLoadOptions options, IReadOnlyList<TargetResult> results, DateTime startedUtc)
    {
        _options = options;
        _results = results;
        _startedUtc = startedUtc;
        _bestReference = results.Where(r => r.IsReference && r.HighestCleanRate > 0).MaxBy(r => r.HighestCleanRate);
    }

    /// <summary>The summary table, as markdown (readable as plain text too).</summary>
    public string Table()
    {
        var rows = new List<string[]> { new[] { "target", "highest clean cps", "p50 setup ms", "p99 setup ms", "limited by", "ratio vs best reference" } };
        foreach (var result in _results)
        {
            rows.Add(
            [
                result.Name,
                result.Error is null ? result.HighestCleanRate.ToString(CultureInfo.InvariantCulture) : "-",
                Milliseconds(result.Best?.SetupP50Milliseconds),
                Milliseconds(result.Best?.SetupP99Milliseconds),
                result.Error ?? (result.Best is null ? $"no clean step; {result.LimitedBy}" : result.LimitedBy),
                Ratio(result),
            ]);
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        for (var i = 0; i < rows.Count; i++)
        {
            text.Append('|').AppendJoin('|', rows[i].Select((cell, c) => $" {cell.PadRight(widths[c])} ")).Append('|').Append('\n');
            if (i == 0)
            {
                text.Append('|').AppendJoin('|', widths.Select(w => new string('-', w + 2))).Append('|').Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>One line comparing the gateway with the best reference and the goal.</summary>
    public string Verdict()
    {
        var goal = $"goal: >= {GoalRatio:0.0}x the best reference and >= {GoalRate} calls/s";
        var gateway = _results.FirstOrDefault(r => !r.IsReference);
        if (gateway is null)
        {
            return $"gateway: not measured (not in --targets); {goal}";
        }

        if (gateway.Error is not null)
        {
            return $"gateway: {gateway.Error}; {goal}: NOT MET";
        }

        var reference = _bestReference is null
            ? "no reference measured"
            : $"{RatioValue(gateway):0.00}x the best reference ({_bestReference.Name}, {_bestReference.HighestCleanRate} calls/s"
                + (_bestReference.LimitedBy.StartsWith("target", StringComparison.Ordinal) ? ")" : $"; {_bestReference.LimitedBy}, so a lower bound)");
        var met = _bestReference is not null && RatioValue(gateway) >= GoalRatio && gateway.HighestCleanRate >= GoalRate;
        var capped = gateway.LimitedBy.StartsWith("target", StringComparison.Ordinal) ? "" : $" ({gateway.LimitedBy})";
        return $"gateway: {gateway.HighestCleanRate} calls/s clean{capped} = {reference}; {goal}: {(met ? "MET" : "NOT MET")}";
    }

    /// <summary>A warning when other processes took a noticeable share of the CPU during the steps, or <c>null</c>.</summary>
    public string? NoiseWarning()
    {
        var other = _results.SelectMany(r => r.Steps).Select(s => s.OtherCpu).DefaultIfEmpty(0).Max();
        return other < NoisyOtherCpu
            ? null
            : $"note: other processes used up to {other:0.00} of {Environment.ProcessorCount} cores during the steps; the figures are noisy";
    }

    /// <summary>Writes <c>sip-&lt;timestamp&gt;.md</c> and <c>.json</c> into <paramref name="directory"/>.</summary>
    /// <param name="directory">The report folder; created when missing.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The markdown file's path.</returns>
    public async Task<string> WriteAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, $"sip-{_startedUtc:yyyyMMdd-HHmmss}");
        await File.WriteAllTextAsync(stem + ".md", Markdown(), cancellationToken);
        var json = new
        {
            startedUtc = _startedUtc,
            machine = new { cores = Environment.ProcessorCount, os = Environment.OSVersion.VersionString },
            options = new { _options.Targets, _options.Rates, _options.Seconds, _options.Generators, _options.MaxGenerators },
            bestReference = _bestReference?.Name,
            verdict = Verdict(),
            noise = NoiseWarning(),
            targets = _results,
        };
        await File.WriteAllTextAsync(stem + ".json", JsonSerializer.Serialize(json, s_json), cancellationToken);
        return stem + ".md";
    }

    private string Markdown()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# SIP load: sipp uac against gateway and references, {_startedUtc:yyyy-MM-dd HH:mm:ss} UTC\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores shared by targets and sipp; rates {string.Join(", ", _options.Rates)} calls/s, ");
        text.Append(CultureInfo.InvariantCulture, $"{_options.Seconds} s per step; clean = no failed call, no retransmission, >= {LoadStep.MinimumRateShare:0%} of the rate. ");
        text.Append("Setup time = INVITE to 200 as sipp measures it, in whole milliseconds (<1 = under a millisecond).\n\n");
        text.Append(Table()).Append('\n').Append(Verdict()).Append('\n');
        if (NoiseWarning() is { } warning)
        {
            text.Append('\n').Append(warning).Append('\n');
        }

        text.Append("\n## Steps\n\n");
        text.Append("| target | rate | sipp | ok/calls | failed | retrans | achieved cps | p50 ms | p99 ms | target cores | sipp cores (busiest) | other cores | result |\n");
        text.Append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var result in _results)
        {
            foreach (var s in result.Steps)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {result.Name} | {s.Rate} | {s.Generators} | {s.Successful}/{s.Calls} | {s.Failed} | {s.Retransmissions} | ");
                text.Append(CultureInfo.InvariantCulture, $"{s.AchievedRate:0} | {Milliseconds(s.SetupP50Milliseconds)} | {Milliseconds(s.SetupP99Milliseconds)} | ");
                text.Append(CultureInfo.InvariantCulture, $"{s.TargetCpu:0.00} | {s.GeneratorCpuTotal:0.00} ({s.GeneratorCpu * 100:0}%) | {s.OtherCpu:0.00} | {s.Problem ?? "clean"} |\n");
            }
        }

        return text.ToString();
    }

    private string Ratio(TargetResult result) =>
        result.Error is not null || _bestReference is null ? "-" : $"{RatioValue(result):0.00}x";

    private double RatioValue(TargetResult result) =>
        _bestReference is null ? 0 : (double)result.HighestCleanRate / _bestReference.HighestCleanRate;

    private static string Milliseconds(double? value) => value switch
    {
        null => "-",
        < 1 => "<1",
        _ => value.Value.ToString("0", CultureInfo.InvariantCulture),
    };
}
