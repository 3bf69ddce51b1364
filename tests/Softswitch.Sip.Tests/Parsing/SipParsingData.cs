using System.Text;
using Xunit;

namespace Softswitch.Sip.Tests.Parsing;

/// <summary>Parser test data in three sets, like Kestrel's HttpParsingData: valid, incomplete (every prefix) and invalid.</summary>
public static class SipParsingData
{
    public const string Invite =
        "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: Bob <sip:bob@biloxi.example.com>\r\n" +
        "From: \"Alice\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:alice@pc33.atlanta.example.com>\r\n" +
        "Supported: timer, 100rel\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 149\r\n" +
        "\r\n" +
        "v=0\r\n" +
        "o=alice 2890844526 2890844526 IN IP4 pc33.atlanta.example.com\r\n" +
        "s=-\r\n" +
        "c=IN IP4 192.0.2.101\r\n" +
        "t=0 0\r\n" +
        "m=audio 49172 RTP/AVP 0\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n";

    public const string Ringing =
        "SIP/2.0 180 Ringing\r\n" +
        "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds;received=192.0.2.1\r\n" +
        "To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n" +
        "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n" +
        "Contact: <sip:bob@192.0.2.4>\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";

    public const string Register =
        "REGISTER sips:registrar.example.com SIP/2.0\r\n" +
        "v: SIP/2.0/TLS [2001:db8::10]:5061;branch=z9hG4bKnashds7\r\n" +
        "Max-Forwards: 70\r\n" +
        "t: <sips:bob@example.com>\r\n" +
        "f: <sips:bob@example.com>;tag=456248\r\n" +
        "i: 843817637684230@998sdasdh09\r\n" +
        "CSeq: 1826 REGISTER\r\n" +
        "m: <sips:bob@[2001:db8::20]:5061;transport=tls>;expires=7200, \"Bob Mobile\" <tel:+1-201-555-0123>;q=0.5\r\n" +
        "l: 0\r\n" +
        "\r\n";

    public const string Folded =
        "OPTIONS sip:carol@chicago.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/TCP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877\r\n" +
        "To: <sip:carol@chicago.example.com>\r\n" +
        "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710\r\n" +
        "CSeq: 63104 OPTIONS\r\n" +
        "Subject: I know you're there,\r\n" +
        "         pick up the phone\r\n" +
        "\t and talk to me!\r\n" +
        "Accept: application/sdp\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";

    /// <summary>Valid messages (stream framing: all carry Content-Length).</summary>
    public static TheoryData<string> ValidMessages => [Invite, Ringing, Register, Folded];

    /// <summary>Valid messages by name, for the prefix set.</summary>
    public static IReadOnlyDictionary<string, string> Named { get; } = new Dictionary<string, string>
    {
        [nameof(Invite)] = Invite,
        [nameof(Ringing)] = Ringing,
        [nameof(Register)] = Register,
        [nameof(Folded)] = Folded,
    };

    /// <summary>Every proper prefix of every valid message (name, length): the parser must answer Incomplete on a stream.</summary>
    public static TheoryData<string, int> IncompletePrefixes()
    {
        var data = new TheoryData<string, int>();
        foreach (var (name, message) in Named)
        {
            for (var length = 0; length < Encoding.UTF8.GetByteCount(message); length++)
            {
                data.Add(name, length);
            }
        }

        return data;
    }

