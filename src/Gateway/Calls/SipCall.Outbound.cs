using Softswitch.Gateway.Dialogs;
using Softswitch.Gateway.Transactions;
using Softswitch.Gateway.Transports;
using Softswitch.Gateway.UserAgent;
using Softswitch.Sip;
using Softswitch.Sip.Sdp;

namespace Softswitch.Gateway.Calls;

/// <summary>
/// The call as the UAC (RFC 3261 §13.2): our INVITE with an SDP offer through a client transaction, provisional responses
/// (180 ringing, 183 with an early answer), the 2xx that establishes the dialog and our ACK for it (sent again for a
/// retransmitted 2xx), CANCEL when the ring time runs out or we hang up first, and the final status of a call that was not
/// answered. Once answered it is a dialog like any other: the in-dialog handling is shared with inbound calls.
/// </summary>
internal sealed partial class SipCall
{
    private readonly bool _outbound;
    private readonly ICallHandler? _handler;
    private readonly SipEndPoint _outboundDestination;
    private readonly TimeSpan _ringTimeout;
    private ClientTransaction? _outboundInvite;
    private CallEndReason _cancelReason;
    private bool _cancelSent;

    private SipCall(SipUserAgent ua, OutboundCallRequest request, SipEndPoint destination)
    {
        _ua = ua;
        _services = ua.Services;
        _logger = _services.Logger;
        _outbound = true;
        _handler = request.Handler;
        _outboundDestination = destination;
        _responseDestination = destination;
        _transport = destination.Transport;
        _ringTimeout = request.RingTimeout;
        _invite = BuildInvite(_services, request, destination.Transport);
        _dialog = SipDialog.CreateUacEarly(_invite);
        _events = NewEventChannel(_services.Options);
        StartedAt = _services.TimeProvider.GetUtcNow();
        _deadlines = new long?[s_callTimerCount];
    }

    /// <summary>Whether we placed the call.</summary>
    public bool IsOutbound => _outbound;

    /// <summary>The final status of an outbound INVITE that was not answered (486, 487, 503…); null otherwise.</summary>
    public int? FinalStatus { get; private set; }

    internal static SipCall CreateOutbound(SipUserAgent ua, OutboundCallRequest request, SipEndPoint destination) => new(ua, request, destination);

    private static SipRequest BuildInvite(CallServices services, OutboundCallRequest request, SipTransportKind transport)
    {
        var invite = new SipRequest(SipMethods.Invite, request.Target.Clone());
        var from = services.ContactFor(request.CallerId, transport).Uri;
        from.Parameters.Remove("transport");
        invite.Headers.Add(SipHeaderNames.From, "<" + from + ">;tag=" + SipUserAgent.NewTag());
        var to = request.Target.Clone();
        to.Parameters.Remove("transport");
        invite.Headers.Add(SipHeaderNames.To, "<" + to + ">");
        invite.Headers.Add(SipHeaderNames.CallId, SipUserAgent.NewTag() + SipUserAgent.NewTag() + "@" + services.LocalEndPoint.Address);
        invite.Headers.Add(SipHeaderNames.CSeq, new SipCSeq(1, SipMethods.Invite).ToString());
        invite.Headers.Add(SipHeaderNames.MaxForwards, "70");
        invite.Headers.Add(SipHeaderNames.Contact, services.ContactFor(request.CallerId, transport).ToString());
        invite.Headers.Add(SipHeaderNames.UserAgent, services.Options.UserAgent);
        invite.Headers.Add(SipHeaderNames.Allow, SipCapabilities.Allow);
        return invite;
    }

    /// <summary>Allocates the RTP leg, puts our offer in the INVITE and sends it; false when no RTP port was free.</summary>
    private ValueTask<bool> InitializeOutboundAsync()
    {
        var media = CallMediaLeg.TryAllocate(_services);
        if (media is null)
        {
            FinalStatus = 503;
            return EndOutboundEarlyAsync(CallEndReason.Failed);
        }

        _media = media;
        media.Session.DtmfReceived += OnMediaDtmf;
        _localSdp = SdpNegotiator.CreateOffer(media.Capabilities());
        SetSdp(_invite, _localSdp);
        _outboundInvite = _services.Transactions.SendRequest(_invite, _outboundDestination);
        SetDeadline(CallTimer.RingTimeout, _ringTimeout);
        _ = ForwardResponsesAsync(_outboundInvite);
        return ValueTask.FromResult(true);
    }

    private async ValueTask<bool> EndOutboundEarlyAsync(CallEndReason reason)
    {
        _inviteCompleted = true;
        await EndAsync(reason, sendBye: false).ConfigureAwait(false);
        return false;
    }

