using Softswitch.Gateway.UserAgent;
using System.Globalization;
using Softswitch.Gateway.Transactions;
using Softswitch.Gateway.Transports;
using Softswitch.Sip;
using Softswitch.Sip.Sdp;

namespace Softswitch.Gateway.Calls;

/// <summary>The INVITE side of the call: provisional responses (RFC 3262), the answer, its retransmission until ACK, CANCEL.</summary>
internal sealed partial class SipCall
{
    private readonly Queue<CommandEvent> _waitingForPrack = new();
    private SdpSession? _remoteOffer;
    private SdpSession? _localSdp;
    private bool _answerDelivered;
    private bool _inviteCompleted;
    private SipResponse? _reliableProvisional;
    private uint _nextRSeq = (uint)Random.Shared.Next(1, int.MaxValue / 2);
    private TimeSpan _reliableInterval;
    private SipResponse? _unacknowledged2xx;
    private SipEndPoint _unacknowledged2xxDestination;
    private TimeSpan _retransmitInterval;
    private ServerTransaction? _reInvite;
    private bool _offerInAck;

    private bool PeerSupports100Rel => _invite.HasOptionTag(SipHeaderNames.Supported, "100rel") || _invite.HasOptionTag(SipHeaderNames.Require, "100rel");

    private async ValueTask HandleCommandAsync(CommandEvent command)
    {
        if (_state == CallState.Ended)
        {
            command.Done.TrySetResult(false);
            return;
        }

        if (_reliableProvisional is not null && command.Command is CallCommand.Ring or CallCommand.EarlyMedia or CallCommand.Answer)
        {
            // RFC 3262 §3: no further reliable provisional, and no 2xx, until the outstanding one is acknowledged.
            _waitingForPrack.Enqueue(command);
            return;
        }

        switch (command.Command)
        {
            case CallCommand.Ring:
                command.Done.TrySetResult(!_inviteCompleted && await SendProvisionalAsync(180, withSdp: false).ConfigureAwait(false));
                break;
            case CallCommand.EarlyMedia:
                if (_inviteCompleted || _remoteOffer is null)
                {
                    command.Done.TrySetResult(false);
                    break;
                }

                command.Done.TrySetResult(await SendProvisionalAsync(183, withSdp: true).ConfigureAwait(false));
                break;
            case CallCommand.Answer:
                command.Done.TrySetResult(!_inviteCompleted && await SendAnswerAsync().ConfigureAwait(false));
                break;
            case CallCommand.Reject:
                if (_inviteCompleted)
                {
                    command.Done.TrySetResult(false);
                    break;
                }

                await RejectInviteAsync(command.StatusCode, command.Reason).ConfigureAwait(false);
                command.Done.TrySetResult(true);
                break;
            case CallCommand.Hangup:
                if (_inviteCompleted)
                {
                    await EndAsync(command.Reason, sendBye: true).ConfigureAwait(false);
                }
                else
                {
                    await RejectInviteAsync(command.Reason == CallEndReason.Shutdown ? 503 : 480, command.Reason).ConfigureAwait(false);
                }

                command.Done.TrySetResult(true);
                break;
        }
    }

    private async ValueTask<bool> SendProvisionalAsync(int status, bool withSdp)
    {
        var response = CreateInviteResponse(status);
        if (withSdp && _localSdp is not null)
        {
            SetSdp(response, _localSdp);
        }

        var reliable = PeerSupports100Rel;
        if (reliable)
        {
            response.Headers.Add(SipHeaderNames.Require, "100rel");
            response.Headers.Add(SipHeaderNames.RSeq, (_nextRSeq++).ToString(CultureInfo.InvariantCulture));
            _reliableProvisional = response;
            _reliableInterval = _services.TimerOptions.T1;
            SetDeadline(CallTimer.RetransmitReliable, _reliableInterval);
            SetDeadline(CallTimer.PrackTimeout, _services.TimerOptions.T1 * 64);
        }

        await InviteTransaction!.SendResponseAsync(response, CancellationToken.None).ConfigureAwait(false);
        if (withSdp)
        {
            // Unreliable early answers must be repeated in the 2xx (RFC 3261 §13.2.1); reliable ones complete the exchange.
            _answerDelivered = reliable;
            await StartMediaAsync().ConfigureAwait(false);
            SetState(CallState.EarlyMedia);
        }
        else if (_state == CallState.Incoming)
        {
            SetState(CallState.Ringing);
        }

        return true;
    }

    private async ValueTask<bool> SendAnswerAsync()
    {
        var response = CreateInviteResponse(200);
        SipCapabilities.AddTo(response);
        _sessionTimer?.AddTo(response);
        if (_remoteOffer is null)
        {
            // Late offer (RFC 3261 §13.2.1, RFC 3264 §4): our offer goes in the 200, the answer comes in the ACK.
            _localSdp = SdpNegotiator.CreateOffer(_media!.Capabilities());
            _offerInAck = true;
            SetSdp(response, _localSdp);
        }
        else if (!_answerDelivered && _localSdp is not null)
        {
            SetSdp(response, _localSdp);
        }

        // Deadlines first: the ACK wait runs from the moment the 200 leaves.
        StartRetransmitting2xx(response, _responseDestination);
        await InviteTransaction!.SendResponseAsync(response, CancellationToken.None).ConfigureAwait(false);
        _inviteCompleted = true;
        _ua.OnInviteCompleted(this);
        SetState(CallState.Answered);
        if (_remoteOffer is not null)
        {
            await StartMediaAsync().ConfigureAwait(false);
        }

        StartSessionTimer();
        return true;
    }

