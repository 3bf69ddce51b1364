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
                    partial = ToPartial(Materialize(input, frame, out _, out _));
                }

                return status;
        }

        consumed = frame.End;
        var materialized = Materialize(input, frame, out var error, out var requestUriHasHeaders);
        error ??= Validate(materialized, requestUriHasHeaders);
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
    private static SipMessage Materialize(ReadOnlySpan<byte> input, SipFrame frame, out string? error, out bool requestUriHasHeaders)
    {
        error = null;
        requestUriHasHeaders = false;
        var headers = new SipHeaderCollection(frame.HeaderCount);
        for (var i = 0; i < frame.HeaderCount; i++)
        {
            ref readonly var range = ref frame.Header(i);
            var name = range.Known ?? Encoding.UTF8.GetString(input.Slice(range.NameStart, range.NameLength));
            var value = input[range.ValueStart..range.ValueEnd];
            headers.AddCanonical(name, range.Folded ? Unfold(value) : DecodeValue(range.Known, value));
        }

        SipMessage message;
        if (frame.IsRequest)
        {
            var methodBytes = input[frame.Method];
            var method = SipMethods.TryGetKnown(methodBytes) ?? Encoding.ASCII.GetString(methodBytes);
            var uriText = Encoding.UTF8.GetString(input[frame.RequestUri]);
            if (SipUri.IsValid(uriText, out requestUriHasHeaders))
            {
                // Parsed into a SipUri only when someone reads RequestUri.
                message = new SipRequest(method, uriText, headers);
            }
            else
            {
                error = HasUriScheme(uriText, out var known) && !known ? SipParseErrors.UnsupportedUriScheme : SipParseErrors.BadRequestUri;
                message = new SipRequest(method, new SipUri(), headers);
            }
        }
        else
        {
            message = new SipResponse(frame.StatusCode, DecodeReasonPhrase(frame.StatusCode, input[frame.ReasonPhrase]), headers);
        }

        if (frame.End > frame.BodyStart)
        {
            message.Body = input[frame.BodyStart..frame.End].ToArray();
        }

        return message;
    }

    /// <summary>
    /// The checks that need typed header values (RFC 3261 §8.2, RFC 4475 §3.1.2). They run over the header strings with the
    /// same grammar as the typed views (<see cref="SipNameAddress.IsValid"/>, <see cref="SipVia.IsValid"/>…) but allocate
    /// nothing; the views themselves are parsed only when someone asks for them.
    /// </summary>
    private static string? Validate(SipMessage message, bool requestUriHasHeaders)
    {
        var headers = message.Headers;
        string? callId = null, cseqText = null, from = null, to = null, maxForwards = null, contentType = null, date = null, retryAfter = null;
        string? conflict = null;
        var viaOk = true;
        var routeOk = true;
        var contactOk = true;
        var contactCount = 0;
        var contactWildcard = false;
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers.GetAt(i);
            var name = header.Name;
            var value = header.Value;
            if (ReferenceEquals(name, SipHeaderNames.Via))
            {
                viaOk = viaOk && AllElements(value, ElementKind.Via, ref contactCount, ref contactWildcard);
            }
            else if (ReferenceEquals(name, SipHeaderNames.From))
            {
                First(ref from, value, SipParseErrors.ConflictingFrom, ref conflict);
            }
            else if (ReferenceEquals(name, SipHeaderNames.To))
            {
                First(ref to, value, SipParseErrors.ConflictingTo, ref conflict);
            }
            else if (ReferenceEquals(name, SipHeaderNames.CallId))
            {
                First(ref callId, value, SipParseErrors.ConflictingCallId, ref conflict);
            }
            else if (ReferenceEquals(name, SipHeaderNames.CSeq))
            {
                First(ref cseqText, value, SipParseErrors.ConflictingCSeq, ref conflict);
            }
            else if (ReferenceEquals(name, SipHeaderNames.Contact))
            {
                contactOk = contactOk && AllElements(value, ElementKind.Contact, ref contactCount, ref contactWildcard);
            }
            else if (ReferenceEquals(name, SipHeaderNames.MaxForwards))
            {
                First(ref maxForwards, value, SipParseErrors.ConflictingMaxForwards, ref conflict);
            }
            else if (ReferenceEquals(name, SipHeaderNames.ContentType))
            {
                First(ref contentType, value, SipParseErrors.ConflictingContentType, ref conflict);
            }
            else if (ReferenceEquals(name, SipHeaderNames.Route) || ReferenceEquals(name, SipHeaderNames.RecordRoute))
            {
                routeOk = routeOk && AllElements(value, ElementKind.Route, ref contactCount, ref contactWildcard);
            }
            else if (ReferenceEquals(name, SipHeaderNames.Date))
            {
                date ??= value;
            }
            else if (ReferenceEquals(name, SipHeaderNames.RetryAfter))
            {
                retryAfter ??= value;
            }
        }

        if (conflict is not null)
        {
            return conflict;
        }

        if (callId is null || callId.Length == 0 || callId.AsSpan().ContainsAny(" \t\r\n"))
        {
            return SipParseErrors.BadCallId;
        }

        if (!SipCSeq.TryParse(cseqText, out var cseq))
        {
            return SipParseErrors.BadCSeq;
        }

        if (message is SipRequest request)
        {
            if (!string.Equals(cseq.Method, request.Method, StringComparison.Ordinal))
            {
                return SipParseErrors.CSeqMethodMismatch;
            }

            if (requestUriHasHeaders)
            {
                return SipParseErrors.RequestUriWithHeaders;
            }
        }

        if (from is null || !SipNameAddress.IsValid(from, out var fromWildcard) || fromWildcard)
        {
            return SipParseErrors.BadFrom;
        }

        if (to is null || !SipNameAddress.IsValid(to, out var toWildcard) || toWildcard)
        {
            return SipParseErrors.BadTo;
        }

        if (!viaOk)
        {
            return SipParseErrors.BadVia;
        }

        if (maxForwards is not null && (!SipGrammar.TryParseDigits(maxForwards, out var hops) || hops > 255))
        {
            return SipParseErrors.BadMaxForwards;
        }

        if (!contactOk || (contactWildcard && contactCount > 1))
        {
            return SipParseErrors.BadContact;
        }

        if (!routeOk)
        {
            return SipParseErrors.BadRoute;
        }

        if (date is not null && !date.EndsWith(" GMT", StringComparison.Ordinal))
        {
            return SipParseErrors.BadDate;
        }

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

    private enum ElementKind
    {
        Via,
        Contact,
        Route,
    }

    /// <summary>Records the first value of a single-value header; notes a conflict when a later line differs (first conflict wins in header order of checks).</summary>
    private static void First(ref string? first, string value, string error, ref string? conflict)
    {
        if (first is null)
        {
            first = value;
        }
        else if (!string.Equals(first, value, StringComparison.Ordinal))
        {
            conflict = Earlier(conflict, error);
        }
    }

    /// <summary>Of two conflict errors, the one the checks report first (Call-ID, CSeq, From, To, Max-Forwards, Content-Type).</summary>
    private static string Earlier(string? current, string candidate) =>
        current is null || ConflictRank(candidate) < ConflictRank(current) ? candidate : current;

    private static int ConflictRank(string error) =>
        ReferenceEquals(error, SipParseErrors.ConflictingCallId) ? 0
        : ReferenceEquals(error, SipParseErrors.ConflictingCSeq) ? 1
        : ReferenceEquals(error, SipParseErrors.ConflictingFrom) ? 2
        : ReferenceEquals(error, SipParseErrors.ConflictingTo) ? 3
        : ReferenceEquals(error, SipParseErrors.ConflictingMaxForwards) ? 4
        : 5;

    /// <summary>
    /// Checks every comma-separated element of one header line (split as <see cref="SipHeaderCollection.GetValues"/> does,
    /// empty elements skipped). Contact elements are counted and a <c>*</c> is noted; Route elements must not be <c>*</c>.
    /// </summary>
    private static bool AllElements(string value, ElementKind kind, ref int contactCount, ref bool contactWildcard)
    {
        var rest = value.AsSpan();
        while (true)
        {
            var comma = SipGrammar.IndexOfUnquoted(rest, ',');
            var element = SipGrammar.TrimLws(comma < 0 ? rest : rest[..comma]);
            if (!element.IsEmpty)
            {
                switch (kind)
                {
                    case ElementKind.Via:
                        if (!SipVia.IsValid(element))
                        {
                            return false;
                        }

                        break;
                    case ElementKind.Contact:
                        if (!SipNameAddress.IsValid(element, out var wildcard))
                        {
                            return false;
                        }

                        contactCount++;
                        contactWildcard |= wildcard;
                        break;
                    default:
                        if (!SipNameAddress.IsValid(element, out var routeWildcard) || routeWildcard)
                        {
                            return false;
                        }

                        break;
                }
            }

            if (comma < 0)
            {
                return true;
            }

            rest = rest[(comma + 1)..];
        }
    }

    private const int ValueCacheSize = 64;
    private const int MaxCachedValueLength = 96;

    /// <summary>
    /// Header values seen recently on this thread, reused when the same bytes come again (Allow, Supported, User-Agent,
    /// Content-Type, Max-Forwards… repeat on every message from a peer), like Kestrel's reuse of header value strings.
    /// Strings are immutable, so sharing them between messages is safe.
    /// </summary>
    [ThreadStatic]
    private static string?[]? s_valueCache;

    /// <summary>Decodes a header value, reusing a cached string for values that tend to repeat between messages.</summary>
    private static string DecodeValue(string? known, ReadOnlySpan<byte> value)
    {
        // Values unique to a call or transaction are not worth a cache slot.
        if (value.IsEmpty || value.Length > MaxCachedValueLength || known is null || ReferenceEquals(known, SipHeaderNames.Via)
            || ReferenceEquals(known, SipHeaderNames.From) || ReferenceEquals(known, SipHeaderNames.To)
            || ReferenceEquals(known, SipHeaderNames.CallId) || ReferenceEquals(known, SipHeaderNames.CSeq)
            || ReferenceEquals(known, SipHeaderNames.Contact) || ReferenceEquals(known, SipHeaderNames.RecordRoute)
            || ReferenceEquals(known, SipHeaderNames.Route))
        {
            return Encoding.UTF8.GetString(value);
        }

        var cache = s_valueCache ??= new string?[ValueCacheSize];
        var slot = (int)((uint)((value.Length * 31) + (value[0] * 7) + (value[value.Length / 2] * 3) + value[^1]) % ValueCacheSize);
        var cached = cache[slot];
        if (cached is not null && cached.Length == value.Length && Ascii.Equals(value, cached))
        {
            return cached;
        }

        var decoded = Encoding.UTF8.GetString(value);
        cache[slot] = decoded;
        return decoded;
    }

    /// <summary>Decodes a reason phrase, reusing the standard phrase of the status code when the bytes match it.</summary>
    private static string DecodeReasonPhrase(int statusCode, ReadOnlySpan<byte> phrase)
    {
        var standard = SipStatus.ReasonPhrase(statusCode);
        return standard.Length == phrase.Length && Ascii.Equals(phrase, standard) ? standard : Encoding.UTF8.GetString(phrase);
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
    private static bool HasUriScheme(ReadOnlySpan<char> text, out bool known)
    {
        known = false;
        var colon = text.IndexOf(':');
        if (colon <= 0 || !char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        var scheme = text[..colon];
        known = scheme.Equals("sip", StringComparison.OrdinalIgnoreCase) || scheme.Equals("sips", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("tel", StringComparison.OrdinalIgnoreCase);

        foreach (var c in scheme)
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
