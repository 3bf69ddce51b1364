using System.Buffers;
using System.Text;

namespace Softswitch.Sip;

/// <summary>
/// Parses SIP messages from bytes (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-7"/>,
/// grammar in <see href="https://www.rfc-editor.org/rfc/rfc3261#section-25"/>). Parsing runs in two phases, like
/// Kestrel's HttpParser: a scan over <see cref="ReadOnlySpan{T}"/> that validates the start line, finds header
/// boundaries and frames the body without allocating, then materialisation of a <see cref="SipMessage"/> and the
/// checks that need typed values (From, To, Via, CSeq…).
/// </summary>
public static partial class SipParser
{
    /// <summary>The largest message accepted, start line to end of body (64 KiB).</summary>
    public const int MaxMessageSize = 65536;

    [ThreadStatic]
    private static SipFrame? s_frame;

    /// <summary>
    /// Parses one message from the start of <paramref name="input"/>.
    /// For datagrams (<paramref name="isStream"/> false) a missing Content-Length means the body is the rest of the datagram,
    /// bytes after Content-Length are ignored, and a Content-Length beyond the datagram is <see cref="SipParseStatus.Invalid"/>.
    /// On streams Content-Length is mandatory and frames the message; leading CRLFs (keep-alives) are skipped and counted in
    /// <paramref name="consumed"/>.
    /// </summary>
    /// <param name="input">The received bytes.</param>
    /// <param name="isStream">Whether the bytes come from a stream transport (TCP, TLS, WebSocket).</param>
    /// <param name="message">The message when <see cref="SipParseStatus.Complete"/>.</param>
    /// <param name="consumed">Complete: the bytes of this message (keep-alives included). Incomplete: the keep-alive CRLFs
    /// that may be discarded. Invalid: the bytes of the framed message when framing could be determined, else 0 (a stream
    /// transport should then close the connection).</param>
    /// <param name="reason">Invalid: why, one of <see cref="SipParseErrors"/>.</param>
    /// <param name="partial">Invalid: a best-effort request when the start line is a request and Via, From, To, Call-ID and
    /// CSeq are present, so the transport can answer (<see cref="SipParseErrors.StatusCodeFor"/>). Its typed views may
    /// throw; its Request-URI is an empty sip URI when the received one could not be parsed.</param>
    /// <returns>The outcome.</returns>
    public static SipParseStatus TryParse(ReadOnlySpan<byte> input, bool isStream, out SipMessage? message, out int consumed, out string? reason, out SipRequest? partial)
    {
        var frame = s_frame ??= new SipFrame();
        message = null;
        partial = null;
        var status = Scan(input, isStream, frame, out reason);
        switch (status)
        {
            case SipParseStatus.Incomplete:
                consumed = frame.Start;
                return status;
            case SipParseStatus.Invalid:
                consumed = frame.End;
                if (frame.HeadersComplete && frame.IsRequest)
                {
                    partial = ToPartial(Materialize(input, frame, out _));
                }

                return status;
        }

        consumed = frame.End;
        var materialized = Materialize(input, frame, out var error) ;
        error ??= Validate(materialized);
        if (error is not null)
        {
            reason = error;
            partial = ToPartial(materialized);
            return SipParseStatus.Invalid;
        }

        message = materialized;
        return SipParseStatus.Complete;
    }

    /// <summary>Builds the message object from a scanned frame; <paramref name="error"/> reports a bad Request-URI.</summary>
    private static SipMessage Materialize(ReadOnlySpan<byte> input, SipFrame frame, out string? error)
    {
        error = null;
        var headers = new SipHeaderCollection(frame.HeaderCount);
        for (var i = 0; i < frame.HeaderCount; i++)
        {
            ref readonly var range = ref frame.Header(i);
            var name = range.Known ?? Encoding.UTF8.GetString(input.Slice(range.NameStart, range.NameLength));
            var value = input[range.ValueStart..range.ValueEnd];
            headers.AddCanonical(name, range.Folded ? Unfold(value) : Encoding.UTF8.GetString(value));
        }

        SipMessage message;
        if (frame.IsRequest)
        {
            var methodBytes = input[frame.Method];
            var method = SipMethods.TryGetKnown(methodBytes) ?? Encoding.ASCII.GetString(methodBytes);
            var uriText = Encoding.UTF8.GetString(input[frame.RequestUri]);
            if (!SipUri.TryParse(uriText, out var uri))
            {
                error = HasUriScheme(uriText, out var known) && !known ? SipParseErrors.UnsupportedUriScheme : SipParseErrors.BadRequestUri;
                uri = new SipUri();
            }

            message = new SipRequest(method, uri, headers);
        }
        else
        {
            message = new SipResponse(frame.StatusCode, Encoding.UTF8.GetString(input[frame.ReasonPhrase]), headers);
        }

        if (frame.End > frame.BodyStart)
        {
            message.Body = input[frame.BodyStart..frame.End].ToArray();
        }

        return message;
    }

