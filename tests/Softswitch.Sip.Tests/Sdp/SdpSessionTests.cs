using System.Text;
using Shouldly;
using Softswitch.Sip.Sdp;
using Xunit;

namespace Softswitch.Sip.Tests.Sdp;

public class SdpSessionTests
{
    public const string Offer =
        "v=0\r\n" +
        "o=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com\r\n" +
        "s=-\r\n" +
        "c=IN IP4 192.0.2.101\r\n" +
        "t=0 0\r\n" +
        "m=audio 49170 RTP/AVP 0 8 97\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:97 telephone-event/8000\r\n" +
        "a=fmtp:97 0-15\r\n" +
        "a=ptime:20\r\n" +
        "a=sendrecv\r\n";

    [Fact]
    public void TryParse_Offer_Fields()
    {
        SdpSession.TryParse(Offer, out var session, out var error).ShouldBeTrue(error);

        session.Origin.Username.ShouldBe("alice");
        session.Origin.SessionVersion.ShouldBe(2890844526UL);
        session.Connection!.Address.ShouldBe("192.0.2.101");
        var audio = session.Media.Single();
        audio.Media.ShouldBe("audio");
        audio.Port.ShouldBe(49170);
        audio.Protocol.ShouldBe("RTP/AVP");
        audio.Formats.ShouldBe([0, 8, 97]);
        audio.Ptime.ShouldBe(20);
        audio.Direction.ShouldBe(SdpDirection.SendRecv);
        audio.GetRtpMap(97)!.EncodingName.ShouldBe("telephone-event");
        audio.GetFmtp(97).ShouldBe("0-15");
        audio.FindPayloadType("PCMA", 8000).ShouldBe(8);
    }

    [Fact]
    public void ToString_ParsedOffer_SameText()
    {
        SdpSession.TryParse(Offer, out var session, out _).ShouldBeTrue();

        session.ToString().ShouldBe(Offer);
    }

    [Fact]
    public void TryParse_Utf8BytesWithLfLineEnds_Accepted()
    {
        SdpSession.TryParse(Encoding.UTF8.GetBytes(Offer.Replace("\r\n", "\n", StringComparison.Ordinal)), out var session, out _).ShouldBeTrue();

        session.Media[0].Formats.Count.ShouldBe(3);
    }

    [Fact]
    public void TryParse_StaticPayloadWithoutRtpmap_ImpliedMapping()
    {
        SdpSession.TryParse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 8\r\n", out var session, out _).ShouldBeTrue();

        session.Media[0].GetRtpMap(8)!.EncodingName.ShouldBe("PCMA");
    }

    [Fact]
    public void TryParse_SessionLevelDirection_InheritedByMedia()
    {
        SdpSession.TryParse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\na=sendonly\r\nm=audio 4000 RTP/AVP 0\r\nc=IN IP4 192.0.2.1\r\n", out var session, out _).ShouldBeTrue();

        session.Direction.ShouldBe(SdpDirection.SendOnly);
        session.Media[0].Direction.ShouldBe(SdpDirection.SendOnly);
        session.ConnectionFor(session.Media[0])!.Address.ShouldBe("192.0.2.1");
    }

    [Fact]
    public void TryParse_NonRtpFormats_KeptAsText()
    {
        SdpSession.TryParse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=application 9 UDP/BFCP *\r\n", out var session, out _).ShouldBeTrue();

        session.Media[0].FormatText.ShouldBe("*");
        session.ToString().ShouldContain("m=application 9 UDP/BFCP *\r\n");
    }

    [Theory]
    [InlineData("")]
    [InlineData("o=- 1 1 IN IP4 192.0.2.1\r\n")]
    [InlineData("v=1\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n")]
    [InlineData("v=0\r\no=broken\r\ns=-\r\n")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nm=audio x RTP/AVP 0\r\n")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nthis is not sdp\r\n")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4\r\n")]
    public void TryParse_Invalid_FalseWithError(string text)
    {
        SdpSession.TryParse(text, out _, out var error).ShouldBeFalse();

        error.ShouldNotBeNullOrEmpty();
    }
}
