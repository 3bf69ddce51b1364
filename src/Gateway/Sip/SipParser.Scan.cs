using System.Text;

namespace Softswitch.Sip;

/// <summary>The scan phase: start line and header boundaries over bytes, without allocating.</summary>
public static partial class SipParser
{
    /// <summary>
    /// Scans one message: validates the start line, records header boundaries in <paramref name="frame"/> and frames the
    /// body. Allocates nothing. When it returns <see cref="SipParseStatus.Invalid"/> with
    /// <see cref="SipFrame.HeadersComplete"/> set, the message can still be materialised (for a partial request).
    /// </summary>
    internal static SipParseStatus Scan(ReadOnlySpan<byte> input, bool isStream, SipFrame frame, out string? reason)
    {
        frame.Reset();
        reason = null;
        var pos = 0;
        while (pos + 1 < input.Length && input[pos] == '\r' && input[pos + 1] == '\n')
        {
            pos += 2;
        }

        frame.Start = pos;
        if (pos == input.Length || (pos == input.Length - 1 && input[pos] == '\r'))
        {
            return SipParseStatus.Incomplete;
        }

        var start = pos;
        var limit = Math.Min(input.Length, start + MaxMessageSize);

        // Start line.
        var lf = input[pos..limit].IndexOf((byte)'\n');
        if (lf < 0)
        {
            return NeedMore(input, start, isStream, ref reason);
        }

        lf += pos;
        if (lf == pos || input[lf - 1] != '\r')
        {
            return Fail(SipParseErrors.BareLineBreak, ref reason);
        }

        var line = input[pos..(lf - 1)];
        if (line.Contains((byte)'\r'))
        {
            return Fail(SipParseErrors.BareLineBreak, ref reason);
        }

        var deferred = ScanStartLine(line, pos, frame);
        if (deferred is not null && deferred != SipParseErrors.UnsupportedVersion)
        {
            return Fail(deferred, ref reason);
        }

        pos = lf + 1;

        // Header lines.
        string? deferredError = null;
        var firstLine = true;
        while (true)
        {
            if (pos >= limit)
            {
                return NeedMore(input, start, isStream, ref reason);
            }

            var b = input[pos];
            if (b == '\r')
            {
                if (pos + 1 >= limit)
                {
                    return NeedMore(input, start, isStream, ref reason);
                }

                if (input[pos + 1] != '\n')
                {
                    return Fail(SipParseErrors.BareLineBreak, ref reason);
                }

                pos += 2;
                break;
            }

            if (b == '\n')
            {
                return Fail(SipParseErrors.BareLineBreak, ref reason);
            }

            if (firstLine && SipGrammar.IsWsp(b))
            {
                return Fail(SipParseErrors.FoldedStartLine, ref reason);
            }

            firstLine = false;
            var nameLength = input[pos..limit].IndexOfAnyExcept(SipGrammar.TokenBytes);
            if (nameLength < 0)
            {
                return NeedMore(input, start, isStream, ref reason);
            }

            var colon = pos + nameLength;
            while (colon < limit && SipGrammar.IsWsp(input[colon]))
            {
                colon++;
            }

            if (colon >= limit)
            {
                return NeedMore(input, start, isStream, ref reason);
            }

            if (nameLength == 0 || input[colon] != ':')
            {
                var eol = input[pos..limit].IndexOf("\r\n"u8);
                if (eol < 0)
                {
                    return isStream && limit == input.Length ? NeedMore(input, start, isStream, ref reason) : Fail(SipParseErrors.HeaderWithoutColon, ref reason);
                }

                // Skip the line and read on to the end of the headers, so the request can still be answered with 400.
                deferredError ??= SipParseErrors.HeaderWithoutColon;
                pos += eol + 2;
                firstLine = false;
                continue;
            }

            // The value runs to the CRLF that is not followed by SP or HTAB (line folding, RFC 3261 §7.3.1).
            var valueStart = colon + 1;
            var cursor = valueStart;
            var folded = false;
            int lineEnd;
            while (true)
            {
                var next = input[cursor..limit].IndexOf((byte)'\n');
                if (next < 0)
                {
                    return NeedMore(input, start, isStream, ref reason);
                }

                next += cursor;
                if (input[next - 1] != '\r' || input[cursor..(next - 1)].Contains((byte)'\r'))
                {
                    return Fail(SipParseErrors.BareLineBreak, ref reason);
                }

                if (next + 1 >= limit)
                {
                    return NeedMore(input, start, isStream, ref reason);
                }

                if (!SipGrammar.IsWsp(input[next + 1]))
                {
                    lineEnd = next - 1;
                    break;
                }

                folded = true;
                cursor = next + 1;
            }

            var valueEnd = lineEnd;
            while (valueStart < valueEnd && IsLws(input[valueStart]))
            {
                valueStart++;
            }

            while (valueEnd > valueStart && IsLws(input[valueEnd - 1]))
            {
                valueEnd--;
            }

            var name = input.Slice(pos, nameLength);
            SipHeaderNames.TryGetCanonical(name, out var known);
            var isKnown = known.Length != 0;
            frame.AddHeader(new SipHeaderRange(pos, nameLength, valueStart, valueEnd, folded && input[valueStart..valueEnd].Contains((byte)'\n'), isKnown ? known : null));
            if (isKnown)
            {
                var error = Note(known, input[valueStart..valueEnd], frame);
                if (error is not null)
                {
                    // Read on to the end of the headers, so the request can still be answered with 400 (§8.2, §18.3);
                    // on a stream the framing is lost, and the transport closes the connection after the answer.
                    deferredError ??= error;
                }
            }

            pos = lineEnd + 2;
        }

        // Framing (RFC 3261 §18.3).
        frame.BodyStart = pos;
        if (deferredError is not null)
        {
            frame.End = isStream ? 0 : input.Length; // on a stream the framing is lost: 0 closes the connection
            return Fail(deferredError, ref reason);
        }

        var headerLength = pos - start;
        if (frame.ContentLength >= 0)
        {
            if (frame.ContentLength > MaxMessageSize - headerLength)
            {
                return Fail(SipParseErrors.MessageTooLarge, ref reason);
            }

            var end = pos + (int)frame.ContentLength;
            if (end > input.Length)
            {
                if (isStream)
                {
                    frame.BodyStart = 0;
                    return SipParseStatus.Incomplete;
                }

                return Fail(SipParseErrors.ContentLengthMismatch, ref reason);
            }

            frame.End = end;
        }
        else if (isStream)
        {
            return Fail(SipParseErrors.MissingContentLength, ref reason);
        }
        else
        {
            if (input.Length - start > MaxMessageSize)
            {
                return Fail(SipParseErrors.MessageTooLarge, ref reason);
            }

            frame.End = input.Length;
        }

        reason = deferred ?? MissingMandatory(frame.Seen);
        return reason is null ? SipParseStatus.Complete : SipParseStatus.Invalid;
    }

