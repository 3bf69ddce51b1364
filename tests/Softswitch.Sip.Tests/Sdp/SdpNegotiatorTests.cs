using System.Net;
using Shouldly;
using Softswitch.Sip.Sdp;
using Xunit;

namespace Softswitch.Sip.Tests.Sdp;

public class SdpNegotiatorTests
{
    private static readonly SdpLocalCapabilities s_local = new(IPAddress.Parse("198.51.100.10"), 30000) { SessionId = 42, SessionVersion = 1 };

    private static SdpSession Offer(string media, string connection = "192.0.2.101")
    {
        var text = "v=0\r\no=- 1 1 IN IP4 192.0.2.101\r\ns=-\r\nc=IN IP4 " + connection + "\r\nt=0 0\r\n" + media;
        SdpSession.TryParse(text, out var session, out var error).ShouldBeTrue(error);
        return session;
    }

    [Fact]
    public void Answer_PcmuOffered_PcmuWithTelephoneEvent()
    {
        var offer = Offer("m=audio 49170 RTP/AVP 0 8 97\r\na=rtpmap:97 telephone-event/8000\r\na=fmtp:97 0-16\r\n");

        var result = SdpNegotiator.Answer(offer, s_local);

        result.Accepted.ShouldBeTrue();
        result.SelectedPayloadType.ShouldBe(0);
        result.TelephoneEventPayloadType.ShouldBe(97);
        result.RemoteEndPoint.ShouldBe(new IPEndPoint(IPAddress.Parse("192.0.2.101"), 49170));
        result.Direction.ShouldBe(SdpDirection.SendRecv);
        var audio = result.Answer!.Media.Single();
        audio.Port.ShouldBe(30000);
        audio.Formats.ShouldBe([0, 97]);
        audio.GetRtpMap(97)!.EncodingName.ShouldBe("telephone-event");
        audio.GetFmtp(97).ShouldBe("0-16");
        audio.Direction.ShouldBe(SdpDirection.SendRecv);
        result.Answer.Connection!.Address.ShouldBe("198.51.100.10");
        result.Answer.Origin.SessionId.ShouldBe("42");
    }

    [Fact]
    public void Answer_PcmaFirstInOffer_LocalPreferenceWins()
    {
        var result = SdpNegotiator.Answer(Offer("m=audio 49170 RTP/AVP 8 0\r\n"), s_local);

        result.SelectedPayloadType.ShouldBe(0);
        result.TelephoneEventPayloadType.ShouldBeNull();
        result.Answer!.Media[0].Formats.ShouldBe([0]);
    }

    [Fact]
    public void Answer_LocalPrefersPcma_PcmaSelectedThoughOfferedSecond()
    {
        var result = SdpNegotiator.Answer(Offer("m=audio 49170 RTP/AVP 0 8\r\n"), s_local with { Codecs = [SdpCodec.Pcma, SdpCodec.Pcmu] });

        result.SelectedPayloadType.ShouldBe(8);
        result.SelectedCodec!.EncodingName.ShouldBe("PCMA");
    }

    [Fact]
    public void Answer_UnsupportedCodecFirst_FirstSupportedOffered()
    {
        var result = SdpNegotiator.Answer(Offer("m=audio 49170 RTP/AVP 18 9 8\r\n"), s_local with { Codecs = [SdpCodec.Pcmu, SdpCodec.Pcma] });

        result.SelectedPayloadType.ShouldBe(8);
    }

    [Fact]
    public void Answer_DynamicPcmuPayloadType_OfferedTypeKept()
    {
        var result = SdpNegotiator.Answer(Offer("m=audio 49170 RTP/AVP 112\r\na=rtpmap:112 PCMU/8000\r\n"), s_local);

        result.Accepted.ShouldBeTrue();
        result.SelectedPayloadType.ShouldBe(112);
        result.Answer!.Media[0].GetRtpMap(112)!.EncodingName.ShouldBe("PCMU");
    }