    /// <summary>The checks that need typed header values (RFC 3261 §8.2, RFC 4475 §3.1.2).</summary>
    private static string? Validate(SipMessage message)
    {
        var headers = message.Headers;
        var error = CheckSingle(headers, SipHeaderNames.CallId, SipParseErrors.ConflictingCallId)
            ?? CheckSingle(headers, SipHeaderNames.CSeq, SipParseErrors.ConflictingCSeq)
            ?? CheckSingle(headers, SipHeaderNames.From, SipParseErrors.ConflictingFrom)
            ?? CheckSingle(headers, SipHeaderNames.To, SipParseErrors.ConflictingTo)
            ?? CheckSingle(headers, SipHeaderNames.MaxForwards, SipParseErrors.ConflictingMaxForwards)
            ?? CheckSingle(headers, SipHeaderNames.ContentType, SipParseErrors.ConflictingContentType);
        if (error is not null)
        {
            return error;
        }

        var callId = headers[SipHeaderNames.CallId]!;
        if (callId.Length == 0 || callId.AsSpan().ContainsAny(" \t\r\n"))
        {
            return SipParseErrors.BadCallId;
        }

        if (!SipCSeq.TryParse(headers[SipHeaderNames.CSeq], out var cseq))
        {
            return SipParseErrors.BadCSeq;
        }

        if (message is SipRequest request)
        {
            if (!string.Equals(cseq.Method, request.Method, StringComparison.Ordinal))
            {
                return SipParseErrors.CSeqMethodMismatch;
            }

            if (request.RequestUri.Headers.Count > 0)
            {
                return SipParseErrors.RequestUriWithHeaders;
            }
        }

        if (!SipNameAddress.TryParse(headers[SipHeaderNames.From], out var from) || from.IsWildcard)
        {
            return SipParseErrors.BadFrom;
        }

        if (!SipNameAddress.TryParse(headers[SipHeaderNames.To], out var to) || to.IsWildcard)
        {
            return SipParseErrors.BadTo;
        }

        foreach (var value in headers.GetValues(SipHeaderNames.Via))
        {
            if (!SipVia.TryParse(value, out _))
            {
                return SipParseErrors.BadVia;
            }
        }

        var maxForwards = headers[SipHeaderNames.MaxForwards];
        if (maxForwards is not null && (!SipGrammar.TryParseDigits(maxForwards, out var hops) || hops > 255))
        {
            return SipParseErrors.BadMaxForwards;
        }

        var contacts = headers.GetValues(SipHeaderNames.Contact);
        foreach (var value in contacts)
        {
            if (!SipNameAddress.TryParse(value, out var contact) || (contact.IsWildcard && contacts.Count > 1))
            {
                return SipParseErrors.BadContact;
            }
        }

        if (!AllNameAddresses(headers, SipHeaderNames.Route) || !AllNameAddresses(headers, SipHeaderNames.RecordRoute))
        {
            return SipParseErrors.BadRoute;
        }

        var date = headers[SipHeaderNames.Date];
        if (date is not null && !date.EndsWith(" GMT", StringComparison.Ordinal))
        {
            return SipParseErrors.BadDate;
        }

        var retryAfter = headers[SipHeaderNames.RetryAfter];
        if (retryAfter is not null)
        {
            var span = retryAfter.AsSpan();
            var end = span.IndexOfAnyExceptInRange('0', '9');
            if (!SipGrammar.TryParseDigits(end < 0 ? span : span[..end], out var seconds) || seconds > uint.MaxValue)
            {
                return SipParseErrors.BadRetryAfter;
            }
        }

        return null;
    }

    private static bool AllNameAddresses(SipHeaderCollection headers, string name)
    {
        foreach (var value in headers.GetValues(name))
        {
            if (!SipNameAddress.TryParse(value, out var address) || address.IsWildcard)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Fails when a single-value header appears on several lines with different values.</summary>
    private static string? CheckSingle(SipHeaderCollection headers, string name, string error)
    {
        string? first = null;
        foreach (var header in headers)
        {
            if (!ReferenceEquals(header.Name, name))
            {
                continue;
            }

            if (first is null)
            {
                first = header.Value;
            }
            else if (!string.Equals(first, header.Value, StringComparison.Ordinal))
            {
                return error;
            }
        }

        return null;
    }

    private static SipRequest? ToPartial(SipMessage message)
    {
        if (message is not SipRequest request)
        {
            return null;
        }

        // A response copies these verbatim (RFC 3261 §8.2.6.2), so they only need to be present: a Via of another SIP
        // version (RFC 4475 badvers) still tells where to send the 505.
        var headers = request.Headers;
        return headers.Contains(SipHeaderNames.Via) && headers.Contains(SipHeaderNames.From) && headers.Contains(SipHeaderNames.To)
            && headers.Contains(SipHeaderNames.CallId) && headers.Contains(SipHeaderNames.CSeq)
            ? request
            : null;
    }

    /// <summary>True when the text starts with a syntactically valid scheme (ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"); <paramref name="known"/> tells whether it is sip, sips or tel.</summary>
    private static bool HasUriScheme(string text, out bool known)
    {
        known = false;
        var colon = text.IndexOf(':');
        if (colon <= 0 || !char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        var scheme = text.AsSpan(0, colon);
        known = scheme.Equals("sip", StringComparison.OrdinalIgnoreCase) || scheme.Equals("sips", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("tel", StringComparison.OrdinalIgnoreCase);

        foreach (var c in text.AsSpan(0, colon))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Decodes a folded value, replacing each CRLF and the whitespace around it with one SP (RFC 3261 §7.3.1).</summary>
    private static string Unfold(ReadOnlySpan<byte> value)
    {
        var rented = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(value.Length));
        try
        {
            var chars = rented.AsSpan(0, Encoding.UTF8.GetChars(value, rented));
            var length = 0;
            for (var i = 0; i < chars.Length; i++)
            {
                var c = chars[i];
                if (c is '\r' or '\n' or ' ' or '\t')
                {
                    var j = i;
                    var fold = false;
                    while (j < chars.Length && chars[j] is '\r' or '\n' or ' ' or '\t')
                    {
                        fold |= chars[j] == '\n';
                        j++;
                    }

                    if (fold)
                    {
                        rented[length++] = ' ';
                    }
                    else
                    {
                        chars[i..j].CopyTo(rented.AsSpan(length));
                        length += j - i;
                    }

                    i = j - 1;
                    continue;
                }

                rented[length++] = c;
            }

            return new string(rented, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }
}
