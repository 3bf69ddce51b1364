using Softswitch.Admin.Model;
using Softswitch.Admin.Persistence;
using Route = Softswitch.Admin.Model.Route;

namespace Softswitch.Admin.Config;

/// <summary>The configuration as stored, read inside the import's transaction, by id.</summary>
internal sealed class StoredConfig
{
    public Dictionary<string, (Agent Agent, IReadOnlyList<AgentVersion> Versions)> Agents { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Route> Routes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Trunk> Trunks { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Queue> Queues { get; } = new(StringComparer.Ordinal);

    public static async Task<StoredConfig> LoadAsync(
        AgentRepository agents, RouteRepository routes, TrunkRepository trunks, QueueRepository queues, AdminTransaction transaction, CancellationToken cancellationToken)
    {
        var stored = new StoredConfig();
        foreach (var agent in await agents.ListAsync(transaction, cancellationToken).ConfigureAwait(false))
        {
            stored.Agents[agent.Id] = (agent, await agents.ListVersionsAsync(agent.Id, transaction, cancellationToken).ConfigureAwait(false));
        }

        foreach (var route in await routes.ListAsync(transaction, cancellationToken).ConfigureAwait(false))
        {
            stored.Routes[route.Id] = route;
        }

        foreach (var trunk in await trunks.ListAsync(transaction, cancellationToken).ConfigureAwait(false))
        {
            stored.Trunks[trunk.Id] = trunk;
        }

        foreach (var queue in await queues.ListAsync(transaction, cancellationToken).ConfigureAwait(false))
        {
            stored.Queues[queue.Id] = queue;
        }

        return stored;
    }
}