    /// <summary>Invalid messages with the expected reason (datagram mode unless the name says stream).</summary>
    public static TheoryData<string, string> InvalidMessages => new()
    {
        { "INVITE sip:bob@example.com\r\n" + Headers + "\r\n", SipParseErrors.BadStartLine },
        { "INVITE sip:bob@example.com SIP/3.0\r\n" + Headers + "\r\n", SipParseErrors.UnsupportedVersion },
        { "INVITE sip:bob@example.com HTTP/1.1\r\n" + Headers + "\r\n", SipParseErrors.BadStartLine },
        { "INVITE  sip:bob@example.com SIP/2.0\r\n" + Headers + "\r\n", SipParseErrors.BadStartLine },
        { "INV ITE sip:bob@example.com SIP/2.0\r\n" + Headers + "\r\n", SipParseErrors.BadStartLine },
        { "INVITE http://example.com/ SIP/2.0\r\n" + Headers + "\r\n", SipParseErrors.UnsupportedUriScheme },
        { "INVITE sip:bob@exa mple.com SIP/2.0\r\n" + Headers + "\r\n", SipParseErrors.BadStartLine },
        { "INVITE sip: SIP/2.0\r\n" + Headers + "\r\n", SipParseErrors.BadRequestUri },
        { "SIP/2.0 2000 OK\r\n" + Headers + "\r\n", SipParseErrors.BadStatusCode },
        { "SIP/2.0 099 Low\r\n" + Headers + "\r\n", SipParseErrors.BadStatusCode },
        { "SIP/2.0 200OK\r\n" + Headers + "\r\n", SipParseErrors.BadStatusCode },
        { "SIP/1.0 200 OK\r\n" + Headers + "\r\n", SipParseErrors.UnsupportedVersion },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Without("To") + "\r\n", SipParseErrors.MissingTo },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Without("From") + "\r\n", SipParseErrors.MissingFrom },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Without("Call-ID") + "\r\n", SipParseErrors.MissingCallId },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Without("CSeq") + "\r\n", SipParseErrors.MissingCSeq },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Without("Via") + "\r\n", SipParseErrors.MissingVia },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Headers + "Call-ID: other\r\n\r\n", SipParseErrors.ConflictingCallId },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Replace("CSeq: 1 INVITE", "CSeq: 1 BYE") + "\r\n", SipParseErrors.CSeqMethodMismatch },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Replace("CSeq: 1 INVITE", "CSeq: -1 INVITE") + "\r\n", SipParseErrors.BadCSeq },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Replace("CSeq: 1 INVITE", "CSeq: 2147483648 INVITE") + "\r\n", SipParseErrors.BadCSeq },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Headers + "Max-Forwards: abc\r\n\r\n", SipParseErrors.BadMaxForwards },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Headers + "Max-Forwards: -1\r\n\r\n", SipParseErrors.BadMaxForwards },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Headers + "Content-Length: abc\r\n\r\n", SipParseErrors.BadContentLength },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Headers + "Content-Length: -5\r\n\r\n", SipParseErrors.BadContentLength },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Headers + "Content-Length: 10\r\n\r\nshort", SipParseErrors.ContentLengthMismatch },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Headers + "Content-Length: 1\r\nl: 2\r\n\r\nab", SipParseErrors.ConflictingContentLength },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Headers + "NoColonHere\r\n\r\n", SipParseErrors.HeaderWithoutColon },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Headers + "Bad Name: x\r\n\r\n", SipParseErrors.HeaderWithoutColon },
        { "INVITE sip:bob@example.com SIP/2.0\r\n continued\r\n" + Headers + "\r\n", SipParseErrors.FoldedStartLine },
        { "INVITE sip:bob@example.com SIP/2.0\n" + Headers + "\r\n", SipParseErrors.BareLineBreak },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Headers + "X-Bare: a\rb\r\n\r\n", SipParseErrors.BareLineBreak },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Replace("To: <sip:bob@example.com>", "To: \"Bob <sip:bob@example.com>") + "\r\n", SipParseErrors.BadTo },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Replace("From: <sip:alice@example.com>;tag=1", "From: sip:alice@example.com?x=y;tag=1") + "\r\n", SipParseErrors.BadFrom },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Replace("SIP/2.0/UDP", "SIP/2.0/UDP ;") + "\r\n", SipParseErrors.BadVia },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Headers + "Contact: <sip:a@b>, *\r\n\r\n", SipParseErrors.BadContact },
        { "INVITE sip:bob@example.com?Subject=x SIP/2.0\r\n" + Headers + "\r\n", SipParseErrors.RequestUriWithHeaders },
        { "INVITE sip:bob@example.com SIP/2.0\r\n" + Headers, SipParseErrors.Truncated },
    };

    /// <summary>A minimal valid header section for an INVITE (no Content-Length, no empty line).</summary>
    public const string Headers =
        "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\n" +
        "To: <sip:bob@example.com>\r\n" +
        "From: <sip:alice@example.com>;tag=1\r\n" +
        "Call-ID: abc@192.0.2.1\r\n" +
        "CSeq: 1 INVITE\r\n";

    private static string Without(string name)
    {
        var builder = new StringBuilder();
        foreach (var line in Headers.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith(name + ":", StringComparison.Ordinal))
            {
                builder.Append(line).Append("\r\n");
            }
        }

        return builder.ToString();
    }

    private static string Replace(string oldValue, string newValue) => Headers.Replace(oldValue, newValue, StringComparison.Ordinal);
}
