namespace Softswitch.Benchmarks.MediaLoad;

/// <summary>One measured step: so many concurrent calls of one kind, and what the gateway did with their packets.</summary>
internal sealed record MediaStepResult
{
    /// <summary><c>G.711</c> or <c>transcoded</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Calls asked for (a transcoded call is two legs).</summary>
    public required int Calls { get; init; }

    /// <summary>RTP legs answered.</summary>
    public required int LegsAnswered { get; init; }

    /// <summary>RTP legs asked for.</summary>
    public required int Legs { get; init; }

    /// <summary>Seconds measured.</summary>
    public required double Seconds { get; init; }

    /// <summary>Gateway CPU in cores (user + system) over the window.</summary>
    public required double GatewayCores { get; init; }

    /// <summary>Load generator CPU in cores over the window.</summary>
    public required double GeneratorCores { get; init; }

    /// <summary>The machine's busy share of all cores over the window, 0 to 1.</summary>
    public required double HostBusy { get; init; }

    /// <summary>RTP packets the gateway should have sent in the window (50 per leg and second).</summary>
    public required long ExpectedFromGateway { get; init; }

    /// <summary>RTP packets received from the gateway in the window.</summary>
    public required long ReceivedFromGateway { get; init; }

    /// <summary>Inter-arrival gaps over the threshold on the gateway's streams.</summary>
    public required long Gaps { get; init; }

    /// <summary>Packets the gateway's RTCP reports count as lost in the window (inbound to the gateway).</summary>
    public required long LostAtGateway { get; init; }

    /// <summary>Datagrams the kernel dropped for full UDP receive buffers in the window (whole host).</summary>
    public required long KernelDrops { get; init; }

    /// <summary>Why the step could not be measured, or null.</summary>
    public string? Error { get; init; }

    /// <summary>Gateway CPU per call, in % of one core.</summary>
    public double PercentPerCall => Calls == 0 ? 0 : GatewayCores * 100 / Calls;

    /// <summary>Packets from the gateway that did not arrive, as a share of those expected.</summary>
    public double MissingShare => ExpectedFromGateway == 0 ? 0 : Math.Max(0, ExpectedFromGateway - ReceivedFromGateway) / (double)ExpectedFromGateway;

    /// <summary>No leg failed, nothing lost or dropped, under 0.1 % missing.</summary>
    public bool Clean => Error is null && LegsAnswered == Legs && LostAtGateway <= 0 && KernelDrops == 0 && MissingShare < 0.001;
}