    /// <summary>Validates the start line; returns an error, or <see cref="SipParseErrors.UnsupportedVersion"/> to defer.</summary>
    private static string? ScanStartLine(ReadOnlySpan<byte> line, int offset, SipFrame frame)
    {
        var firstSpace = line.IndexOf((byte)' ');
        if (firstSpace <= 0)
        {
            return SipParseErrors.BadStartLine;
        }

        var first = line[..firstSpace];
        if (first.Length > 4 && Ascii.EqualsIgnoreCase(first[..4], "SIP/"u8))
        {
            // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
            var version = CheckVersion(first);
            if (version is not null)
            {
                return version == SipParseErrors.UnsupportedVersion ? SipParseErrors.UnsupportedVersion : SipParseErrors.BadStartLine;
            }

            var rest = line[(firstSpace + 1)..];
            if (rest.Length < 4 || rest[3] != ' ' || rest[..3].ContainsAnyExceptInRange((byte)'0', (byte)'9'))
            {
                return SipParseErrors.BadStatusCode;
            }

            var code = ((rest[0] - '0') * 100) + ((rest[1] - '0') * 10) + (rest[2] - '0');
            if (code is < 100 or > 699)
            {
                return SipParseErrors.BadStatusCode;
            }

            var reasonPhrase = rest[4..];
            if (ContainsControl(reasonPhrase))
            {
                return SipParseErrors.BadStartLine;
            }

            frame.IsRequest = false;
            frame.StatusCode = code;
            var reasonStart = offset + firstSpace + 5;
            frame.ReasonPhrase = new Range(reasonStart, reasonStart + reasonPhrase.Length);
            return null;
        }

        // Request-Line = Method SP Request-URI SP SIP-Version
        if (!SipGrammar.IsToken(first))
        {
            return SipParseErrors.BadStartLine;
        }

        var lastSpace = line.LastIndexOf((byte)' ');
        var uri = line[(firstSpace + 1)..Math.Max(firstSpace + 1, lastSpace)];
        if (lastSpace == firstSpace || uri.IsEmpty || uri.IndexOfAny((byte)' ', (byte)'\t') >= 0 || ContainsControl(uri))
        {
            return SipParseErrors.BadStartLine;
        }

        frame.IsRequest = true;
        frame.Method = new Range(offset, offset + firstSpace);
        frame.RequestUri = new Range(offset + firstSpace + 1, offset + lastSpace);
        return CheckVersion(line[(lastSpace + 1)..]);
    }

