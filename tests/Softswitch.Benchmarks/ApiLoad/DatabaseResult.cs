namespace Softswitch.Benchmarks.ApiLoad;

/// <summary>Everything measured on one database.</summary>
internal sealed record DatabaseResult
{
    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public required string Database { get; init; }

    /// <summary>Why the database could not be measured (or was measured only in part), or <c>null</c>.</summary>
    public string? Error { get; init; }

    /// <summary>Call records in the history before measuring (seeded by real calls).</summary>
    public int SeededRecords { get; init; }

    /// <summary>The read endpoints with no calls.</summary>
    public IReadOnlyList<EndpointResult> ReadsAlone { get; init; } = [];

    /// <summary>CPU while the reads ran alone.</summary>
    public PhaseCpu? ReadsAloneCpu { get; init; }

    /// <summary>The read endpoints while calls ran (phase 3).</summary>
    public IReadOnlyList<EndpointResult> ReadsWithCalls { get; init; } = [];

    /// <summary>Calls with no API load.</summary>
    public CallPhaseResult? CallsAlone { get; init; }

    /// <summary>Calls with the read load.</summary>
    public CallPhaseResult? CallsWithReads { get; init; }

    /// <summary>No error, no failed request, no problem in a call phase.</summary>
    public bool Clean => Error is null
        && ReadsAlone.Concat(ReadsWithCalls).All(e => e.Errors == 0)
        && new[] { CallsAlone, CallsWithReads }.All(p => p is { Problem: null });

    /// <summary>SIP p99 with the read load over SIP p99 without; <c>null</c> when either is missing.</summary>
    public double? SipP99Ratio =>
        CallsAlone?.SetupP99Milliseconds is { } alone && alone > 0 && CallsWithReads?.SetupP99Milliseconds is { } loaded ? loaded / alone : null;
}
