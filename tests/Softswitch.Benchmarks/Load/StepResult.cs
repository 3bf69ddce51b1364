namespace Softswitch.Benchmarks.Load;

/// <summary>One step of a ramp: a call rate held for some seconds, spread over one or more sipp processes.</summary>
internal sealed record StepResult
{
    /// <summary>Calls per second asked for.</summary>
    public required int Rate { get; init; }

    /// <summary>sipp processes that shared the rate.</summary>
    public required int Generators { get; init; }

    /// <summary>Calls placed in all.</summary>
    public required int Calls { get; init; }

    /// <summary>Calls that completed.</summary>
    public required long Successful { get; init; }

    /// <summary>Calls that failed.</summary>
    public required long Failed { get; init; }

    /// <summary>Retransmissions sent or received, and late retransmissions for calls already ended.</summary>
    public required long Retransmissions { get; init; }

    /// <summary>Messages for calls sipp did not know.</summary>
    public required long OutOfCall { get; init; }

    /// <summary>Successful calls per second, summed over the sipp processes.</summary>
    public required double AchievedRate { get; init; }

    /// <summary>Median INVITE-to-200 time, ms; <c>null</c> without samples.</summary>
    public required double? SetupP50Milliseconds { get; init; }

    /// <summary>99th percentile INVITE-to-200 time, ms; <c>null</c> without samples.</summary>
    public required double? SetupP99Milliseconds { get; init; }

    /// <summary>CPU of the busiest sipp process, in cores (1.0 = saturated).</summary>
    public required double GeneratorCpu { get; init; }

    /// <summary>CPU of all sipp processes together, in cores.</summary>
    public required double GeneratorCpuTotal { get; init; }

    /// <summary>CPU of the target's processes during the step, in cores.</summary>
    public required double TargetCpu { get; init; }

    /// <summary>Busy share of all of the machine's cores during the step (other work included), 0 to 1.</summary>
    public required double HostCpu { get; init; }

    /// <summary>CPU that neither the target nor sipp used (other work on the machine), in cores.</summary>
    public required double OtherCpu { get; init; }

    /// <summary>Why the step is not clean, or <c>null</c> when it is.</summary>
    public required string? Problem { get; init; }

    /// <summary>No failed call, no retransmission, and at least 95% of the asked rate.</summary>
    public bool Clean => Problem is null;

    /// <summary>Whether a sipp process was CPU-bound, so the load generator may have been the limit.</summary>
    public bool GeneratorSaturated => GeneratorCpu >= SippUac.SaturatedCpu;
}
