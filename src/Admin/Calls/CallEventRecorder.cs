using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Softswitch.Admin.Model;
using Softswitch.Admin.Persistence;
using Softswitch.Dialog.Routing;
using Softswitch.Gateway.Calls;
using Softswitch.Media.Dtmf;

namespace Softswitch.Admin.Calls;

/// <summary>
/// Turns what happens on each call into its call record (CDR) and its numbered events: both go to the database through the
/// <see cref="CallRecordWriter"/> (never waiting on it) and the events to live listeners through the <see cref="CallEventHub"/>.
/// Also keeps what the live-call list shows beyond the gateway's own state (route, agent version, queue).
/// </summary>
internal sealed class CallEventRecorder : ICallEventSink
{
    /// <summary>Name of the meter with the call counters.</summary>
    public const string MeterName = "Softswitch.Admin.Calls";

    private readonly ConcurrentDictionary<string, LiveCall> _live = new(StringComparer.Ordinal);
    private readonly CallRecordWriter _writer;
    private readonly CallEventHub _hub;
    private readonly TimeProvider _timeProvider;
    private readonly Counter<long> _started;
    private readonly Counter<long> _ended;

    public CallEventRecorder(CallRecordWriter writer, CallEventHub hub, TimeProvider timeProvider, IMeterFactory meterFactory)
    {
        _writer = writer;
        _hub = hub;
        _timeProvider = timeProvider;
        var meter = meterFactory.Create(MeterName);
        _started = meter.CreateCounter<long>("softswitch.calls.started", "{call}", "Calls that reached the gateway's call handling (inbound INVITEs accepted for routing).");
        _ended = meter.CreateCounter<long>("softswitch.calls.ended", "{call}", "Calls ended, by outcome (answered, cancelled, rejected, failed, ...).");
        meter.CreateObservableUpDownCounter("softswitch.calls.active", () => _live.Count, "{call}", "Calls in progress.");
    }

    /// <summary>The record of a call in progress, or null.</summary>
    /// <param name="callId">The call.</param>
    /// <returns>Its record so far.</returns>
    public CallRecord? Live(string callId) => _live.TryGetValue(callId, out var live) ? live.Record : null;

    /// <inheritdoc/>
    public void OnStarted(ICall call)
    {
        Begin(call, CallDirection.Inbound, trunkId: null, agent: null, routeReason: null, new { from = call.Caller, to = call.Called, remote = call.RemoteSignalling.ToString() });
    }

    /// <summary>An outbound call placed through the API: its record starts outbound, on its trunk, with its agent version.</summary>
    /// <param name="call">The call.</param>
    /// <param name="trunkId">The trunk it goes through, or null for a direct SIP URI.</param>
    /// <param name="agent">The agent version that talks on it.</param>
    public void OnOriginated(ICall call, string? trunkId, AgentProfile agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        Begin(call, CallDirection.Outbound, trunkId, agent, "originated through the API", new { direction = "outbound", from = call.Caller, to = call.Called, trunkId, agentId = agent.AgentId, agentVersion = agent.Version });
    }

    // A call's record starts in progress, is live until it ends, and its first event is call.started.
    private void Begin(ICall call, CallDirection direction, string? trunkId, AgentProfile? agent, string? routeReason, object started)
    {
        var record = new CallRecord(
            call.CallId, direction, call.Caller, call.Called, trunkId, agent?.AgentId, agent?.Version, null, null, routeReason,
            call.StartedAt, null, null, CallOutcomes.InProgress, null, null, null, null, null, null);
        var live = new LiveCall(record);
        _live[call.CallId] = live;
        _started.Add(1);
        Update(live, static r => r, "call.started", started);
    }

    /// <inheritdoc/>
    public void OnRouted(ICall call, CallRouteDecision decision)
    {
        if (_live.TryGetValue(call.CallId, out var live))
        {
            Update(
                live,
                r => r with { RouteId = decision.RouteId, RouteReason = decision.Reason, AgentId = decision.Agent?.AgentId, AgentVersion = decision.Agent?.Version, QueueId = decision.QueueId },
                "call.routed",
                new { target = decision.Kind.ToString().ToLowerInvariant(), routeId = decision.RouteId, reason = decision.Reason, agentId = decision.Agent?.AgentId, agentVersion = decision.Agent?.Version, queueId = decision.QueueId });
        }
    }

    /// <inheritdoc/>
    public void OnAnswered(ICall call)
    {
        if (_live.TryGetValue(call.CallId, out var live))
        {
            var at = _timeProvider.GetUtcNow();
            Update(live, r => r with { AnsweredAt = at }, "call.answered", new { at });
        }
    }

