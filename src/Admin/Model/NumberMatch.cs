namespace Softswitch.Admin.Model;

/// <summary>A condition on a called or calling number.</summary>
/// <param name="Kind">How to compare.</param>
/// <param name="Value">What to compare with.</param>
public sealed record NumberMatch(NumberMatchKind Kind, string Value);
