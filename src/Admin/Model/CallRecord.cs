namespace Softswitch.Admin.Model;

/// <summary>A call detail record (CDR): one per call, written when it starts and updated until it ends.</summary>
/// <param name="CallId">The SIP Call-ID; unique.</param>
/// <param name="Direction">Inbound or outbound.</param>
/// <param name="From">Calling number or URI.</param>
/// <param name="To">Called number or URI.</param>
/// <param name="TrunkId">The trunk, or null.</param>
/// <param name="AgentId">The agent that handled the call, or null.</param>
/// <param name="AgentVersion">The agent version, or null.</param>
/// <param name="QueueId">The queue the call went to, or null.</param>
/// <param name="RouteId">The route that matched, or null.</param>
/// <param name="RouteReason">Why the route (or fallback) was chosen, or null.</param>
/// <param name="StartedAt">When the INVITE arrived or was sent.</param>
/// <param name="AnsweredAt">When it was answered, or null.</param>
/// <param name="EndedAt">When it ended, or null while in progress.</param>
/// <param name="Outcome">How it went; see <see cref="CallOutcomes"/>.</param>
/// <param name="SipStatus">Final SIP status code, or null.</param>
/// <param name="EndReason">Why it ended (BYE from caller, agent hung up, limit…), or null.</param>
/// <param name="Mos">Estimated mean opinion score, or null.</param>
/// <param name="LossPercent">Packet loss, percent, or null.</param>
/// <param name="JitterMs">Mean jitter, milliseconds, or null.</param>
/// <param name="RecordingPath">Recording file, or null.</param>
public sealed record CallRecord(
    string CallId,
    CallDirection Direction,
    string From,
    string To,
    string? TrunkId,
    string? AgentId,
    int? AgentVersion,
    string? QueueId,
    string? RouteId,
    string? RouteReason,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    string Outcome,
    int? SipStatus,
    string? EndReason,
    double? Mos,
    double? LossPercent,
    double? JitterMs,
    string? RecordingPath);
