using Softswitch.Gateway.Transports;
using Softswitch.Sip;

namespace Softswitch.Gateway.Transactions;

/// <summary>
/// A server transaction: INVITE (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1"/>, Timers G, H, I, the
/// 100 Trying delay, and the 'Accepted' state with Timer L of <see href="https://www.rfc-editor.org/rfc/rfc6026#section-8.7"/>)
/// or non-INVITE (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2"/>, Timer J). Retransmitted requests are
/// absorbed and answered with the last response; the ACK for a non-2xx final response is absorbed here.
/// </summary>
public sealed class ServerTransaction : SipTransaction
{
    private readonly bool _isInvite;
    private SipResponse? _lastResponse;
    private TimeSpan _interval;

    internal ServerTransaction(SipTransactionLayer layer, string key, SipRequest request, SipInbound inbound)
        : base(layer, key, request.TopVia.Branch ?? string.Empty, request.Method, inbound.Source.Transport)
    {
        Request = request;
        Inbound = inbound;
        _isInvite = request.Method == SipMethods.Invite;
    }

    /// <summary>The request that created the transaction.</summary>
    public SipRequest Request { get; }

    /// <summary>The request as received: source, local end point and TCP connection.</summary>
    public SipInbound Inbound { get; }

    /// <summary>The last response sent through the transaction (provisional or final), or <see langword="null"/>.</summary>
    public SipResponse? LastResponse
    {
        get
        {
            lock (SyncRoot)
            {
                return _lastResponse;
            }
        }
    }

    /// <summary>Whether a final response has been sent (INVITE: Completed, Confirmed or Accepted).</summary>
    internal bool HasFinalResponse
    {
        get
        {
            lock (SyncRoot)
            {
                return _lastResponse is { IsProvisional: false };
            }
        }
    }

    /// <summary>
    /// Sends a response through the transaction. INVITE provisional: re-sent only when the INVITE is retransmitted. INVITE
    /// non-2xx final: Completed, Timer G retransmits (unreliable transports) until the ACK, Timer H gives up, then Confirmed and
    /// Timer I. INVITE 2xx: Accepted with Timer L (RFC 6026); retransmitting the 2xx until the ACK is the TU's job
    /// (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-13.3.1.4"/>), through this method or
    /// <see cref="SipTransactionLayer.SendStatelessAsync"/>. Non-INVITE final: Completed with Timer J (unreliable) or terminated
    /// (reliable). A response the state does not allow (a second final response) is ignored.
    /// </summary>
    /// <param name="response">The response; build it with <see cref="SipResponse.CreateFor"/>.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes once the response is handed to the transport.</returns>
    public ValueTask SendResponseAsync(SipResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var terminate = false;
        var send = true;
        lock (SyncRoot)
        {
            var state = StateUnderLock;
            var status = response.StatusCode;
            if (_isInvite)
            {
                switch (state)
                {
                    case SipTransactionState.Proceeding when status < 200:
                        CancelRetransmitUnderLock(); // The TU answered: no 100 Trying from us.
                        _lastResponse = response;
                        break;
                    case SipTransactionState.Proceeding when status < 300:
                        StateUnderLock = SipTransactionState.Accepted;
                        CancelRetransmitUnderLock();
                        ArmLifetimeUnderLock(Timers.TimerL);
                        _lastResponse = response;
                        break;
                    case SipTransactionState.Proceeding:
                        StateUnderLock = SipTransactionState.Completed;
                        CancelRetransmitUnderLock();
                        if (!IsReliable)
                        {
                            _interval = Timers.T1;
                            ArmRetransmitUnderLock(_interval); // Timer G.
                        }

                        ArmLifetimeUnderLock(Timers.TimerH);
                        _lastResponse = response;
                        break;
                    case SipTransactionState.Accepted when status is >= 200 and < 300:
                        _lastResponse = response; // 2xx retransmission from the TU (RFC 6026 §7.1).
                        break;
                    default:
                        send = false;
                        break;
                }
            }
            else
            {
                switch (state)
                {
                    case SipTransactionState.Trying or SipTransactionState.Proceeding when status < 200:
                        StateUnderLock = SipTransactionState.Proceeding;
                        _lastResponse = response;
                        break;
                    case SipTransactionState.Trying or SipTransactionState.Proceeding:
                        StateUnderLock = SipTransactionState.Completed;
                        _lastResponse = response;
                        if (IsReliable)
                        {
                            terminate = TerminateUnderLock();
                        }
                        else
                        {
                            ArmLifetimeUnderLock(Timers.TimerJ);
                        }

                        break;
                    default:
                        send = false;
                        break;
                }
            }
        }

        if (!send)
        {
            Layer.OnResponseIgnored(this, response);
            return ValueTask.CompletedTask;
        }

        var sending = SendAndObserveAsync(response, Layer.Sender.GetResponseDestination(Inbound), cancellationToken);
        if (!terminate)
        {
            return sending;
        }

        return TerminateAfterAsync(sending);
    }

