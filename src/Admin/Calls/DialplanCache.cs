using Softswitch.Admin.Persistence;
using Softswitch.Admin.Routing;

namespace Softswitch.Admin.Calls;

/// <summary>
/// The dialplan as routing reads it: loaded from the database at most once per <see cref="MaxAge"/> (so another node's change
/// arrives within a second) and at once after a change through this node's API (<see cref="Invalidate"/>), so the next call
/// uses the new rules. Calls in progress keep what they were routed with.
/// </summary>
internal sealed class DialplanCache
{
    /// <summary>How long a loaded snapshot serves calls.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly RouteRepository _routes;
    private readonly AgentRepository _agents;
    private readonly QueueRepository _queues;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Entry? _current;

    /// <summary>Creates the cache.</summary>
    /// <param name="routes">Routes.</param>
    /// <param name="agents">Agents and their versions.</param>
    /// <param name="queues">Queues.</param>
    /// <param name="timeProvider">The clock for <see cref="MaxAge"/>.</param>
    public DialplanCache(RouteRepository routes, AgentRepository agents, QueueRepository queues, TimeProvider timeProvider)
    {
        _routes = routes;
        _agents = agents;
        _queues = queues;
        _timeProvider = timeProvider;
    }

    /// <summary>Drops the loaded snapshot: the next call reads the database again.</summary>
    public void Invalidate() => _current = null;

    /// <summary>The current snapshot, loading it when it is missing or old.</summary>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The snapshot.</returns>
    public async ValueTask<DialplanSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetTimestamp();
        if (_current is { } entry && _timeProvider.GetElapsedTime(entry.LoadedAt, now) < MaxAge)
        {
            return entry.Snapshot;
        }

        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } fresh && _timeProvider.GetElapsedTime(fresh.LoadedAt) < MaxAge)
            {
                return fresh.Snapshot;
            }

            var snapshot = await LoadAsync(cancellationToken).ConfigureAwait(false);
            _current = new Entry(snapshot, now);
            return snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<DialplanSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var routes = await _routes.ListAsync(cancellationToken).ConfigureAwait(false);
        var agents = new Dictionary<string, (int? Current, IReadOnlySet<int> Published)>(StringComparer.Ordinal);
        foreach (var agent in await _agents.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var versions = await _agents.ListVersionsAsync(agent.Id, cancellationToken).ConfigureAwait(false);
            agents[agent.Id] = (agent.PublishedVersion, versions.Where(v => v.State == Model.AgentVersionState.Published).Select(v => v.Version).ToHashSet());
        }

        var queues = (await _queues.ListAsync(cancellationToken).ConfigureAwait(false)).Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        return new DialplanSnapshot(routes, agents, queues);
    }

    private sealed record Entry(DialplanSnapshot Snapshot, long LoadedAt);
}
