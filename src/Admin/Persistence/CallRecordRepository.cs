using System.Text;
using Dapper;
using Softswitch.Admin.Model;

namespace Softswitch.Admin.Persistence;

/// <summary>
/// Call detail records, call events and transcripts. Writes are idempotent (a CDR is upserted by Call-ID, events and
/// transcript lines are keyed by call and sequence), so the <see cref="CallRecordWriter"/> may retry them safely.
/// </summary>
internal sealed class CallRecordRepository
{
    private static readonly string[] s_keyColumns = ["call_id"];
    private static readonly string[] s_updateColumns =
    [
        "direction", "from_number", "to_number", "trunk_id", "agent_id", "agent_version", "queue_id", "route_id", "route_reason",
        "started_at", "answered_at", "ended_at", "outcome", "sip_status", "end_reason", "mos", "loss_percent", "jitter_ms", "recording_path",
    ];

    private const string InsertCallSql =
        "INSERT INTO calls (call_id, direction, from_number, to_number, trunk_id, agent_id, agent_version, queue_id, route_id, route_reason, " +
        "started_at, answered_at, ended_at, outcome, sip_status, end_reason, mos, loss_percent, jitter_ms, recording_path) " +
        "VALUES (@CallId, @Direction, @From, @To, @TrunkId, @AgentId, @AgentVersion, @QueueId, @RouteId, @RouteReason, " +
        "@StartedAt, @AnsweredAt, @EndedAt, @Outcome, @SipStatus, @EndReason, @Mos, @LossPercent, @JitterMs, @RecordingPath) ";

    private const string CallColumns =
        "id AS RowId, call_id AS CallId, direction AS Direction, from_number AS FromNumber, to_number AS ToNumber, trunk_id AS TrunkId, " +
        "agent_id AS AgentId, agent_version AS AgentVersion, queue_id AS QueueId, route_id AS RouteId, route_reason AS RouteReason, " +
        "started_at AS StartedAt, answered_at AS AnsweredAt, ended_at AS EndedAt, outcome AS Outcome, sip_status AS SipStatus, " +
        "end_reason AS EndReason, mos AS Mos, loss_percent AS LossPercent, jitter_ms AS JitterMs, recording_path AS RecordingPath";

    private const string GetCallSql = $"SELECT {CallColumns} FROM calls WHERE call_id = @callId";

    private const string InsertEventSql =
        "INSERT INTO call_events (call_id, sequence, at, type, data) VALUES (@CallId, @Sequence, @At, @Type, @Data) " +
        "ON CONFLICT (call_id, sequence) DO NOTHING";

    private const string ListEventsSql =
        "SELECT call_id AS CallId, sequence AS Sequence, at AS At, type AS Type, data AS Data FROM call_events WHERE call_id = @callId ORDER BY sequence";

    private const string InsertTranscriptSql =
        "INSERT INTO transcripts (call_id, sequence, at, speaker, text, final) VALUES (@CallId, @Sequence, @At, @Speaker, @Text, @Final) " +
        "ON CONFLICT (call_id, sequence) DO NOTHING";

    private const string ListTranscriptSql =
        "SELECT call_id AS CallId, sequence AS Sequence, at AS At, speaker AS Speaker, text AS Text, final AS Final " +
        "FROM transcripts WHERE call_id = @callId ORDER BY sequence";

    private readonly IDbConnectionFactory _connections;
    private readonly string _upsertCallSql;

    public CallRecordRepository(IDbConnectionFactory connections)
    {
        _connections = connections;
        _upsertCallSql = InsertCallSql + connections.Dialect.UpsertClause(s_keyColumns, s_updateColumns);
    }

