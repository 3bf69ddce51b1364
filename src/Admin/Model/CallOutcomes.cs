namespace Softswitch.Admin.Model;

/// <summary>The usual values of <see cref="CallRecord.Outcome"/> (others may be added).</summary>
public static class CallOutcomes
{
    /// <summary>Still in progress.</summary>
    public const string InProgress = "in-progress";

    /// <summary>Answered and ended normally.</summary>
    public const string Answered = "answered";

    /// <summary>The callee was busy.</summary>
    public const string Busy = "busy";

    /// <summary>Nobody answered.</summary>
    public const string NoAnswer = "no-answer";

    /// <summary>Rejected by the gateway (no route, overload, not allowed).</summary>
    public const string Rejected = "rejected";

    /// <summary>Failed (network, media or engine error).</summary>
    public const string Failed = "failed";

    /// <summary>Cancelled by the caller before it was answered.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Transferred elsewhere.</summary>
    public const string Transferred = "transferred";
}
