namespace Softswitch.Dialog.Routing;

/// <summary>A call to route: who calls whom, through which trunk, when.</summary>
/// <param name="CallId">The SIP Call-ID.</param>
/// <param name="Caller">The caller's number or user (From).</param>
/// <param name="Called">The called number or user (Request-URI).</param>
/// <param name="TrunkId">The trunk it came through, or null when it came from no known trunk.</param>
/// <param name="At">When it arrived.</param>
public sealed record CallRouteRequest(string CallId, string Caller, string Called, string? TrunkId, DateTimeOffset At);
