namespace Softswitch.Benchmarks.Load;

/// <summary>The outcome of one target's ramp.</summary>
internal sealed record TargetResult
{
    /// <summary>The target's name.</summary>
    public required string Name { get; init; }

    /// <summary>Whether it is a reference.</summary>
    public required bool IsReference { get; init; }

    /// <summary>Why it could not be measured (did not start, does not answer), or <c>null</c>.</summary>
    public string? Error { get; init; }

    /// <summary>The highest clean step, or <c>null</c> when none was clean.</summary>
    public StepResult? Best { get; init; }

    /// <summary>What stopped the ramp: the target, the load generator, the host's CPU, or the end of the rate list.</summary>
    public string LimitedBy { get; init; } = "";

    /// <summary>Every step run, retries included.</summary>
    public IReadOnlyList<StepResult> Steps { get; init; } = [];

    /// <summary>Highest clean calls per second (the asked rate of <see cref="Best"/>), 0 when none.</summary>
    public int HighestCleanRate => Best?.Rate ?? 0;
}
