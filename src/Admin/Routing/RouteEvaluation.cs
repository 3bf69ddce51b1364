using Softswitch.Admin.Model;

namespace Softswitch.Admin.Routing;

/// <summary>Where a call goes and why.</summary>
/// <param name="Route">The route that matched, or null when none did.</param>
/// <param name="Target">The target, or null when no route matched or neither its target nor its fallback is available.</param>
/// <param name="UsedFallback">Whether the route's fallback was taken because its first target was unavailable.</param>
/// <param name="Reasons">Each step of the decision in words, in order: routes passed over and why, the match, the target.</param>
public sealed record RouteEvaluation(Route? Route, ResolvedTarget? Target, bool UsedFallback, IReadOnlyList<string> Reasons)
{
    /// <summary>The reasons as one line.</summary>
    public string Explanation => string.Join("; ", Reasons);
}
