using System.Threading.Channels;
using Softswitch.Gateway.Transports;
using Softswitch.Sip;

namespace Softswitch.Gateway.Transactions;

/// <summary>
/// A client transaction: INVITE (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1"/>, Timers A, B, D, with the
/// 'Accepted' state and Timer M of <see href="https://www.rfc-editor.org/rfc/rfc6026#section-8.4"/>) or non-INVITE
/// (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2"/>, Timers E, F, K). Created by
/// <see cref="SipTransactionLayer.SendRequest"/>. The ACK for a non-2xx final response is generated here (§17.1.1.3).
/// </summary>
public sealed class ClientTransaction : SipTransaction
{
    private readonly Channel<SipResponse> _responses = Channel.CreateUnbounded<SipResponse>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly TaskCompletionSource<SipResponse> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _isInvite;
    private TimeSpan _interval;
    private SipRequest? _ack;

    internal ClientTransaction(SipTransactionLayer layer, string key, string branch, SipRequest request, SipEndPoint destination)
        : base(layer, key, branch, request.Method, destination.Transport)
    {
        Request = request;
        Destination = destination;
        _isInvite = request.Method == SipMethods.Invite;
    }

    /// <summary>The request, with our top Via.</summary>
    public SipRequest Request { get; }

    /// <summary>Where the request (and its retransmissions and the ACK for a non-2xx) goes.</summary>
    public SipEndPoint Destination { get; }

    /// <summary>
    /// Responses as they arrive: provisional and final, and for INVITE every 2xx that arrives in the 'Accepted' state
    /// (retransmissions and other forks) so the TU can ACK each. Timeout delivers a synthesized 408, a transport error a 503.
    /// Completes when the transaction terminates.
    /// </summary>
    public ChannelReader<SipResponse> Responses => _responses.Reader;

    /// <summary>The first final response (or the synthesized 408 on timeout, 503 on transport error).</summary>
    public Task<SipResponse> FinalResponse => _final.Task;

    /// <summary>
    /// Builds the CANCEL for this request (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-9.1"/>): same Request-URI,
    /// Call-ID, From, To, CSeq number and top Via (so the same branch), Route copied, method CANCEL. Send it with
    /// <see cref="SipTransactionLayer.SendRequest"/> once a provisional response has arrived.
    /// </summary>
    /// <returns>The CANCEL request.</returns>
    public SipRequest CreateCancel() => BuildHopRequest(SipMethods.Cancel, Request.Headers[SipHeaderNames.To]!);

    internal void Start()
    {
        lock (SyncRoot)
        {
            StateUnderLock = _isInvite ? SipTransactionState.Calling : SipTransactionState.Trying;
            if (!IsReliable)
            {
                _interval = Timers.T1;
                ArmRetransmitUnderLock(_interval); // Timer A or E.
            }

            ArmLifetimeUnderLock(_isInvite ? Timers.TimerB : Timers.TimerF);
        }

        Send(Request, Destination, retransmission: false);
    }

    /// <summary>A response matched this transaction (§17.1.3).</summary>
    internal void OnResponse(SipResponse response)
    {
        SipRequest? ack = null;
        var absorbed = false;
        var terminate = false;
        lock (SyncRoot)
        {
            var state = StateUnderLock;
            var status = response.StatusCode;
            if (_isInvite)
            {
                switch (state)
                {
                    case SipTransactionState.Calling or SipTransactionState.Proceeding when status < 200:
                        StateUnderLock = SipTransactionState.Proceeding;
                        CancelRetransmitUnderLock(); // Timer A stops; Timer B only applies in Calling.
                        CancelLifetimeUnderLock();
                        _responses.Writer.TryWrite(response);
                        break;
                    case SipTransactionState.Calling or SipTransactionState.Proceeding when status < 300:
                        // RFC 6026 §8.4: 2xx → Accepted, Timer M; the TU ACKs.
                        StateUnderLock = SipTransactionState.Accepted;
                        CancelRetransmitUnderLock();
                        ArmLifetimeUnderLock(Timers.TimerM);
                        _responses.Writer.TryWrite(response);
                        _final.TrySetResult(response);
                        break;
                    case SipTransactionState.Calling or SipTransactionState.Proceeding:
                        // §17.1.1.2: 300–699 → ACK, Completed, Timer D.
                        StateUnderLock = SipTransactionState.Completed;
                        CancelRetransmitUnderLock();
                        _ack = BuildAck(response);
                        ack = _ack;
                        _responses.Writer.TryWrite(response);
                        _final.TrySetResult(response);
                        if (IsReliable)
                        {
                            terminate = TerminateUnderLock();
                        }
                        else
                        {
                            ArmLifetimeUnderLock(Timers.TimerD);
                        }

                        break;
                    case SipTransactionState.Completed when status >= 300:
                        ack = _ack; // Retransmitted final: ACK again, do not pass up.
                        absorbed = true;
                        break;
                    case SipTransactionState.Accepted when status is >= 200 and < 300:
                        _responses.Writer.TryWrite(response); // Retransmitted 2xx (or another fork): the TU ACKs again.
                        break;
                    default:
                        absorbed = true;
                        break;
                }
            }
            else
            {
                switch (state)
                {
                    case SipTransactionState.Trying or SipTransactionState.Proceeding when status < 200:
                        StateUnderLock = SipTransactionState.Proceeding;
                        _responses.Writer.TryWrite(response);
                        break;
                    case SipTransactionState.Trying or SipTransactionState.Proceeding:
                        // §17.1.2.2: final → Completed, Timer K.
                        StateUnderLock = SipTransactionState.Completed;
                        CancelRetransmitUnderLock();
                        _responses.Writer.TryWrite(response);
                        _final.TrySetResult(response);
                        if (IsReliable)
                        {
                            terminate = TerminateUnderLock();
                        }
                        else
                        {
                            ArmLifetimeUnderLock(Timers.T4);
                        }

                        break;
                    default:
                        absorbed = true;
                        break;
                }
            }

            if (terminate)
            {
                _responses.Writer.TryComplete();
            }
        }

        if (absorbed)
        {
            SipMetrics.RetransmissionAbsorbed(response, Transport);
        }

        if (ack is not null)
        {
            Send(ack, Destination, retransmission: absorbed);
        }

        if (terminate)
        {
            CompleteTermination(SipTransactionTerminationReason.Normal);
        }
    }

