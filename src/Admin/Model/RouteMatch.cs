namespace Softswitch.Admin.Model;

/// <summary>Which calls a route takes.</summary>
/// <param name="Called">Condition on the called number.</param>
/// <param name="Caller">Condition on the calling number, or null for any caller.</param>
/// <param name="TrunkId">Only calls arriving on this trunk, or null for any trunk.</param>
public sealed record RouteMatch(NumberMatch Called, NumberMatch? Caller, string? TrunkId);