    /// <summary>Inserts the CDR, or replaces the stored one with the same Call-ID.</summary>
    public async Task UpsertAsync(CallRecord call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await connection.ExecuteAsync(new CommandDefinition(_upsertCallSql, Parameters(call), cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>Appends call events; an event whose (call, sequence) is stored already is left as it is.</summary>
    public async Task AppendEventsAsync(IReadOnlyList<CallEventRecord> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        var rows = events.Select(e => new { e.CallId, e.Sequence, At = UnixTime.ToMs(e.At), e.Type, e.Data }).ToList();
        await ExecuteInTransactionAsync(InsertEventSql, rows, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends transcript lines; a line whose (call, sequence) is stored already is left as it is.</summary>
    public async Task AppendTranscriptAsync(IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        var rows = entries.Select(e => new { e.CallId, e.Sequence, At = UnixTime.ToMs(e.At), Speaker = SpeakerName(e.Speaker), e.Text, e.Final }).ToList();
        await ExecuteInTransactionAsync(InsertTranscriptSql, rows, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The CDR with this Call-ID, or null.</summary>
    public async Task<CallRecord?> GetAsync(string callId, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var row = await connection.QuerySingleOrDefaultAsync<CallRow>(new CommandDefinition(GetCallSql, new { callId }, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
            return row?.ToModel();
        }
    }

    /// <summary>The call's events, in sequence order.</summary>
    public async Task<IReadOnlyList<CallEventRecord>> ListEventsAsync(string callId, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<EventRow>(new CommandDefinition(ListEventsSql, new { callId }, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
            return rows.Select(r => new CallEventRecord(r.CallId, r.Sequence, UnixTime.FromMs(r.At), r.Type, r.Data)).ToList();
        }
    }

    /// <summary>The call's transcript, in sequence order.</summary>
    public async Task<IReadOnlyList<TranscriptEntry>> ListTranscriptAsync(string callId, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<TranscriptRow>(new CommandDefinition(ListTranscriptSql, new { callId }, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
            return rows.Select(r => new TranscriptEntry(
                r.CallId, r.Sequence, UnixTime.FromMs(r.At), r.Speaker == "agent" ? Speaker.Agent : Speaker.Caller, r.Text, r.Final)).ToList();
        }
    }

    /// <summary>
    /// One page of call history matching <paramref name="query"/>, newest first, with keyset pagination: walking the
    /// cursors visits every matching call exactly once, even while new calls are added.
    /// </summary>
    /// <exception cref="ArgumentException">The query's cursor is not one this repository produced.</exception>
    public async Task<CallHistoryPage> QueryAsync(CallHistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, CallHistoryQuery.MaxLimit);
        var sql = new StringBuilder($"SELECT {CallColumns} FROM calls WHERE 1 = 1");
        var parameters = new DynamicParameters();
        if (query.From is { } from)
        {
            sql.Append(" AND started_at >= @fromMs");
            parameters.Add("fromMs", UnixTime.ToMs(from));
        }

        if (query.To is { } to)
        {
            sql.Append(" AND started_at < @toMs");
            parameters.Add("toMs", UnixTime.ToMs(to));
        }

        if (!string.IsNullOrEmpty(query.Number))
        {
            sql.Append(" AND (from_number LIKE @number ESCAPE '\\' OR to_number LIKE @number ESCAPE '\\')");
            parameters.Add("number", "%" + SqlText.EscapeLike(query.Number) + "%");
        }

        if (query.Outcome is not null)
        {
            sql.Append(" AND outcome = @outcome");
            parameters.Add("outcome", query.Outcome);
        }

        if (query.AgentId is not null)
        {
            sql.Append(" AND agent_id = @agentId");
            parameters.Add("agentId", query.AgentId);
        }

        if (query.TrunkId is not null)
        {
            sql.Append(" AND trunk_id = @trunkId");
            parameters.Add("trunkId", query.TrunkId);
        }

        if (query.Direction is { } direction)
        {
            sql.Append(" AND direction = @direction");
            parameters.Add("direction", DirectionName(direction));
        }

        if (query.Cursor is not null)
        {
            if (!CallHistoryCursor.TryDecode(query.Cursor, out var cursor))
            {
                throw new ArgumentException("The cursor is not valid.", nameof(query));
            }

            sql.Append(" AND (started_at < @cursorAt OR (started_at = @cursorAt AND id < @cursorId))");
            parameters.Add("cursorAt", cursor.StartedAtMs);
            parameters.Add("cursorId", cursor.RowId);
        }

        // One more than the page, to know whether another page follows.
        sql.Append(" ORDER BY started_at DESC, id DESC LIMIT @take");
        parameters.Add("take", (long)limit + 1);

        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = (await connection.QueryAsync<CallRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken))
                .ConfigureAwait(false)).ToList();
            string? next = null;
            if (rows.Count > limit)
            {
                rows.RemoveAt(rows.Count - 1);
                next = new CallHistoryCursor(rows[^1].StartedAt, rows[^1].RowId).Encode();
            }

            return new CallHistoryPage(rows.Select(r => r.ToModel()).ToList(), next);
        }
    }

    private async Task ExecuteInTransactionAsync(string sql, object rows, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await connection.ExecuteAsync(new CommandDefinition(sql, rows, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static object Parameters(CallRecord call) => new
    {
        call.CallId,
        Direction = DirectionName(call.Direction),
        call.From,
        call.To,
        call.TrunkId,
        call.AgentId,
        AgentVersion = (long?)call.AgentVersion,
        call.QueueId,
        call.RouteId,
        call.RouteReason,
        StartedAt = UnixTime.ToMs(call.StartedAt),
        AnsweredAt = UnixTime.ToMs(call.AnsweredAt),
        EndedAt = UnixTime.ToMs(call.EndedAt),
        call.Outcome,
        SipStatus = (long?)call.SipStatus,
        call.EndReason,
        call.Mos,
        call.LossPercent,
        call.JitterMs,
        call.RecordingPath,
    };

    private static string DirectionName(CallDirection direction) => direction == CallDirection.Outbound ? "outbound" : "inbound";

    private static string SpeakerName(Speaker speaker) => speaker == Speaker.Agent ? "agent" : "caller";

    private sealed class CallRow
    {
        public long RowId { get; set; }

        public string CallId { get; set; } = "";

        public string Direction { get; set; } = "";

        public string FromNumber { get; set; } = "";

        public string ToNumber { get; set; } = "";

        public string? TrunkId { get; set; }

        public string? AgentId { get; set; }

        public long? AgentVersion { get; set; }

        public string? QueueId { get; set; }

        public string? RouteId { get; set; }

        public string? RouteReason { get; set; }

        public long StartedAt { get; set; }

        public long? AnsweredAt { get; set; }

        public long? EndedAt { get; set; }

        public string Outcome { get; set; } = "";

        public long? SipStatus { get; set; }

        public string? EndReason { get; set; }

        public double? Mos { get; set; }

        public double? LossPercent { get; set; }

        public double? JitterMs { get; set; }

        public string? RecordingPath { get; set; }

        public CallRecord ToModel() => new(
            CallId,
            Direction == "outbound" ? CallDirection.Outbound : CallDirection.Inbound,
            FromNumber,
            ToNumber,
            TrunkId,
            AgentId,
            AgentVersion is { } v ? (int)v : null,
            QueueId,
            RouteId,
            RouteReason,
            UnixTime.FromMs(StartedAt),
            UnixTime.FromMs(AnsweredAt),
            UnixTime.FromMs(EndedAt),
            Outcome,
            SipStatus is { } s ? (int)s : null,
            EndReason,
            Mos,
            LossPercent,
            JitterMs,
            RecordingPath);
    }

    private sealed class EventRow
    {
        public string CallId { get; set; } = "";

        public long Sequence { get; set; }

        public long At { get; set; }

        public string Type { get; set; } = "";

        public string Data { get; set; } = "";
    }

    private sealed class TranscriptRow
    {
        public string CallId { get; set; } = "";

        public long Sequence { get; set; }

        public long At { get; set; }

        public string Speaker { get; set; } = "";

        public string Text { get; set; } = "";

        public bool Final { get; set; }
    }
}
