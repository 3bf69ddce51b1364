namespace Softswitch.Dialog.Routing;

/// <summary>Where a call goes and why (recorded on the call).</summary>
/// <param name="Kind">The kind of target.</param>
/// <param name="Reason">Why, in words: the route that matched and how, or why none did.</param>
public sealed record CallRouteDecision(CallTargetKind Kind, string Reason)
{
    /// <summary>The dialplan route that matched, or null.</summary>
    public string? RouteId { get; init; }

    /// <summary>The agent version for <see cref="CallTargetKind.Agent"/>.</summary>
    public AgentProfile? Agent { get; init; }

    /// <summary>The queue for <see cref="CallTargetKind.Queue"/>.</summary>
    public string? QueueId { get; init; }

    /// <summary>The SIP status for <see cref="CallTargetKind.Reject"/> (404 unless the route says otherwise).</summary>
    public int RejectStatus { get; init; } = 404;

    /// <summary>The embedded default flow, for <paramref name="reason"/>.</summary>
    /// <param name="reason">Why no route decided.</param>
    /// <returns>The decision.</returns>
    public static CallRouteDecision Default(string reason) => new(CallTargetKind.Default, reason);
}
