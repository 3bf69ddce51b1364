using System.Globalization;
using System.Net;
using Softswitch.Gateway.Transactions;
using Softswitch.Gateway.Transports;
using Softswitch.Gateway.UserAgent;
using Softswitch.Sip;
using Softswitch.Sip.Sdp;

namespace Softswitch.Gateway.Calls;

/// <summary>Requests inside the dialog: BYE, re-INVITE (hold/resume), UPDATE (RFC 3311), PRACK, OPTIONS; session refreshes (RFC 4028).</summary>
internal sealed partial class SipCall
{
    private SessionTimerTerms? _sessionTimer;

    /// <summary>Completes when our BYE got its final response (or timed out); completed when we sent none.</summary>
    public Task ByeCompletion { get; private set; } = Task.CompletedTask;

    private async ValueTask HandleRequestAsync(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (_state == CallState.Ended)
        {
            await RespondAsync(transaction, 481).ConfigureAwait(false);
            return;
        }

        if (!_dialog.AcceptRemoteCSeq(request))
        {
            await RespondAsync(transaction, 500).ConfigureAwait(false); // §12.2.2: CSeq lower than the last one
            return;
        }

        switch (request.Method)
        {
            case SipMethods.Bye:
                await RespondAsync(transaction, 200).ConfigureAwait(false);
                if (!_inviteCompleted && !_outbound)
                {
                    // §15.1.2: BYE on an early dialog terminates the INVITE with 487.
                    await RejectInviteAsync(487, CallEndReason.RemoteHangup).ConfigureAwait(false);
                    break;
                }

                await EndAsync(CallEndReason.RemoteHangup, sendBye: false).ConfigureAwait(false);
                break;
            case SipMethods.Prack:
                await HandlePrackAsync(transaction).ConfigureAwait(false);
                break;
            case SipMethods.Invite:
                await HandleReInviteAsync(transaction).ConfigureAwait(false);
                break;
            case SipMethods.Update:
                await HandleUpdateAsync(transaction).ConfigureAwait(false);
                break;
            case SipMethods.Options:
                await RespondAsync(transaction, 200, SipCapabilities.AddTo).ConfigureAwait(false);
                break;
            case SipMethods.Info:
                await HandleInfoAsync(transaction).ConfigureAwait(false);
                break;
            case SipMethods.Notify:
                await HandleNotifyAsync(transaction).ConfigureAwait(false);
                break;
            default:
                await RespondAsync(transaction, 405, r => r.Headers.Add(SipHeaderNames.Allow, SipCapabilities.Allow)).ConfigureAwait(false);
                break;
        }
    }

    private async ValueTask HandleReInviteAsync(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (!_inviteCompleted || _unacknowledged2xx is not null || _reInvite is not null)
        {
            // §14.2: a re-INVITE while another INVITE is pending gets 500 with Retry-After (0–10 s).
            await RespondAsync(transaction, 500, r => r.Headers.Add(SipHeaderNames.RetryAfter, Random.Shared.Next(0, 11).ToString(CultureInfo.InvariantCulture))).ConfigureAwait(false);
            return;
        }

        if (!SessionTimerTerms.TryNegotiate(request, _services.Options, out var terms, out var minSe))
        {
            await RespondAsync(transaction, 422, r => r.Headers.Add(SipHeaderNames.MinSE, minSe.ToString(CultureInfo.InvariantCulture))).ConfigureAwait(false);
            return;
        }

        SdpSession? sdp = null;
        if (!request.Body.IsEmpty)
        {
            var answer = NegotiateOffer(request);
            if (answer is null)
            {
                // §14.2: an unacceptable re-INVITE leaves the session as it was.
                await RespondAsync(transaction, 488).ConfigureAwait(false);
                return;
            }

            sdp = answer;
        }
        else
        {
            // Offerless re-INVITE: we offer our current session again, the answer comes in the ACK.
            _localSdp = SdpNegotiator.CreateOffer(_media!.Capabilities());
            sdp = _localSdp;
            _offerInAck = true;
        }

        _dialog.RefreshTarget(request);
        _reInvite = transaction;
        ApplySessionRefresh(terms);
        var response = SipResponse.CreateFor(request, 200, toTag: null, copyRecordRoute: false);
        response.Headers.Add(SipHeaderNames.Server, _services.Options.UserAgent);
        response.Headers.Add(SipHeaderNames.Contact, _services.ContactFor(Called, _transport).ToString());
        SipCapabilities.AddTo(response);
        _sessionTimer?.AddTo(response);
        SetSdp(response, sdp);
        StartRetransmitting2xx(response, _services.Transport.GetResponseDestination(transaction.Inbound));
        await transaction.SendResponseAsync(response, CancellationToken.None).ConfigureAwait(false);
    }

