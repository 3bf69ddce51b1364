namespace Softswitch.Admin.Model;

/// <summary>A group of SIP phones that calls can be routed to.</summary>
/// <param name="Id">Unique id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Members">Member SIP URIs.</param>
/// <param name="Strategy">How members are rung.</param>
/// <param name="RingTimeoutSeconds">How long to ring before giving up (or moving on).</param>
/// <param name="Fallback">Where the call goes when nobody answers, or null to hang up.</param>
/// <param name="RowVersion">Changes on every write; the ETag and the expected value of the next update.</param>
public sealed record Queue(
    string Id,
    string Name,
    IReadOnlyList<string> Members,
    QueueStrategy Strategy,
    int RingTimeoutSeconds,
    RouteTarget? Fallback,
    long RowVersion);