    [Fact]
    public void Answer_NoCommonCodec_NotAccepted()
    {
        var result = SdpNegotiator.Answer(Offer("m=audio 49170 RTP/AVP 18 96\r\na=rtpmap:96 opus/48000/2\r\n"), s_local);

        result.Accepted.ShouldBeFalse();
        result.Reason.ShouldBe("no common codec");
        result.Answer.ShouldBeNull();
    }

    [Fact]
    public void Answer_OnlyVideo_NotAccepted()
    {
        var result = SdpNegotiator.Answer(Offer("m=video 51372 RTP/AVP 31\r\n"), s_local);

        result.Accepted.ShouldBeFalse();
        result.Reason.ShouldBe("no audio stream offered");
    }

    [Theory]
    [InlineData("sendonly", SdpDirection.RecvOnly)]
    [InlineData("recvonly", SdpDirection.SendOnly)]
    [InlineData("inactive", SdpDirection.Inactive)]
    [InlineData("sendrecv", SdpDirection.SendRecv)]
    public void Answer_OfferedDirection_Reversed(string offered, SdpDirection answered)
    {
        var result = SdpNegotiator.Answer(Offer("m=audio 49170 RTP/AVP 0\r\na=" + offered + "\r\n"), s_local);

        result.Answer!.Media[0].Direction.ShouldBe(answered);
        result.Direction.ShouldBe(SdpNegotiator.Reverse(answered));
    }

    [Fact]
    public void Answer_LocalHold_SendOnly()
    {
        var result = SdpNegotiator.Answer(Offer("m=audio 49170 RTP/AVP 0\r\n"), s_local with { Direction = SdpDirection.SendOnly });

        result.Answer!.Media[0].Direction.ShouldBe(SdpDirection.SendOnly);
    }

    [Fact]
    public void Answer_LocalHoldAndRemoteSendOnly_Inactive()
    {
        var result = SdpNegotiator.Answer(Offer("m=audio 49170 RTP/AVP 0\r\na=sendonly\r\n"), s_local with { Direction = SdpDirection.SendOnly });

        result.Answer!.Media[0].Direction.ShouldBe(SdpDirection.Inactive);
    }

    [Fact]
    public void Answer_OldStyleHoldConnection_NoEndPointAndRecvOnly()
    {
        var result = SdpNegotiator.Answer(Offer("m=audio 49170 RTP/AVP 0\r\n", connection: "0.0.0.0"), s_local);

        result.Accepted.ShouldBeTrue();
        result.RemoteEndPoint.ShouldBeNull();
        result.Direction.ShouldBe(SdpDirection.SendOnly);
        result.Answer!.Media[0].Direction.ShouldBe(SdpDirection.RecvOnly);
    }

    [Fact]
    public void Answer_ExtraVideoBeforeAudio_RejectedInSamePosition()
    {
        var offer = Offer("m=video 51372 RTP/AVP 31 32\r\na=rtpmap:31 H261/90000\r\nm=audio 49170 RTP/AVP 0\r\nm=audio 49180 RTP/AVP 8\r\n");

        var result = SdpNegotiator.Answer(offer, s_local);

        result.Accepted.ShouldBeTrue();
        result.MediaIndex.ShouldBe(1);
        var media = result.Answer!.Media;
        media.Count.ShouldBe(3);
        media[0].Media.ShouldBe("video");
        media[0].Port.ShouldBe(0);
        media[0].Formats.ShouldBe([31, 32]);
        media[1].Port.ShouldBe(30000);
        media[2].Port.ShouldBe(0);
        result.Answer.ToString().ShouldContain("m=video 0 RTP/AVP 31 32\r\n");
    }

    [Fact]
    public void Answer_SecureProfileWithSrtpOff_Rejected()
    {
        var result = SdpNegotiator.Answer(Offer("m=audio 49170 RTP/SAVP 0\r\n"), s_local);

        result.Accepted.ShouldBeFalse();
    }

