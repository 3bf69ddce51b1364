using System.Globalization;
using Softswitch.Sip;

namespace Softswitch.Gateway.Calls;

/// <summary>
/// The session-timer terms of a dialog as the UAS settles them (RFC 4028 §9): the interval and who refreshes.
/// <see href="https://www.rfc-editor.org/rfc/rfc4028#section-9"/>
/// </summary>
internal sealed class SessionTimerTerms
{
    /// <summary>The session interval in seconds.</summary>
    public int IntervalSeconds { get; private set; }

    /// <summary>True when we (the UAS) send the refreshes.</summary>
    public bool WeRefresh { get; private set; }

    /// <summary>True when the caller listed <c>timer</c> in Supported or Require, so 2xx carries Require: timer.</summary>
    public bool PeerSupportsTimer { get; private set; }

    /// <summary>The Session-Expires header value for our 2xx.</summary>
    public string HeaderValue => IntervalSeconds.ToString(CultureInfo.InvariantCulture) + ";refresher=" + (WeRefresh ? "uas" : "uac");

    /// <summary>
    /// Settles the terms for an INVITE or a refresh. Returns false when the requested interval is below our Min-SE (answer 422
    /// with <paramref name="minSe"/>). <paramref name="terms"/> is null when no session timer applies (the caller neither asked nor supports it).
    /// </summary>
    public static bool TryNegotiate(SipRequest request, SipOptions options, out SessionTimerTerms? terms, out int minSe)
    {
        terms = null;
        minSe = options.MinSessionExpiresSeconds;
        var supports = request.HasOptionTag(SipHeaderNames.Supported, "timer") || request.HasOptionTag(SipHeaderNames.Require, "timer");
        var header = request.Headers[SipHeaderNames.SessionExpires];
        if (header is null)
        {
            if (!supports)
            {
                return true;
            }

            // §9: the UAS may add a session timer the caller supports but did not ask for; the caller refreshes.
            terms = new SessionTimerTerms { IntervalSeconds = options.SessionExpiresSeconds, WeRefresh = false, PeerSupportsTimer = true };
            return true;
        }

        var semicolon = header.IndexOf(';', StringComparison.Ordinal);
        var number = (semicolon < 0 ? header : header[..semicolon]).Trim();
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var interval) || interval <= 0)
        {
            // Unparseable Session-Expires: ignore the header rather than fail the call (robustness principle).
            return true;
        }

        // §8.1: the peer's Min-SE raises our floor.
        if (request.Headers[SipHeaderNames.MinSE] is { } peerMin &&
            int.TryParse(peerMin.Split(';')[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var peerMinValue))
        {
            minSe = Math.Max(minSe, peerMinValue);
        }

        if (interval < options.MinSessionExpiresSeconds)
        {
            minSe = options.MinSessionExpiresSeconds;
            return false;
        }

        var refresher = semicolon < 0 ? null : ReadRefresher(header[(semicolon + 1)..]);
        var weRefresh = refresher switch
        {
            "uas" => true,
            "uac" => false,
            _ => !supports, // §9: a caller without timer support cannot refresh, so we do.
        };
        terms = new SessionTimerTerms { IntervalSeconds = interval, WeRefresh = weRefresh, PeerSupportsTimer = supports };
        return true;
    }

    private static string? ReadRefresher(string parameters)
    {
        foreach (var part in parameters.Split(';'))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && part[..eq].Trim().Equals("refresher", StringComparison.OrdinalIgnoreCase))
            {
                return part[(eq + 1)..].Trim().ToLowerInvariant();
            }
        }

        return null;
    }

    /// <summary>Adds Session-Expires (and Require: timer when the caller supports it) to a 2xx.</summary>
    public void AddTo(SipResponse response)
    {
        response.Headers.Add(SipHeaderNames.SessionExpires, HeaderValue);
        if (PeerSupportsTimer)
        {
            response.Headers.Add(SipHeaderNames.Require, "timer");
        }
    }

    /// <summary>When the session expires without a refresh: the interval less min(32 s, interval/3) (RFC 4028 §10).</summary>
    public TimeSpan ExpiryDelay => TimeSpan.FromSeconds(IntervalSeconds - Math.Min(32, IntervalSeconds / 3.0));

    /// <summary>When we refresh, if we are the refresher: half the interval (RFC 4028 §10).</summary>
    public TimeSpan RefreshDelay => TimeSpan.FromSeconds(IntervalSeconds / 2.0);
}
