using System.Collections.Concurrent;
using Softswitch.Admin.Model;
using Softswitch.Admin.Persistence;
using Softswitch.Admin.Routing;
using Softswitch.Dialog.Routing;

namespace Softswitch.Admin.Calls;

/// <summary>
/// Routes inbound calls by the dialplan kept in the database: the <see cref="RouteEvaluator"/> over the cached snapshot, the
/// agent version it picks turned into the profile the call flow needs (published versions never change, so each is read
/// once). No matching route: the embedded default flow. A matching route whose target and fallback are both unavailable:
/// 480 Temporarily Unavailable, so the carrier can try elsewhere.
/// </summary>
internal sealed class DialplanCallRouter : ICallRouter
{
    private readonly DialplanCache _dialplan;
    private readonly AgentRepository _agents;
    private readonly ConcurrentDictionary<(string AgentId, int Version), AgentProfile> _profiles = new();

    /// <summary>Creates the router.</summary>
    /// <param name="dialplan">The cached dialplan.</param>
    /// <param name="agents">Agent versions.</param>
    public DialplanCallRouter(DialplanCache dialplan, AgentRepository agents)
    {
        _dialplan = dialplan;
        _agents = agents;
    }

    /// <inheritdoc/>
    public async ValueTask<CallRouteDecision> RouteAsync(CallRouteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var snapshot = await _dialplan.GetAsync(cancellationToken).ConfigureAwait(false);
        var evaluation = RouteEvaluator.Evaluate(snapshot, new RouteQuery(request.Caller, request.Called, request.TrunkId, request.At), Random.Shared);
        if (evaluation.Route is not { } route)
        {
            return CallRouteDecision.Default(evaluation.Explanation);
        }

        switch (evaluation.Target)
        {
            case { Kind: RouteTargetKind.Agent, AgentId: { } agentId, AgentVersion: { } version }:
                var profile = await ProfileAsync(agentId, version, cancellationToken).ConfigureAwait(false);
                return profile is null
                    ? new CallRouteDecision(CallTargetKind.Reject, evaluation.Explanation + $"; agent {agentId} version {version} vanished") { RouteId = route.Id, RejectStatus = 480 }
                    : new CallRouteDecision(CallTargetKind.Agent, evaluation.Explanation) { RouteId = route.Id, Agent = profile };
            case { Kind: RouteTargetKind.Queue, QueueId: { } queueId }:
                return new CallRouteDecision(CallTargetKind.Queue, evaluation.Explanation) { RouteId = route.Id, QueueId = queueId };
            default:
                return new CallRouteDecision(CallTargetKind.Reject, evaluation.Explanation) { RouteId = route.Id, RejectStatus = 480 };
        }
    }

    /// <summary>The profile of the version of <paramref name="agentId"/> that new calls use, or null when it has none published.</summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async ValueTask<AgentProfile?> PublishedProfileAsync(string agentId, CancellationToken cancellationToken)
    {
        var agent = await _agents.GetAsync(agentId, cancellationToken).ConfigureAwait(false);
        return agent?.PublishedVersion is { } version ? await ProfileAsync(agentId, version, cancellationToken).ConfigureAwait(false) : null;
    }

    private async ValueTask<AgentProfile?> ProfileAsync(string agentId, int version, CancellationToken cancellationToken)
    {
        if (_profiles.TryGetValue((agentId, version), out var cached))
        {
            return cached;
        }

        var stored = await _agents.GetVersionAsync(agentId, version, cancellationToken).ConfigureAwait(false);
        if (stored is not { State: AgentVersionState.Published })
        {
            return null;
        }

        var definition = stored.Definition;
        var profile = new AgentProfile(agentId, version, definition.Name, definition.Greeting, definition.Voice, definition.Language);
        _profiles.TryAdd((agentId, version), profile);
        return profile;
    }
}