    /// <summary>null for SIP/2.0, <see cref="SipParseErrors.UnsupportedVersion"/> for another SIP/x.y, else bad start line.</summary>
    private static string? CheckVersion(ReadOnlySpan<byte> version)
    {
        if (version.Length == 7 && Ascii.EqualsIgnoreCase(version, "SIP/2.0"u8))
        {
            return null;
        }

        if (version.Length < 7 || !Ascii.EqualsIgnoreCase(version[..4], "SIP/"u8))
        {
            return SipParseErrors.BadStartLine;
        }

        var number = version[4..];
        var dot = number.IndexOf((byte)'.');
        return dot > 0 && dot < number.Length - 1 && !number[..dot].ContainsAnyExceptInRange((byte)'0', (byte)'9')
            && !number[(dot + 1)..].ContainsAnyExceptInRange((byte)'0', (byte)'9')
            ? SipParseErrors.UnsupportedVersion
            : SipParseErrors.BadStartLine;
    }

    /// <summary>Records what the framing needs from a known header; returns an error for a bad Content-Length.</summary>
    private static string? Note(string known, ReadOnlySpan<byte> value, SipFrame frame)
    {
        // Known names are the interned constants, so reference comparisons suffice.
        if (ReferenceEquals(known, SipHeaderNames.ContentLength))
        {
            if (!TryParseLength(value, out var length))
            {
                return SipParseErrors.BadContentLength;
            }

            if (frame.ContentLength >= 0 && frame.ContentLength != length)
            {
                return SipParseErrors.ConflictingContentLength;
            }

            frame.ContentLength = length;
        }
        else if (ReferenceEquals(known, SipHeaderNames.Via))
        {
            frame.Seen |= SipFrame.SeenVia;
        }
        else if (ReferenceEquals(known, SipHeaderNames.From))
        {
            frame.Seen |= SipFrame.SeenFrom;
        }
        else if (ReferenceEquals(known, SipHeaderNames.To))
        {
            frame.Seen |= SipFrame.SeenTo;
        }
        else if (ReferenceEquals(known, SipHeaderNames.CallId))
        {
            frame.Seen |= SipFrame.SeenCallId;
        }
        else if (ReferenceEquals(known, SipHeaderNames.CSeq))
        {
            frame.Seen |= SipFrame.SeenCSeq;
        }

        return null;
    }

    private static string? MissingMandatory(int seen) =>
        (seen & SipFrame.SeenVia) == 0 ? SipParseErrors.MissingVia
        : (seen & SipFrame.SeenFrom) == 0 ? SipParseErrors.MissingFrom
        : (seen & SipFrame.SeenTo) == 0 ? SipParseErrors.MissingTo
        : (seen & SipFrame.SeenCallId) == 0 ? SipParseErrors.MissingCallId
        : (seen & SipFrame.SeenCSeq) == 0 ? SipParseErrors.MissingCSeq
        : null;

    /// <summary>Parses 1*DIGIT (at most 18 digits, so the value always fits a long); false for sign, empty or other characters.</summary>
    private static bool TryParseLength(ReadOnlySpan<byte> value, out long length)
    {
        length = 0;
        if (value.IsEmpty || value.Length > 18 || value.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            return false;
        }

        foreach (var digit in value)
        {
            length = (length * 10) + (digit - '0');
        }

        return true;
    }

    private static bool ContainsControl(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if ((b < 0x20 && b != '\t') || b == 0x7F)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLws(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static SipParseStatus NeedMore(ReadOnlySpan<byte> input, int start, bool isStream, ref string? reason)
    {
        if (input.Length - start >= MaxMessageSize)
        {
            reason = SipParseErrors.MessageTooLarge;
            return SipParseStatus.Invalid;
        }

        if (!isStream)
        {
            reason = SipParseErrors.Truncated;
            return SipParseStatus.Invalid;
        }

        return SipParseStatus.Incomplete;
    }

    private static SipParseStatus Fail(string error, ref string? reason)
    {
        reason = error;
        return SipParseStatus.Invalid;
    }
}
