namespace Softswitch.Admin.Routing;

/// <summary>A call to route: who calls whom, through which trunk, when.</summary>
/// <param name="Caller">The caller's number or user.</param>
/// <param name="Called">The called number or user.</param>
/// <param name="TrunkId">The trunk it came through, or null.</param>
/// <param name="At">When.</param>
public sealed record RouteQuery(string Caller, string Called, string? TrunkId, DateTimeOffset At);
