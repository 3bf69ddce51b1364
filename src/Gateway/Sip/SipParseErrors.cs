namespace Softswitch.Sip;

/// <summary>
/// The reasons <see cref="SipParser.TryParse"/> gives for <see cref="SipParseStatus.Invalid"/>, as constants so that
/// transports can choose the answer (<see cref="StatusCodeFor"/>) without comparing free text.
/// </summary>
public static class SipParseErrors
{
    /// <summary>The start line is neither a Request-Line nor a Status-Line (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-7.1"/>).</summary>
    public const string BadStartLine = "bad start line";

    /// <summary>The SIP-Version is not SIP/2.0 (answer 505, <see href="https://www.rfc-editor.org/rfc/rfc3261#section-8.2.2"/>).</summary>
    public const string UnsupportedVersion = "unsupported SIP version";

    /// <summary>The status code is not three digits between 100 and 699.</summary>
    public const string BadStatusCode = "bad status code";

    /// <summary>The Request-URI is malformed.</summary>
    public const string BadRequestUri = "bad Request-URI";

    /// <summary>The Request-URI scheme is not sip, sips or tel (answer 416, <see href="https://www.rfc-editor.org/rfc/rfc3261#section-8.2.2.1"/>).</summary>
    public const string UnsupportedUriScheme = "unsupported URI scheme";

    /// <summary>The Request-URI carries URI headers, which it must not (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-19.1.1"/>).</summary>
    public const string RequestUriWithHeaders = "Request-URI must not contain headers";

    /// <summary>A header line has no colon or an invalid name.</summary>
    public const string HeaderWithoutColon = "header line without colon";

    /// <summary>A CR or LF appears other than as a CRLF line end.</summary>
    public const string BareLineBreak = "bare CR or LF";

    /// <summary>The first header line starts with whitespace.</summary>
    public const string FoldedStartLine = "continuation line after start line";

    /// <summary>The message exceeds <see cref="SipParser.MaxMessageSize"/> (answer 513).</summary>
    public const string MessageTooLarge = "message too large";

    /// <summary>A datagram ends before the end of its header section.</summary>
    public const string Truncated = "truncated message";

    /// <summary>Content-Length is not 1*DIGIT.</summary>
    public const string BadContentLength = "bad Content-Length";

    /// <summary>Several Content-Length values disagree (RFC 4475 mcl01).</summary>
    public const string ConflictingContentLength = "conflicting Content-Length values";

    /// <summary>A stream message has no Content-Length (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-18.3"/>).</summary>
    public const string MissingContentLength = "missing Content-Length";

    /// <summary>Content-Length is larger than the datagram (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-18.3"/>).</summary>
    public const string ContentLengthMismatch = "Content-Length mismatch";

    /// <summary>No Via.</summary>
    public const string MissingVia = "missing Via";

    /// <summary>No From.</summary>
    public const string MissingFrom = "missing From";

    /// <summary>No To.</summary>
    public const string MissingTo = "missing To";

    /// <summary>No Call-ID.</summary>
    public const string MissingCallId = "missing Call-ID";

    /// <summary>No CSeq.</summary>
    public const string MissingCSeq = "missing CSeq";

    /// <summary>A Via value is malformed.</summary>
    public const string BadVia = "bad Via";

    /// <summary>From is malformed.</summary>
    public const string BadFrom = "bad From";

    /// <summary>To is malformed.</summary>
    public const string BadTo = "bad To";

    /// <summary>Call-ID is malformed.</summary>
    public const string BadCallId = "bad Call-ID";

    /// <summary>CSeq is malformed or its number is not below 2**31.</summary>
    public const string BadCSeq = "bad CSeq";

    /// <summary>Max-Forwards is not a number from 0 to 255.</summary>
    public const string BadMaxForwards = "bad Max-Forwards";

    /// <summary>A Contact value is malformed.</summary>
    public const string BadContact = "bad Contact";

    /// <summary>A Route or Record-Route value is malformed.</summary>
    public const string BadRoute = "bad Route";

    /// <summary>Date is not an RFC 1123 date in GMT (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.17"/>).</summary>
    public const string BadDate = "bad Date";

    /// <summary>Retry-After is not a delta-seconds value below 2**32.</summary>
    public const string BadRetryAfter = "bad Retry-After";

    /// <summary>The CSeq method differs from the request method (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.5"/>).</summary>
    public const string CSeqMethodMismatch = "CSeq method does not match request method";

    /// <summary>Several Call-ID lines disagree.</summary>
    public const string ConflictingCallId = "conflicting Call-ID values";

    /// <summary>Several CSeq lines disagree.</summary>
    public const string ConflictingCSeq = "conflicting CSeq values";

    /// <summary>Several From lines disagree.</summary>
    public const string ConflictingFrom = "conflicting From values";

    /// <summary>Several To lines disagree.</summary>
    public const string ConflictingTo = "conflicting To values";

    /// <summary>Several Max-Forwards lines disagree.</summary>
    public const string ConflictingMaxForwards = "conflicting Max-Forwards values";

    /// <summary>Several Content-Type lines disagree.</summary>
    public const string ConflictingContentType = "conflicting Content-Type values";

    /// <summary>
    /// The status code a server answers an invalid request with: 505 for <see cref="UnsupportedVersion"/>, 416 for
    /// <see cref="UnsupportedUriScheme"/>, 513 for <see cref="MessageTooLarge"/>, otherwise 400.
    /// </summary>
    /// <param name="reason">A reason returned by <see cref="SipParser.TryParse"/>.</param>
    /// <returns>The status code.</returns>
    public static int StatusCodeFor(string? reason) => reason switch
    {
        UnsupportedVersion => 505,
        UnsupportedUriScheme => 416,
        MessageTooLarge => 513,
        _ => 400,
    };
}