    private async ValueTask RejectInviteAsync(int status, CallEndReason reason, Action<SipResponse>? decorate = null)
    {
        var response = CreateInviteResponse(status);
        decorate?.Invoke(response);
        if (status == 503)
        {
            response.Headers.Add(SipHeaderNames.RetryAfter, _services.Options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
        }

        _inviteCompleted = true;
        _ua.OnInviteCompleted(this);
        await InviteTransaction!.SendResponseAsync(response, CancellationToken.None).ConfigureAwait(false);
        await EndAsync(reason, sendBye: false).ConfigureAwait(false);
    }

    private async ValueTask HandleCancelAsync()
    {
        if (_inviteCompleted)
        {
            return; // §9.2: a CANCEL after the final response has no effect on the INVITE.
        }

        await RejectInviteAsync(487, CallEndReason.Cancelled).ConfigureAwait(false);
    }

    private async ValueTask HandleAckAsync(SipInbound inbound)
    {
        var ack = (SipRequest)inbound.Message;
        if (_unacknowledged2xx is null || ack.CSeq.Number != _unacknowledged2xx.CSeq.Number)
        {
            return; // a retransmitted ACK, or one for an older 2xx
        }

        _unacknowledged2xx = null;
        ClearDeadline(CallTimer.Retransmit2xx);
        ClearDeadline(CallTimer.AckTimeout);
        _dialog.IsConfirmed = true;
        _reInvite = null;

        if (_offerInAck)
        {
            _offerInAck = false;
            if (ack.Body.IsEmpty || !SdpSession.TryParse(ack.Body.Span, out var answer, out _) || _localSdp is null)
            {
                Log.BadAnswer(_logger, CallId);
                await EndAsync(CallEndReason.BadAnswer, sendBye: true).ConfigureAwait(false);
                return;
            }

            var result = SdpNegotiator.ProcessAnswer(_localSdp, answer);
            if (!result.Accepted)
            {
                Log.BadAnswer(_logger, CallId);
                await EndAsync(CallEndReason.BadAnswer, sendBye: true).ConfigureAwait(false);
                return;
            }

            _remoteOffer ??= answer;
            _media!.Apply(result);
            await StartMediaAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask HandlePrackAsync(ServerTransaction transaction)
    {
        var request = transaction.Request;
        var rack = request.Headers[SipHeaderNames.RAck];
        if (_reliableProvisional is null || rack is null || !RAckMatches(rack, _reliableProvisional))
        {
            await RespondAsync(transaction, 481).ConfigureAwait(false);
            return;
        }

        _reliableProvisional = null;
        ClearDeadline(CallTimer.RetransmitReliable);
        ClearDeadline(CallTimer.PrackTimeout);
        await RespondAsync(transaction, 200).ConfigureAwait(false);

        while (_reliableProvisional is null && _waitingForPrack.TryDequeue(out var next))
        {
            await HandleCommandAsync(next).ConfigureAwait(false);
        }
    }

    private static bool RAckMatches(string rack, SipResponse provisional)
    {
        // RAck: response-num CSeq-num Method (RFC 3262 §7.2)
        var parts = rack.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 3 &&
            parts[0] == provisional.Headers[SipHeaderNames.RSeq] &&
            uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var cseq) && cseq == provisional.CSeq.Number &&
            string.Equals(parts[2], provisional.CSeq.Method, StringComparison.OrdinalIgnoreCase);
    }

    private void StartRetransmitting2xx(SipResponse response, SipEndPoint destination)
    {
        _unacknowledged2xx = response;
        _unacknowledged2xxDestination = destination;
        if (destination.Transport == SipTransportKind.Udp)
        {
            _retransmitInterval = _services.TimerOptions.T1;
            SetDeadline(CallTimer.Retransmit2xx, _retransmitInterval);
        }

        SetDeadline(CallTimer.AckTimeout, _services.TimerOptions.T1 * 64);
    }

    private SipResponse CreateInviteResponse(int status)
    {
        var response = SipResponse.CreateFor(_invite, status, _dialog.LocalTag, copyRecordRoute: status is > 100 and < 300);
        response.Headers.Add(SipHeaderNames.Server, _services.Options.UserAgent);
        if (status is > 100 and < 300)
        {
            response.Headers.Add(SipHeaderNames.Contact, _services.ContactFor(Called, _transport).ToString());
        }

        return response;
    }

    private static void SetSdp(SipMessage message, SdpSession sdp)
    {
        message.Headers.Set(SipHeaderNames.ContentType, "application/sdp");
        message.Body = System.Text.Encoding.ASCII.GetBytes(sdp.ToString());
    }
}
