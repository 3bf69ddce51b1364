namespace Softswitch.Conformance.Tests.Rfc4475;

/// <summary>The RFC 4475 torture messages, read byte for byte from TestData/rfc4475/&lt;name&gt;.dat.</summary>
public static class Rfc4475Messages
{
    /// <summary>§3.1.1: syntactically valid messages.</summary>
    public static readonly string[] Valid =
    [
        "wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp", "longreq", "dblreq", "semiuri", "transports", "mpart01",
        "unreason", "noreason",
    ];

    /// <summary>§3.1.2: invalid messages, with the reason our parser gives.</summary>
    public static readonly (string Name, string Reason)[] Invalid =
    [
        ("badinv01", Sip.SipParseErrors.BadVia),
        ("clerr", Sip.SipParseErrors.ContentLengthMismatch),
        ("ncl", Sip.SipParseErrors.BadContentLength),
        ("scalar02", Sip.SipParseErrors.BadCSeq),
        ("scalarlg", Sip.SipParseErrors.BadCSeq),
        ("quotbal", Sip.SipParseErrors.BadTo),
        ("ltgtruri", Sip.SipParseErrors.BadRequestUri),
        ("lwsruri", Sip.SipParseErrors.BadStartLine),
        ("lwsstart", Sip.SipParseErrors.BadStartLine),
        ("trws", Sip.SipParseErrors.BadStartLine),
        ("escruri", Sip.SipParseErrors.RequestUriWithHeaders),
        ("baddate", Sip.SipParseErrors.BadDate),
        ("regbadct", Sip.SipParseErrors.BadContact),
        ("badaspec", Sip.SipParseErrors.BadTo),
        ("baddn", Sip.SipParseErrors.Truncated),
        ("badvers", Sip.SipParseErrors.UnsupportedVersion),
        ("mismatch01", Sip.SipParseErrors.CSeqMethodMismatch),
        ("mismatch02", Sip.SipParseErrors.CSeqMethodMismatch),
        ("bigcode", Sip.SipParseErrors.BadStatusCode),
    ];

    /// <summary>§3.2–§3.4: transaction- and application-layer cases that parse (the layers above must act on them).</summary>
    public static readonly string[] SemanticValid =
    [
        "badbranch", "bext01", "invut", "regaut01", "bcast", "zeromf", "cparam01", "cparam02", "regescrt", "sdp01", "inv2543",
    ];

    /// <summary>§3.3: application-layer cases that our parser already rejects, with the reason.</summary>
    public static readonly (string Name, string Reason)[] SemanticInvalid =
    [
        ("insuf", Sip.SipParseErrors.MissingFrom),
        ("unkscm", Sip.SipParseErrors.UnsupportedUriScheme),
        ("novelsc", Sip.SipParseErrors.UnsupportedUriScheme),
        ("unksm2", Sip.SipParseErrors.BadFrom),
        ("multi01", Sip.SipParseErrors.ConflictingCallId),
        ("mcl01", Sip.SipParseErrors.ConflictingContentLength),
    ];

    public static byte[] Read(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "rfc4475", name + ".dat"));
}
