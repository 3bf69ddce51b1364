namespace Softswitch.Admin.Model;

/// <summary>Where a call goes: an agent (optionally split between versions) or a queue.</summary>
/// <param name="Kind">Agent or queue.</param>
/// <param name="AgentId">The agent, for <see cref="RouteTargetKind.Agent"/>.</param>
/// <param name="Weights">Split between agent versions, or null for the published version.</param>
/// <param name="QueueId">The queue, for <see cref="RouteTargetKind.Queue"/>.</param>
public sealed record RouteTarget(RouteTargetKind Kind, string? AgentId, IReadOnlyList<VersionWeight>? Weights, string? QueueId);
