using System.Text;
using Shouldly;
using Softswitch.Sip.Tests.Parsing;
using Xunit;

namespace Softswitch.Sip.Tests;

public class SipSerializerTests
{
    public static TheoryData<string> TortureMessages => ["wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp", "longreq", "semiuri", "transports", "mpart01", "unreason", "noreason"];

    [Theory]
    [InlineData(nameof(SipParsingData.Invite))]
    [InlineData(nameof(SipParsingData.Ringing))]
    [InlineData(nameof(SipParsingData.Folded))]
    public void ToBytes_ParsedCanonicalMessage_ByteIdentical(string name)
    {
        var text = SipParsingData.Named[name];
        SipParser.TryParse(Encoding.UTF8.GetBytes(text), true, out var message, out _, out _, out _);

        var expected = text.Replace("\r\n         pick up the phone\r\n\t and talk to me!", " pick up the phone and talk to me!", StringComparison.Ordinal);
        Encoding.UTF8.GetString(message!.ToBytes()).ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(TortureMessages))]
    public void ToBytes_SerializeParse_Stable(string name)
    {
        SipParser.TryParse(TestData.Rfc4475(name), false, out var message, out _, out _, out _).ShouldBe(SipParseStatus.Complete);

        var once = message!.ToBytes();
        SipParser.TryParse(once, true, out var reparsed, out _, out var reason, out _).ShouldBe(SipParseStatus.Complete, reason);
        var twice = reparsed!.ToBytes();

        twice.ShouldBe(once);
        reparsed.Headers.Where(h => h.Name != SipHeaderNames.ContentLength).ShouldBe(message.Headers.Where(h => h.Name != SipHeaderNames.ContentLength));
        reparsed.Body.ToArray().ShouldBe(message.Body.ToArray());
    }

    [Fact]
    public void ParseOfSerialize_BuiltRequest_Equal()
    {
        var request = new SipRequest(SipMethods.Invite, SipUri.Parse("sip:bob@[2001:db8::1]:5062;transport=tcp"));
        request.Headers.Add(SipHeaderNames.Via, new SipVia("TCP", "192.0.2.1", 5060, "z9hG4bKabc").ToString());
        request.Headers.Add(SipHeaderNames.From, new SipNameAddress(SipUri.Parse("sip:alice@example.com"), "Alice \"A\"") { Tag = "1" }.ToString());
        request.Headers.Add(SipHeaderNames.To, "<sip:bob@example.com>");
        request.Headers.Add(SipHeaderNames.CallId, "call-1@192.0.2.1");
        request.Headers.Add(SipHeaderNames.CSeq, new SipCSeq(7, SipMethods.Invite).ToString());
        request.Headers.Add(SipHeaderNames.Subject, "Привет");
        request.Body = Encoding.UTF8.GetBytes("v=0\r\n");

        var bytes = request.ToBytes();
        SipParser.TryParse(bytes, true, out var parsed, out var consumed, out var reason, out _).ShouldBe(SipParseStatus.Complete, reason);

        consumed.ShouldBe(bytes.Length);
        var again = parsed.ShouldBeOfType<SipRequest>();
        again.Method.ShouldBe(request.Method);
        again.RequestUri.ToString().ShouldBe(request.RequestUri.ToString());
        again.Headers.Where(h => h.Name != SipHeaderNames.ContentLength).ShouldBe(request.Headers);
        again.Headers[SipHeaderNames.ContentLength].ShouldBe("5");
        again.From.DisplayName.ShouldBe("Alice \"A\"");
        again.Body.ToArray().ShouldBe(request.Body.ToArray());
    }

    [Fact]
    public void ToBytes_CompactForms_WrittenCanonical()
    {
        SipParser.TryParse(Encoding.UTF8.GetBytes(SipParsingData.Register), true, out var message, out _, out _, out _);

        var text = Encoding.UTF8.GetString(message!.ToBytes());

        text.ShouldContain("\r\nVia: SIP/2.0/TLS [2001:db8::10]:5061;branch=z9hG4bKnashds7\r\n");
        text.ShouldContain("\r\nCall-ID: 843817637684230@998sdasdh09\r\n");
        text.ShouldEndWith("\r\nContent-Length: 0\r\n\r\n");
    }

    [Fact]
    public void ToBytes_ContentLengthComputedInPlace()
    {
        var response = new SipResponse(200);
        response.Headers.Add(SipHeaderNames.Via, "SIP/2.0/UDP a;branch=z9hG4bK1");
        response.Headers.Add(SipHeaderNames.ContentLength, "999");
        response.Headers.Add(SipHeaderNames.ContentType, "text/plain");
        response.Headers.Add("l", "5");
        response.Body = "hi"u8.ToArray();

        Encoding.UTF8.GetString(response.ToBytes()).ShouldBe(
            "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nhi");
    }

    [Fact]
    public void ToBytes_NoContentLength_AppendedLast()
    {
        var response = new SipResponse(100);
        response.Headers.Add(SipHeaderNames.CallId, "x");

        Encoding.UTF8.GetString(response.ToBytes()).ShouldBe("SIP/2.0 100 Trying\r\nCall-ID: x\r\nContent-Length: 0\r\n\r\n");
    }

    [Fact]
    public void WriteTo_DestinationTooSmall_MinusOne()
    {
        var response = new SipResponse(200);

        var length = response.GetSerializedLength();

        response.WriteTo(new byte[length - 1]).ShouldBe(-1);
        response.WriteTo(new byte[length]).ShouldBe(length);
    }

    [Fact]
    public void WriteTo_Repeated_AllocatesNothing()
    {
        SipParser.TryParse(Encoding.UTF8.GetBytes(SipParsingData.Invite), true, out var message, out _, out _, out _);
        var buffer = new byte[4096];
        message!.WriteTo(buffer);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            message.WriteTo(buffer);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }
}