    private async ValueTask HandleUpdateAsync(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (!SessionTimerTerms.TryNegotiate(request, _services.Options, out var terms, out var minSe))
        {
            await RespondAsync(transaction, 422, r => r.Headers.Add(SipHeaderNames.MinSE, minSe.ToString(CultureInfo.InvariantCulture))).ConfigureAwait(false);
            return;
        }

        SdpSession? answer = null;
        if (!request.Body.IsEmpty)
        {
            if (_offerInAck || _reliableProvisional is not null)
            {
                // RFC 3311 §5.2: an offer while ours is outstanding is glare.
                await RespondAsync(transaction, 491).ConfigureAwait(false);
                return;
            }

            answer = NegotiateOffer(request);
            if (answer is null)
            {
                await RespondAsync(transaction, 488).ConfigureAwait(false);
                return;
            }
        }

        _dialog.RefreshTarget(request);
        if (_inviteCompleted)
        {
            ApplySessionRefresh(terms);
        }

        await RespondAsync(transaction, 200, r =>
        {
            r.Headers.Add(SipHeaderNames.Contact, _services.ContactFor(Called, _transport).ToString());
            if (_inviteCompleted)
            {
                _sessionTimer?.AddTo(r);
            }

            if (answer is not null)
            {
                SetSdp(r, answer);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Answers a new offer inside the dialog, keeping our RTP port; null when no stream is acceptable.</summary>
    private SdpSession? NegotiateOffer(SipRequest request)
    {
        if (!SdpSession.TryParse(request.Body.Span, out var offer, out _))
        {
            return null;
        }

        var result = SdpNegotiator.Answer(offer, _media!.Capabilities());
        if (!result.Accepted)
        {
            return null;
        }

        _remoteOffer = offer;
        _localSdp = result.Answer;
        _media!.Apply(result);
        return result.Answer;
    }

    private void StartSessionTimer()
    {
        if (_sessionTimer is null)
        {
            return;
        }

        if (_sessionTimer.WeRefresh)
        {
            ClearDeadline(CallTimer.SessionExpiry);
            SetDeadline(CallTimer.SessionRefresh, _sessionTimer.RefreshDelay);
        }
        else
        {
            ClearDeadline(CallTimer.SessionRefresh);
            SetDeadline(CallTimer.SessionExpiry, _sessionTimer.ExpiryDelay);
        }
    }

    private void ApplySessionRefresh(SessionTimerTerms? terms)
    {
        // RFC 4028 §9: each refresh re-settles the terms; a refresh without Session-Expires turns the timer off.
        _sessionTimer = terms;
        ClearDeadline(CallTimer.SessionExpiry);
        ClearDeadline(CallTimer.SessionRefresh);
        StartSessionTimer();
    }

    /// <summary>Sends a session refresh as UPDATE without a body (RFC 4028 §7.4 prefers UPDATE).</summary>
    private async ValueTask SendSessionRefreshAsync()
    {
        if (_sessionTimer is null)
        {
            return;
        }

        var update = _dialog.CreateRequest(SipMethods.Update, _services.ContactFor(Called, _transport), _services.Options.UserAgent);
        update.Headers.Add(SipHeaderNames.SessionExpires, _sessionTimer.HeaderValue);
        update.Headers.Add(SipHeaderNames.Supported, "timer");
        var destination = await ResolveNextHopAsync().ConfigureAwait(false);
        var transaction = _services.Transactions.SendRequest(update, destination);
        SetDeadline(CallTimer.SessionRefresh, _sessionTimer.RefreshDelay);
        _ = ObserveRefreshAsync(transaction);
    }

    private async Task ObserveRefreshAsync(ClientTransaction transaction)
    {
        var response = await transaction.FinalResponse.ConfigureAwait(false);
        if (response.StatusCode is 408 or 481)
        {
            // RFC 4028 §10: a refresh that fails with 408 or 481 ends the session.
            await TerminateAsync(CallEndReason.SessionExpired, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async ValueTask SendByeAsync(string? reason = null)
    {
        try
        {
            var bye = _dialog.CreateRequest(SipMethods.Bye, _services.ContactFor(Called, _transport), _services.Options.UserAgent);
            if (reason is not null)
            {
                bye.Headers.Add("Reason", reason); // RFC 3326
            }

            var destination = await ResolveNextHopAsync().ConfigureAwait(false);
            var transaction = _services.Transactions.SendRequest(bye, destination);
            ByeCompletion = transaction.FinalResponse;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.ByeFailed(_logger, CallId, ex);
        }
    }

    /// <summary>
    /// Where in-dialog requests go: the next hop URI (route set or remote target) when its host is a literal address, else
    /// the caller's signalling source, which is also right for callers behind NAT (RFC 3581 symmetric response routing).
    /// </summary>
    private async ValueTask<SipEndPoint> ResolveNextHopAsync()
    {
        var uri = _dialog.NextHopUri();
        var transport = uri.Parameters["transport"] is { } t && t.Equals("tcp", StringComparison.OrdinalIgnoreCase) ? SipTransportKind.Tcp : _transport;
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
        {
            return new SipEndPoint(transport, new IPEndPoint(address, uri.Port ?? 5060));
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(uri.Host, System.Net.Sockets.AddressFamily.InterNetwork, _ended.IsCancellationRequested ? CancellationToken.None : _ended.Token).ConfigureAwait(false);
            if (addresses.Length > 0)
            {
                return new SipEndPoint(transport, new IPEndPoint(addresses[0], uri.Port ?? 5060));
            }
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or OperationCanceledException)
        {
        }

        return InviteTransaction?.Inbound.Source ?? _outboundDestination;
    }

    private ValueTask RespondAsync(ServerTransaction transaction, int status, Action<SipResponse>? decorate = null)
    {
        var request = transaction.Request;
        var response = _ua.CreateResponse(request, status, request.To.Tag is null ? _dialog.LocalTag : null, decorate);
        return transaction.SendResponseAsync(response, CancellationToken.None);
    }
}