    private async Task ForwardResponsesAsync(ClientTransaction transaction)
    {
        try
        {
            await foreach (var response in transaction.Responses.ReadAllAsync().ConfigureAwait(false))
            {
                if (!Post(new InviteResponseEvent(response)) && response.StatusCode is >= 200 and < 300)
                {
                    return; // the call has ended: nothing to establish
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.CallLoopFailed(_logger, CallId, ex);
        }
    }

    private async ValueTask HandleInviteResponseAsync(SipResponse response)
    {
        var status = response.StatusCode;
        if (status is >= 200 and < 300)
        {
            await OnInviteAcceptedAsync(response).ConfigureAwait(false);
            return;
        }

        if (_state == CallState.Ended || _inviteCompleted)
        {
            return;
        }

        if (status < 200)
        {
            if (status == 183 && !response.Body.IsEmpty && _media is not null && _remoteOffer is null && await ApplyAnswerAsync(response).ConfigureAwait(false))
            {
                SetState(CallState.EarlyMedia); // early media: we hear the far end's ringback or announcement
            }
            else if (status is 180 or 183 && _state == CallState.Incoming)
            {
                SetState(CallState.Ringing);
            }

            return;
        }

        // A final failure: the transaction has sent the ACK (§17.1.1.3).
        FinalStatus = status;
        _inviteCompleted = true;
        var reason = _cancelSent ? _cancelReason : status switch
        {
            486 or 600 => CallEndReason.Busy,
            408 or 480 or 487 => CallEndReason.NoAnswer,
            _ => CallEndReason.Rejected,
        };
        Log.OutboundFailed(_logger, CallId, status, response.ReasonPhrase ?? string.Empty, reason);
        await EndAsync(reason, sendBye: false).ConfigureAwait(false);
    }

    private async ValueTask OnInviteAcceptedAsync(SipResponse response)
    {
        if (_inviteCompleted && _state != CallState.Ended)
        {
            // A retransmitted 2xx: our ACK was lost (§13.2.2.4).
            await SendAckAsync().ConfigureAwait(false);
            return;
        }

        _dialog = SipDialog.CreateUac(_invite, response);
        await SendAckAsync().ConfigureAwait(false);
        if (_state == CallState.Ended || _cancelSent)
        {
            // Answered as we gave up (CANCEL and 200 crossed, §9.1): confirm, then leave at once.
            _inviteCompleted = true;
            if (_state != CallState.Ended)
            {
                await EndAsync(_cancelReason, sendBye: true).ConfigureAwait(false);
            }
            else
            {
                await SendByeAsync().ConfigureAwait(false);
            }

            return;
        }

        _inviteCompleted = true;
        ClearDeadline(CallTimer.RingTimeout);
        if (_remoteOffer is null && !await ApplyAnswerAsync(response).ConfigureAwait(false))
        {
            Log.BadAnswer(_logger, CallId);
            await EndAsync(CallEndReason.BadAnswer, sendBye: true).ConfigureAwait(false);
            return;
        }

        SetState(CallState.Answered);
        Log.OutboundAnswered(_logger, CallId, RemoteSignalling);
        _ = Task.Run(RunHandlerAsync);
    }

    /// <summary>Takes the SDP answer in a 183 or the 2xx and starts the media.</summary>
    private async ValueTask<bool> ApplyAnswerAsync(SipResponse response)
    {
        if (response.Body.IsEmpty || _localSdp is null || !SdpSession.TryParse(response.Body.Span, out var answer, out _))
        {
            return false;
        }

        var result = SdpNegotiator.ProcessAnswer(_localSdp, answer);
        if (!result.Accepted)
        {
            return false;
        }

        _remoteOffer = answer;
        _media!.Apply(result);
        await StartMediaAsync().ConfigureAwait(false);
        return true;
    }

    private async ValueTask SendAckAsync()
    {
        var ack = _dialog.CreateAck(_invite.CSeq.Number, _services.ContactFor(Caller, _transport), _services.Options.UserAgent);
        _services.Transactions.EnsureTopVia(ack, _transport);
        var destination = await ResolveNextHopAsync().ConfigureAwait(false);
        await _services.Transactions.SendStatelessAsync(ack, destination, CancellationToken.None).ConfigureAwait(false);
    }

    private async ValueTask HandleOutboundCommandAsync(CommandEvent command)
    {
        switch (command.Command)
        {
            case CallCommand.Ring or CallCommand.EarlyMedia or CallCommand.Answer:
                // The callee answers an outbound call; for the flow it is answered once it runs.
                command.Done.TrySetResult(_state == CallState.Answered);
                break;
            case CallCommand.Reject or CallCommand.Hangup:
                if (_state == CallState.Ended)
                {
                    command.Done.TrySetResult(false);
                    break;
                }

                if (_inviteCompleted)
                {
                    await EndAsync(command.Reason, sendBye: true).ConfigureAwait(false);
                }
                else
                {
                    CancelOutbound(command.Reason);
                }

                command.Done.TrySetResult(true);
                break;
        }
    }

    /// <summary>CANCEL (§9.1) the INVITE we sent; the call ends on the 487, or at once when no provisional came yet.</summary>
    private void CancelOutbound(CallEndReason reason)
    {
        if (_cancelSent || _outboundInvite is null)
        {
            return;
        }

        _cancelSent = true;
        _cancelReason = reason;
        ClearDeadline(CallTimer.RingTimeout);
        Log.OutboundCancelled(_logger, CallId, reason);
        _services.Transactions.SendRequest(_outboundInvite.CreateCancel(), _outboundDestination);

        // §9.1: a CANCEL before any provisional response may not stop the INVITE; the 487 (or Timer B's 408) still ends the
        // call, and should neither come, the cancel timeout does.
        SetDeadline(CallTimer.CancelTimeout, _services.TimerOptions.T1 * 64);
    }

    private void OnRingTimeout()
    {
        if (_outbound && !_inviteCompleted && _state != CallState.Ended)
        {
            CancelOutbound(CallEndReason.NoAnswer);
        }
    }

    private async ValueTask OnCancelTimeoutAsync()
    {
        if (_outbound && !_inviteCompleted && _state != CallState.Ended)
        {
            _inviteCompleted = true;
            FinalStatus ??= 408;
            await EndAsync(_cancelReason, sendBye: false).ConfigureAwait(false);
        }
    }
}

/// <summary>A response to our INVITE, handed from its client transaction to the call's loop.</summary>
internal sealed class InviteResponseEvent(SipResponse response) : CallEvent
{
    public SipResponse Response { get; } = response;
}
