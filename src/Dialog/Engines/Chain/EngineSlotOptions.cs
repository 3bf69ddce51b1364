namespace Softswitch.Dialog.Engines.Chain;

/// <summary>Settings of one <see cref="EngineSlot{T}"/>: its bound on concurrent sessions and its circuit breaker.</summary>
public sealed class EngineSlotOptions
{
    /// <summary>Sessions of this engine that may be in use at once. Defaults to 1 (one inference thread per engine on small machines).</summary>
    public int MaxConcurrentSessions { get; set; } = 1;

    /// <summary>
    /// How long an acquisition waits for a free session before the chain moves on to the next engine: short, never forever.
    /// Defaults to 100 ms; 0–2 s.
    /// </summary>
    public TimeSpan BusyWait { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Share of failed acquisitions and sessions within <see cref="SamplingDuration"/> that opens the breaker. Defaults to 0.5.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Outcomes within <see cref="SamplingDuration"/> before the breaker may open. Defaults to 3; at least 2 (Polly).</summary>
    public int MinimumThroughput { get; set; } = 3;

    /// <summary>Window over which <see cref="FailureRatio"/> is measured. Defaults to 30 s; at least 500 ms (Polly).</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the breaker stays open before one trial acquisition (half-open). Defaults to 30 s; at least 500 ms (Polly).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws when a setting is out of range; the message names it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        Check(MaxConcurrentSessions is >= 1 and <= 1024, nameof(MaxConcurrentSessions), "must be 1–1024");
        Check(BusyWait >= TimeSpan.Zero && BusyWait <= TimeSpan.FromSeconds(2), nameof(BusyWait), "must be 0–2 s");
        Check(FailureRatio is > 0 and <= 1, nameof(FailureRatio), "must be above 0 and at most 1");
        Check(MinimumThroughput is >= 2 and <= 10_000, nameof(MinimumThroughput), "must be 2–10000");
        Check(SamplingDuration >= TimeSpan.FromMilliseconds(500) && SamplingDuration <= TimeSpan.FromDays(1), nameof(SamplingDuration), "must be 500 ms–1 day");
        Check(BreakDuration >= TimeSpan.FromMilliseconds(500) && BreakDuration <= TimeSpan.FromDays(1), nameof(BreakDuration), "must be 500 ms–1 day");
    }

    private static void Check(bool valid, string name, string rule)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(name, $"{nameof(EngineSlotOptions)}.{name} {rule}.");
        }
    }
}