    private protected override void OnRetransmitTimer()
    {
        lock (SyncRoot)
        {
            if (!TakeRetransmitTimerUnderLock())
            {
                return;
            }

            switch (StateUnderLock)
            {
                case SipTransactionState.Calling:
                    _interval *= 2; // Timer A doubles without a cap (§17.1.1.2).
                    break;
                case SipTransactionState.Trying:
                    _interval = Min(_interval * 2, Timers.T2); // Timer E (§17.1.2.2).
                    break;
                case SipTransactionState.Proceeding when !_isInvite:
                    _interval = Timers.T2;
                    break;
                default:
                    return;
            }

            ArmRetransmitUnderLock(_interval);
        }

        Send(Request, Destination, retransmission: true);
    }

    private protected override void OnLifetimeTimer()
    {
        SipTransactionTerminationReason reason;
        lock (SyncRoot)
        {
            if (!TakeLifetimeTimerUnderLock())
            {
                return;
            }

            var state = StateUnderLock;
            var timedOut = _isInvite ? state == SipTransactionState.Calling : state is SipTransactionState.Trying or SipTransactionState.Proceeding;
            if (timedOut)
            {
                // Timer B or F: the TU sees a 408 (§8.1.3.1).
                reason = SipTransactionTerminationReason.Timeout;
                FailUnderLock(408);
            }
            else if (state is SipTransactionState.Completed or SipTransactionState.Accepted)
            {
                reason = SipTransactionTerminationReason.Normal; // Timer D, K or M.
                TerminateUnderLock();
                _responses.Writer.TryComplete();
            }
            else
            {
                return;
            }
        }

        if (reason == SipTransactionTerminationReason.Timeout)
        {
            Layer.OnClientTimeout(this);
        }

        CompleteTermination(reason);
    }

    private protected override void OnTransportError()
    {
        lock (SyncRoot)
        {
            if (StateUnderLock == SipTransactionState.Terminated)
            {
                return;
            }

            FailUnderLock(503); // §17.1.4 and §8.1.3.1: a transport error is a 503 to the TU.
        }

        Layer.OnTransportError(this);
        CompleteTermination(SipTransactionTerminationReason.TransportError);
    }

    internal override void Abort()
    {
        lock (SyncRoot)
        {
            if (StateUnderLock != SipTransactionState.Terminated)
            {
                FailUnderLock(503);
            }
        }
    }

    /// <summary>Terminates, delivering a synthesized final response when none was delivered yet.</summary>
    private void FailUnderLock(int status)
    {
        TerminateUnderLock();
        if (!_final.Task.IsCompleted)
        {
            var synthesized = SipResponse.CreateFor(Request, status);
            _responses.Writer.TryWrite(synthesized);
            _final.TrySetResult(synthesized);
        }

        _responses.Writer.TryComplete();
    }

    /// <summary>The ACK for a non-2xx final response (§17.1.1.3): same branch and Request-URI, To from the response.</summary>
    private SipRequest BuildAck(SipResponse response) =>
        BuildHopRequest(SipMethods.Ack, response.Headers[SipHeaderNames.To] ?? Request.Headers[SipHeaderNames.To]!);

    private SipRequest BuildHopRequest(string method, string to)
    {
        var request = new SipRequest(method, Request.RequestUri.Clone());
        var headers = request.Headers;
        var vias = Request.Headers.GetValues(SipHeaderNames.Via);
        headers.Add(SipHeaderNames.Via, vias[0]);
        foreach (var route in Request.Headers.GetAll(SipHeaderNames.Route))
        {
            headers.Add(SipHeaderNames.Route, route);
        }

        headers.Add(SipHeaderNames.MaxForwards, "70");
        headers.Add(SipHeaderNames.From, Request.Headers[SipHeaderNames.From]!);
        headers.Add(SipHeaderNames.To, to);
        headers.Add(SipHeaderNames.CallId, Request.CallId);
        headers.Add(SipHeaderNames.CSeq, new SipCSeq(Request.CSeq.Number, method).ToString());
        return request;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
