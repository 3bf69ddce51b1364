using Softswitch.Admin.Model;

namespace Softswitch.Admin.Routing;

/// <summary>
/// What routing reads, loaded at once: the enabled routes in priority order, each agent's published versions and current one,
/// and the queues. Immutable, so one snapshot serves many calls.
/// </summary>
public sealed class DialplanSnapshot
{
    /// <summary>Creates a snapshot.</summary>
    /// <param name="routes">All routes; disabled ones are dropped, the rest ordered by priority, then id.</param>
    /// <param name="agents">Agents with their published versions (agent id → current published version and all published versions).</param>
    /// <param name="queues">Queue ids.</param>
    public DialplanSnapshot(IEnumerable<Route> routes, IReadOnlyDictionary<string, (int? Current, IReadOnlySet<int> Published)> agents, IReadOnlySet<string> queues)
    {
        Routes = [.. routes.Where(r => r.Enabled).OrderBy(r => r.Priority).ThenBy(r => r.Id, StringComparer.Ordinal)];
        Agents = agents;
        Queues = queues;
    }

    /// <summary>Enabled routes, first to try first.</summary>
    public IReadOnlyList<Route> Routes { get; }

    /// <summary>Agent id → its current published version (null when none) and every published version.</summary>
    public IReadOnlyDictionary<string, (int? Current, IReadOnlySet<int> Published)> Agents { get; }

    /// <summary>Queue ids.</summary>
    public IReadOnlySet<string> Queues { get; }
}
