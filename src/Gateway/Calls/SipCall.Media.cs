using System.Text;
using System.Threading.Channels;
using Softswitch.Gateway.Transactions;
using Softswitch.Media.Dtmf;
using Softswitch.Media.Rtp;
using Softswitch.Sip;

namespace Softswitch.Gateway.Calls;

/// <summary>The call's media events: DTMF from RTP, in-band tones and SIP INFO; the RTP inactivity timeout; the final quality.</summary>
internal sealed partial class SipCall
{
    private const string RtpTimeoutReason = "SIP;cause=408;text=\"RTP timeout\"";
    private const string DtmfContentTypes = DtmfInfoBody.DtmfRelayContentType + ", " + DtmfInfoBody.DtmfContentType;

    private readonly Channel<DtmfDigit> _dtmf = Channel.CreateBounded<DtmfDigit>(new BoundedChannelOptions(64)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleWriter = false,
    });

    private readonly List<DtmfDigit> _digits = [];
    private DateTimeOffset _mediaStartedAt;

    /// <inheritdoc/>
    public IReadOnlyList<DtmfDigit> DigitsReceived
    {
        get
        {
            lock (_digits)
            {
                return [.. _digits];
            }
        }
    }

    /// <inheritdoc/>
    public ChannelReader<DtmfDigit> Dtmf => _dtmf.Reader;

    /// <inheritdoc/>
    public RtpQuality? MediaQuality { get; private set; }

    private void OnMediaDtmf(object? sender, DtmfDigit digit) => OnDigit(digit);

    private void OnDigit(DtmfDigit digit)
    {
        lock (_digits)
        {
            _digits.Add(digit);
        }

        _dtmf.Writer.TryWrite(digit);
    }

    private async ValueTask StartMediaAsync()
    {
        await _media!.StartAsync(_ended.Token).ConfigureAwait(false);
        _mediaStartedAt = _services.TimeProvider.GetUtcNow();
        if (_services.MediaOptions.RtpTimeoutSeconds > 0)
        {
            SetDeadline(CallTimer.RtpTimeout, TimeSpan.FromSeconds(_services.MediaOptions.RtpTimeoutSeconds));
        }
    }

    /// <summary>
    /// Hangs up when nothing arrived for the timeout while the peer should be sending (sendrecv or sendonly from its side, not on
    /// hold); otherwise checks again when the timeout would next run out.
    /// </summary>
    private async ValueTask CheckRtpTimeoutAsync()
    {
        if (_media is null || !_inviteCompleted)
        {
            return;
        }

        var timeout = TimeSpan.FromSeconds(_services.MediaOptions.RtpTimeoutSeconds);
        var session = _media.Session;
        var now = _services.TimeProvider.GetUtcNow();
        var peerSends = !session.IsOnHold && session.Direction is MediaDirection.SendRecv or MediaDirection.RecvOnly;
        var last = session.LastReceived is { } received && received > _mediaStartedAt ? received : _mediaStartedAt;
        if (!peerSends)
        {
            _mediaStartedAt = now; // the clock restarts when the peer resumes sending
            SetDeadline(CallTimer.RtpTimeout, timeout);
            return;
        }

        if (now - last >= timeout)
        {
            Log.RtpTimeout(_logger, CallId, (int)timeout.TotalSeconds);
            await EndAsync(CallEndReason.RtpTimeout, sendBye: true).ConfigureAwait(false);
            return;
        }

        SetDeadline(CallTimer.RtpTimeout, last + timeout - now);
    }

    /// <summary>
    /// INFO in the dialog (RFC 6086): <c>application/dtmf-relay</c> and <c>application/dtmf</c> bodies are key presses (200);
    /// another body type gets 415 with Accept, an unreadable body 400 naming the problem, no body 200.
    /// </summary>
    private async ValueTask HandleInfoAsync(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (request.Body.IsEmpty)
        {
            await RespondAsync(transaction, 200).ConfigureAwait(false); // an empty INFO is a keepalive
            return;
        }

        var contentType = request.ContentType ?? string.Empty;
        if (!DtmfInfoBody.IsSupportedContentType(contentType))
        {
            await RespondAsync(transaction, 415, r => r.Headers.Add(SipHeaderNames.Accept, DtmfContentTypes)).ConfigureAwait(false);
            return;
        }

        var body = Encoding.UTF8.GetString(request.Body.Span);
        if (!DtmfInfoBody.TryParse(contentType, body, out var digit, out var error))
        {
            await RespondAsync(transaction, 400, r => r.Headers.Add("Warning", "399 " + _services.Options.UserAgent + " \"" + error + "\"")).ConfigureAwait(false);
            return;
        }

        Log.InfoDtmf(_logger, CallId, digit.Digit, (int)digit.Duration.TotalMilliseconds);
        OnDigit(digit);
        await RespondAsync(transaction, 200).ConfigureAwait(false);
    }
}