    /// <inheritdoc/>
    public void OnRecording(ICall call, string path)
    {
        if (_live.TryGetValue(call.CallId, out var live))
        {
            Update(live, r => r with { RecordingPath = path }, "call.recording", new { file = Path.GetFileName(path) });
        }
    }

    /// <inheritdoc/>
    public void OnDigit(ICall call, DtmfDigit digit)
    {
        if (_live.TryGetValue(call.CallId, out var live))
        {
            Update(live, static r => r, "dtmf", new { digit = digit.Digit.ToString(), durationMs = (int)digit.Duration.TotalMilliseconds, source = digit.Source.ToString() });
        }
    }

    /// <summary>A transfer of the call was asked for (through the API).</summary>
    /// <param name="call">The call.</param>
    /// <param name="target">Where to.</param>
    /// <param name="queueId">The queue whose member <paramref name="target"/> is, or null.</param>
    public void OnTransferStarted(ICall call, string target, string? queueId)
    {
        if (_live.TryGetValue(call.CallId, out var live))
        {
            Interlocked.Exchange(ref live.TransferPending, 1);
            Update(live, r => queueId is null ? r : r with { QueueId = queueId }, "transfer.started", new { target, queueId, method = "refer" });
        }
    }

    /// <summary>How a transfer ended.</summary>
    /// <param name="call">The call.</param>
    /// <param name="result">The outcome.</param>
    public void OnTransferEnded(ICall call, CallTransferResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_live.TryGetValue(call.CallId, out var live) && Interlocked.Exchange(ref live.TransferPending, 0) == 1)
        {
            TransferEnded(live, result);
        }
    }

    private void TransferEnded(LiveCall live, CallTransferResult result) =>
        Update(live, static r => r, "transfer.ended", new { outcome = result.Outcome.ToString().ToLowerInvariant(), status = result.StatusCode, detail = result.Detail });

    /// <inheritdoc/>
    public void OnEnded(ICall call)
    {
        if (!_live.TryRemove(call.CallId, out var live))
        {
            return;
        }

        // A successful transfer ends the call: its outcome is told here, before the end, whichever comes first.
        if (call.LastTransfer is { } transfer && Interlocked.Exchange(ref live.TransferPending, 0) == 1)
        {
            TransferEnded(live, transfer);
        }

        var quality = call.MediaQuality;
        var endedAt = _timeProvider.GetUtcNow();
        var outcome = call.EndReason == CallEndReason.Transferred ? CallOutcomes.Transferred : live.Record.AnsweredAt is not null ? CallOutcomes.Answered : call.EndReason switch
        {
            CallEndReason.Cancelled or CallEndReason.RemoteHangup or CallEndReason.LocalHangup => CallOutcomes.Cancelled,
            CallEndReason.Rejected => CallOutcomes.Rejected,
            CallEndReason.Busy => CallOutcomes.Busy,
            CallEndReason.NoAnswer => CallOutcomes.NoAnswer,
            _ => CallOutcomes.Failed,
        };
        _ended.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        Update(
            live,
            r => r with
            {
                EndedAt = endedAt,
                Outcome = outcome,
                SipStatus = call.FinalStatus ?? r.SipStatus,
                EndReason = call.EndReason.ToString(),
                Mos = quality?.Mos,
                LossPercent = quality?.LossPercent,
                JitterMs = quality?.JitterMs,
            },
            "call.ended",
            new { outcome, reason = call.EndReason.ToString(), sipStatus = call.FinalStatus, mos = quality?.Mos, lossPercent = quality?.LossPercent, jitterMs = quality?.JitterMs });
    }

    private void Update(LiveCall live, Func<CallRecord, CallRecord> change, string type, object data)
    {
        var json = JsonSerializer.Serialize(data, ModelJson.Options);
        CallEventRecord callEvent;

        // Queued under the lock: two threads telling one call's events (the call's end and a transfer's outcome, say) must
        // reach the writer in the order their changes were made, or an older record would overwrite a newer one.
        lock (live)
        {
            live.Record = change(live.Record);
            callEvent = new CallEventRecord(live.Record.CallId, ++live.Sequence, _timeProvider.GetUtcNow(), type, json);
            _writer.Enqueue(live.Record);
            _writer.Enqueue(callEvent);
        }

        _hub.Publish(callEvent);
    }

    private sealed class LiveCall(CallRecord record)
    {
        public CallRecord Record { get; set; } = record;

        public long Sequence { get; set; }

        /// <summary>1 while a transfer's outcome is still to be told.</summary>
        public int TransferPending;
    }
}
