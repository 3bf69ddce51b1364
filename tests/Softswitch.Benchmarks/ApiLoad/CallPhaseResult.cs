using System.Text.Json.Serialization;
using Softswitch.Benchmarks.Load;

namespace Softswitch.Benchmarks.ApiLoad;

/// <summary>A call phase: sipp at a fixed rate, what the gateway's call record writer wrote meanwhile, and the SIP latency.</summary>
internal sealed record CallPhaseResult
{
    /// <summary>Whether the HTTP read load ran at the same time.</summary>
    public required bool WithReads { get; init; }

    /// <summary>Calls per second asked for.</summary>
    public required int Rate { get; init; }

    /// <summary>Calls placed.</summary>
    public required int Calls { get; init; }

    /// <summary>Calls that completed sipp's scenario.</summary>
    public required long Successful { get; init; }

    /// <summary>Calls that failed.</summary>
    public required long Failed { get; init; }

    /// <summary>SIP retransmissions, a sign of a slow answer.</summary>
    public required long Retransmissions { get; init; }

    /// <summary>Seconds from sipp's start to its end.</summary>
    public required double Seconds { get; init; }

    /// <summary>Rounds pooled into this result (the phases alternate, so slow spells of other work hit both alike).</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>
    /// The step of the INVITE-to-200 times, ms: the greatest common divisor of the samples (sipp counts whole ms, and its loop
    /// may wake only on the kernel's tick, 4 ms at 250 Hz); 1 without samples.
    /// </summary>
    public int ResolutionMilliseconds
    {
        get
        {
            var step = 0;
            foreach (var value in SetupMilliseconds.Select(v => (int)Math.Round(v)).Where(v => v > 0).Distinct())
            {
                var (a, b) = (step, value);
                while (b != 0)
                {
                    (a, b) = (b, a % b);
                }

                step = a;
            }

            return Math.Max(1, step);
        }
    }

    /// <summary>SIP p99 of each round on its own, ms: how far rounds of the same load differ is the run's noise.</summary>
    public IReadOnlyList<double> RoundP99Milliseconds => _roundP99 ?? (SetupP99Milliseconds is { } p99 ? [p99] : []);

    private IReadOnlyList<double>? _roundP99;

    /// <summary>INVITE-to-200 time of each successful call, ms (sipp's resolution is 1 ms), sorted.</summary>
    [JsonIgnore]
    public IReadOnlyList<double> SetupMilliseconds { get; init; } = [];

    /// <summary>Median INVITE-to-200 time, ms; <c>null</c> without samples.</summary>
    public double? SetupP50Milliseconds => LoadStep.Percentile([.. SetupMilliseconds], 0.50);

    /// <summary>99th percentile INVITE-to-200 time, ms; <c>null</c> without samples.</summary>
    public double? SetupP99Milliseconds => LoadStep.Percentile([.. SetupMilliseconds], 0.99);

    /// <summary>Call records (CDRs) of the phase's calls found ended in the history.</summary>
    public required int RecordsWritten { get; init; }

    /// <summary>Events stored per call, averaged over a sample of the phase's calls.</summary>
    public required double EventsPerCall { get; init; }

    /// <summary>From sipp's end (the last call over) until every call's record was ended in the database, ms; <c>null</c> when it never was.</summary>
    public required double? WriterCatchUpMilliseconds { get; init; }

    /// <summary>The writer's counters during the phase (from <c>/metrics</c>), with the largest queue sampled.</summary>
    public required WriterMetrics Writer { get; init; }

    /// <summary>CPU of the gateway (cores) and busy share of the whole machine during the phase.</summary>
    public required PhaseCpu Cpu { get; init; }

    /// <summary>Why the phase is not clean (failed calls, sipp errors), or <c>null</c>.</summary>
    public required string? Problem { get; init; }

    /// <summary>Pools the rounds of one kind of phase: counts add up, samples are pooled, the writer's slowest catch-up is kept.</summary>
    /// <param name="rounds">The rounds, at least one.</param>
    public static CallPhaseResult Merge(IReadOnlyList<CallPhaseResult> rounds)
    {
        if (rounds.Count == 1)
        {
            return rounds[0];
        }

        var problems = rounds.Select(r => r.Problem).OfType<string>().ToList();
        var written = rounds.Sum(r => r.RecordsWritten);
        return new CallPhaseResult
        {
            WithReads = rounds[0].WithReads,
            Rate = rounds[0].Rate,
            Rounds = rounds.Count,
            _roundP99 = [.. rounds.SelectMany(r => r.RoundP99Milliseconds)],
            Calls = rounds.Sum(r => r.Calls),
            Successful = rounds.Sum(r => r.Successful),
            Failed = rounds.Sum(r => r.Failed),
            Retransmissions = rounds.Sum(r => r.Retransmissions),
            Seconds = rounds.Sum(r => r.Seconds),
            SetupMilliseconds = [.. rounds.SelectMany(r => r.SetupMilliseconds).Order()],
            RecordsWritten = written,
            EventsPerCall = rounds.Average(r => r.EventsPerCall),
            WriterCatchUpMilliseconds = rounds.All(r => r.WriterCatchUpMilliseconds is not null) ? rounds.Max(r => r.WriterCatchUpMilliseconds) : null,
            Writer = new WriterMetrics(rounds.Sum(r => r.Writer.Written), rounds.Sum(r => r.Writer.Dropped), rounds.Sum(r => r.Writer.Retries), rounds.Max(r => r.Writer.Queued)),
            Cpu = new PhaseCpu(rounds.Average(r => r.Cpu.GatewayCores), rounds.Average(r => r.Cpu.HostBusy)),
            Problem = problems.Count == 0 ? null : string.Join("; ", problems),
        };
    }

    /// <summary>Call records written per second.</summary>
    public double RecordsPerSecond => Seconds > 0 ? RecordsWritten / Seconds : 0;

    /// <summary>Call events written per second (sampled events per call × records).</summary>
    public double EventsPerSecond => RecordsPerSecond * EventsPerCall;

    /// <summary>Everything the writer wrote per second (CDR updates and events, by its own counter).</summary>
    public double WritesPerSecond => Seconds > 0 ? Writer.Written / Seconds : 0;
}
