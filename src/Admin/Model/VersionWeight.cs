namespace Softswitch.Admin.Model;

/// <summary>Share of calls for one agent version (canary splits).</summary>
/// <param name="Version">The agent version.</param>
/// <param name="Weight">Relative weight; shares are weight divided by the sum of weights.</param>
public sealed record VersionWeight(int Version, int Weight);
