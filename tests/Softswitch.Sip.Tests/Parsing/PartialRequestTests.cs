using System.Text;
using Shouldly;
using Xunit;

namespace Softswitch.Sip.Tests.Parsing;

/// <summary>Invalid requests whose identifying headers are readable come back as a partial request, so the transport can answer 400.</summary>
public sealed class PartialRequestTests
{
    private const string Head =
        "OPTIONS sip:agent@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKp1\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\n" +
        "To: <sip:agent@127.0.0.1>\r\nCall-ID: partial-1\r\nCSeq: 1 OPTIONS\r\n";

    [Theory]
    [InlineData("Content-Length: -3\r\n\r\n", false)]
    [InlineData("Content-Length: abc\r\n\r\n", false)]
    [InlineData("No colon here\r\nContent-Length: 0\r\n\r\n", false)]
    [InlineData("No colon here\r\nContent-Length: 0\r\n\r\n", true)]
    [InlineData("Content-Length: -3\r\n\r\n", true)]
    public void TryParse_BadHeaderLine_InvalidWithPartial(string tail, bool isStream)
    {
        var bytes = Encoding.ASCII.GetBytes(Head + tail);
        var status = SipParser.TryParse(bytes, isStream, out var message, out _, out var reason, out var partial);
        status.ShouldBe(SipParseStatus.Invalid);
        message.ShouldBeNull();
        reason.ShouldNotBeNullOrEmpty();
        partial.ShouldNotBeNull();
        partial.CallId.ShouldBe("partial-1");
        partial.CSeq.Number.ShouldBe(1u);
    }

    [Fact]
    public void TryParse_StreamBadLineWithoutEndOfHeaders_Incomplete()
    {
        var bytes = Encoding.ASCII.GetBytes(Head + "No colon here\r\nContent-Le");
        SipParser.TryParse(bytes, isStream: true, out _, out _, out _, out _).ShouldBe(SipParseStatus.Incomplete);
    }
}
