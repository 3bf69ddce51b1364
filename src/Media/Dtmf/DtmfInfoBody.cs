using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Softswitch.Media.Dtmf;

/// <summary>
/// Reads the DTMF key press carried in the body of a SIP INFO request. Two de-facto formats are understood (neither has an
/// RFC; both are what Cisco, Asterisk, FreeSWITCH and most phones send):
/// <list type="bullet">
/// <item><c>application/dtmf-relay</c>: lines <c>Signal=5</c> and <c>Duration=160</c> (milliseconds). Keys are case-insensitive,
/// spaces around keys and values are tolerated, lines may end in CRLF or LF, unknown keys are ignored.</item>
/// <item><c>application/dtmf</c>: the body is the key alone, such as <c>5</c>.</item>
/// </list>
/// The key may be '0'-'9', '*', '#', 'A'-'D' (or 'a'-'d'), or an RFC 4733 event code 0-15 (so <c>10</c> is '*', <c>11</c>
/// is '#' and 12-15 are 'A'-'D', as some devices send).
/// </summary>
public static class DtmfInfoBody
{
    /// <summary>The Cisco-style content type: <c>Signal=</c> and <c>Duration=</c> lines.</summary>
    public const string DtmfRelayContentType = "application/dtmf-relay";

    /// <summary>The bare content type: the body is the key.</summary>
    public const string DtmfContentType = "application/dtmf";

    /// <summary>Used when the body gives no duration: 250 ms, what Asterisk and FreeSWITCH assume.</summary>
    public static TimeSpan DefaultDuration { get; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest Duration accepted: 60 s.</summary>
    public static TimeSpan MaxDuration { get; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Whether <paramref name="contentType"/> is one of the two DTMF body types (ignoring case and parameters). When it is
    /// not, the INFO should be answered 415 Unsupported Media Type; when <see cref="TryParse"/> fails on a supported type,
    /// 400 Bad Request.
    /// </summary>
    /// <param name="contentType">The Content-Type header value.</param>
    /// <returns>True for <c>application/dtmf-relay</c> and <c>application/dtmf</c>.</returns>
    public static bool IsSupportedContentType(string? contentType) => Classify(contentType) != BodyKind.Unsupported;

    /// <summary>Parses an INFO body. Never throws: malformed input returns false with a reason.</summary>
    /// <param name="contentType">The Content-Type header value; compared ignoring case and parameters.</param>
    /// <param name="body">The message body.</param>
    /// <param name="digit">The key press, with <see cref="DtmfSource.SipInfo"/>; <see cref="DefaultDuration"/> when the body has none.</param>
    /// <param name="error">Why parsing failed, for the reason phrase or a Warning of the 400/415 reply; null on success.</param>
    /// <returns>True when the body holds a key press.</returns>
    public static bool TryParse(string? contentType, ReadOnlySpan<char> body, out DtmfDigit digit, [NotNullWhen(false)] out string? error)
    {
        digit = default;
        switch (Classify(contentType))
        {
            case BodyKind.DtmfRelay:
                return TryParseRelay(body, out digit, out error);
            case BodyKind.Dtmf:
                ReadOnlySpan<char> value = body.Trim();
                if (value.IsEmpty)
                {
                    error = "empty body";
                    return false;
                }

                if (!TryParseKey(value, out char key))
                {
                    error = $"invalid digit '{value}'";
                    return false;
                }

                digit = new DtmfDigit(key, DefaultDuration, DtmfSource.SipInfo);
                error = null;
                return true;
            default:
                error = $"unsupported content type '{contentType}'";
                return false;
        }
    }

    private static bool TryParseRelay(ReadOnlySpan<char> body, out DtmfDigit digit, [NotNullWhen(false)] out string? error)
    {
        digit = default;
        char key = '\0';
        TimeSpan duration = DefaultDuration;
        while (!body.IsEmpty)
        {
            int newline = body.IndexOf('\n');
            ReadOnlySpan<char> line = newline < 0 ? body : body.Slice(0, newline);
            body = newline < 0 ? default : body.Slice(newline + 1);
            int equals = line.IndexOf('=');
            if (equals < 0)
            {
                continue; // blank or stray line
            }

            ReadOnlySpan<char> name = line.Slice(0, equals).Trim();
            ReadOnlySpan<char> value = line.Slice(equals + 1).Trim(); // also drops the '\r' of CRLF
            if (name.Equals("Signal", StringComparison.OrdinalIgnoreCase))
            {
                if (key != '\0')
                {
                    continue; // the first Signal wins
                }

                if (value.IsEmpty)
                {
                    error = "empty Signal";
                    return false;
                }

                if (!TryParseKey(value, out key))
                {
                    error = $"invalid digit '{value}'";
                    return false;
                }
            }
            else if (name.Equals("Duration", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int milliseconds)
                    || milliseconds > MaxDuration.TotalMilliseconds)
                {
                    error = $"invalid Duration '{value}'";
                    return false;
                }

                duration = TimeSpan.FromMilliseconds(milliseconds);
            }
        }

        if (key == '\0')
        {
            error = "missing Signal";
            return false;
        }

        digit = new DtmfDigit(key, duration, DtmfSource.SipInfo);
        error = null;
        return true;
    }

    // A key character or an RFC 4733 event code 0-15.
    private static bool TryParseKey(ReadOnlySpan<char> value, out char key)
    {
        if (value.Length == 1 && TelephoneEvent.TryGetEventCode(value[0], out byte code))
        {
            return TelephoneEvent.TryGetDigit(code, out key);
        }

        if (value.Length == 2 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int eventCode))
        {
            return TelephoneEvent.TryGetDigit(eventCode, out key);
        }

        key = '\0';
        return false;
    }

    private static BodyKind Classify(string? contentType)
    {
        if (contentType is null)
        {
            return BodyKind.Unsupported;
        }

        ReadOnlySpan<char> mediaType = contentType.AsSpan();
        int semicolon = mediaType.IndexOf(';');
        if (semicolon >= 0)
        {
            mediaType = mediaType.Slice(0, semicolon);
        }

        mediaType = mediaType.Trim();
        if (mediaType.Equals(DtmfRelayContentType, StringComparison.OrdinalIgnoreCase))
        {
            return BodyKind.DtmfRelay;
        }

        return mediaType.Equals(DtmfContentType, StringComparison.OrdinalIgnoreCase) ? BodyKind.Dtmf : BodyKind.Unsupported;
    }

    private enum BodyKind
    {
        Unsupported,
        DtmfRelay,
        Dtmf,
    }
}
