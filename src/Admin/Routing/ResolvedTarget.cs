using Softswitch.Admin.Model;

namespace Softswitch.Admin.Routing;

/// <summary>A route's target made concrete: the agent version a call gets, or the queue.</summary>
/// <param name="Kind">Agent or queue.</param>
/// <param name="AgentId">The agent, for agent targets.</param>
/// <param name="AgentVersion">The published version picked (the agent's current one, or by canary weights).</param>
/// <param name="QueueId">The queue, for queue targets.</param>
public sealed record ResolvedTarget(RouteTargetKind Kind, string? AgentId, int? AgentVersion, string? QueueId);