    [Theory]
    [InlineData(30, 30)]
    [InlineData(null, 20)]
    public void Answer_Ptime_EchoedOrLocal(int? offered, int expected)
    {
        var ptime = offered is null ? string.Empty : "a=ptime:" + offered + "\r\n";

        var result = SdpNegotiator.Answer(Offer("m=audio 49170 RTP/AVP 0\r\n" + ptime), s_local);

        result.Ptime.ShouldBe(expected);
        result.Answer!.Media[0].Ptime.ShouldBe(expected);
        result.Answer.ToString().ShouldContain("a=ptime:" + expected + "\r\n");
    }

    [Fact]
    public void Answer_MediaLevelConnection_Preferred()
    {
        var result = SdpNegotiator.Answer(Offer("m=audio 49170 RTP/AVP 0\r\nc=IN IP4 203.0.113.5\r\n"), s_local);

        result.RemoteEndPoint.ShouldBe(new IPEndPoint(IPAddress.Parse("203.0.113.5"), 49170));
    }

    [Fact]
    public void CreateOffer_DefaultCapabilities_G711AndTelephoneEvent()
    {
        var offer = SdpNegotiator.CreateOffer(s_local);

        var text = offer.ToString();
        text.ShouldBe(
            "v=0\r\n" +
            "o=- 42 1 IN IP4 198.51.100.10\r\n" +
            "s=-\r\n" +
            "c=IN IP4 198.51.100.10\r\n" +
            "t=0 0\r\n" +
            "m=audio 30000 RTP/AVP 0 8 101 13\r\n" +
            "a=rtpmap:0 PCMU/8000\r\n" +
            "a=rtpmap:8 PCMA/8000\r\n" +
            "a=rtpmap:101 telephone-event/8000\r\n" +
            "a=fmtp:101 0-16\r\n" +
            "a=rtpmap:13 CN/8000\r\n" +
            "a=rtcp-mux\r\n" +
            "a=ptime:20\r\n" +
            "a=sendrecv\r\n");
        SdpSession.TryParse(text, out _, out _).ShouldBeTrue();
    }

    [Fact]
    public void ProcessAnswer_ValidAnswer_LearnsRemote()
    {
        var offer = SdpNegotiator.CreateOffer(s_local);
        var answer = Offer("m=audio 40000 RTP/AVP 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=ptime:30\r\na=recvonly\r\n", "203.0.113.9");

        var result = SdpNegotiator.ProcessAnswer(offer, answer);

        result.Accepted.ShouldBeTrue();
        result.SelectedPayloadType.ShouldBe(8);
        result.TelephoneEventPayloadType.ShouldBe(101);
        result.RemoteEndPoint.ShouldBe(new IPEndPoint(IPAddress.Parse("203.0.113.9"), 40000));
        result.Direction.ShouldBe(SdpDirection.RecvOnly);
        result.Ptime.ShouldBe(30);
    }

    [Fact]
    public void ProcessAnswer_RejectedAudio_NotAccepted()
    {
        var result = SdpNegotiator.ProcessAnswer(SdpNegotiator.CreateOffer(s_local), Offer("m=audio 0 RTP/AVP 0\r\n"));

        result.Accepted.ShouldBeFalse();
    }

    [Fact]
    public void ProcessAnswer_CodecNotOffered_NotAccepted()
    {
        var result = SdpNegotiator.ProcessAnswer(SdpNegotiator.CreateOffer(s_local with { Codecs = [SdpCodec.Pcmu] }), Offer("m=audio 4000 RTP/AVP 8\r\n"));

        result.Accepted.ShouldBeFalse();
    }

    [Fact]
    public void Answer_OfferFromTortureMessage_RejectsVideoAndPicksPcmu()
    {
        SipParser.TryParse(TestData.Rfc4475("esc01"), false, out var message, out _, out _, out _);
        SdpSession.TryParse(message!.Body.Span, out var offer, out _).ShouldBeTrue();

        var result = SdpNegotiator.Answer(offer, s_local);

        result.SelectedPayloadType.ShouldBe(0);
        result.Answer!.Media.Select(m => m.Port).ShouldBe([30000, 0]);
    }
}