    /// <summary>The same request arrived again (§17.2.1, §17.2.2): absorb it and re-send the last response, if any.</summary>
    internal void OnRetransmission(SipInbound inbound)
    {
        SipResponse? resend = null;
        lock (SyncRoot)
        {
            switch (StateUnderLock)
            {
                case SipTransactionState.Proceeding:
                case SipTransactionState.Completed:
                    resend = _lastResponse;
                    break;
            }
        }

        SipMetrics.RetransmissionAbsorbed(inbound.Message, inbound.Source.Transport);
        if (resend is not null)
        {
            Send(resend, Layer.Sender.GetResponseDestination(Inbound), retransmission: true);
        }
    }

    /// <summary>
    /// An ACK matched this INVITE transaction: in Completed it confirms the non-2xx (Timer I); in Confirmed it is absorbed; in
    /// Accepted it is the ACK for the 2xx and goes to the TU (RFC 6026 §8.7).
    /// </summary>
    internal void OnAck(SipInbound ack)
    {
        var toUser = false;
        var terminate = false;
        lock (SyncRoot)
        {
            switch (StateUnderLock)
            {
                case SipTransactionState.Completed:
                    StateUnderLock = SipTransactionState.Confirmed;
                    CancelRetransmitUnderLock();
                    if (IsReliable)
                    {
                        terminate = TerminateUnderLock();
                    }
                    else
                    {
                        ArmLifetimeUnderLock(Timers.T4); // Timer I.
                    }

                    break;
                case SipTransactionState.Accepted:
                    toUser = true;
                    break;
            }
        }

        if (toUser)
        {
            Layer.PassAckToUser(ack);
        }
        else
        {
            SipMetrics.RetransmissionAbsorbed(ack.Message, ack.Source.Transport);
        }

        if (terminate)
        {
            CompleteTermination(SipTransactionTerminationReason.Normal);
        }
    }

    internal void Start()
    {
        lock (SyncRoot)
        {
            if (_isInvite)
            {
                StateUnderLock = SipTransactionState.Proceeding;
                ArmRetransmitUnderLock(Timers.TryingDelay);
            }
            else
            {
                StateUnderLock = SipTransactionState.Trying;
            }
        }
    }

    private protected override void OnRetransmitTimer()
    {
        SipResponse? send;
        bool retransmission;
        lock (SyncRoot)
        {
            if (!TakeRetransmitTimerUnderLock())
            {
                return;
            }

            switch (StateUnderLock)
            {
                case SipTransactionState.Proceeding when _lastResponse is null:
                    // §17.2.1: the TU has not answered within 200 ms; send 100 Trying ourselves.
                    send = SipResponse.CreateFor(Request, 100);
                    _lastResponse = send;
                    retransmission = false;
                    break;
                case SipTransactionState.Completed:
                    // Timer G: re-send the final response, doubling up to T2.
                    send = _lastResponse;
                    _interval = _interval * 2 < Timers.T2 ? _interval * 2 : Timers.T2;
                    ArmRetransmitUnderLock(_interval);
                    retransmission = true;
                    break;
                default:
                    return;
            }
        }

        if (send is not null)
        {
            Send(send, Layer.Sender.GetResponseDestination(Inbound), retransmission);
        }
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

            switch (StateUnderLock)
            {
                case SipTransactionState.Completed when _isInvite:
                    reason = SipTransactionTerminationReason.Timeout; // Timer H: no ACK.
                    break;
                case SipTransactionState.Completed:
                case SipTransactionState.Confirmed:
                case SipTransactionState.Accepted:
                    reason = SipTransactionTerminationReason.Normal; // Timers J, I, L.
                    break;
                default:
                    return;
            }

            TerminateUnderLock();
        }

        if (reason == SipTransactionTerminationReason.Timeout)
        {
            Layer.OnServerTimeout(this);
        }

        CompleteTermination(reason);
    }

    private protected override void OnTransportError()
    {
        lock (SyncRoot)
        {
            if (!TerminateUnderLock())
            {
                return;
            }
        }

        Layer.OnTransportError(this);
        CompleteTermination(SipTransactionTerminationReason.TransportError);
    }

    internal override void Abort()
    {
        lock (SyncRoot)
        {
            TerminateUnderLock();
        }
    }

    private async ValueTask TerminateAfterAsync(ValueTask sending)
    {
        try
        {
            await sending.ConfigureAwait(false);
        }
        finally
        {
            CompleteTermination(SipTransactionTerminationReason.Normal);
        }
    }
}
