using System.Net;
using Shouldly;
using Softswitch.Sip.Sdp;
using Xunit;

namespace Softswitch.Sip.Tests.Sdp;

/// <summary>Offer/answer for every codec and attribute of the media engine: Opus, G.722, G.729, CN, telephone-event rates, rtcp-mux, a=rtcp, SRTP (SDES).</summary>
public class SdpNegotiatorMediaTests
{
    private const string Key80 = "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";
    private const string Key32 = "2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj";

    private static readonly SdpCodec s_opus = new("opus", 48000, 111, 2, "useinbandfec=1;stereo=0");
    private static readonly SdpCodec s_g722 = new("G722", 8000, 9);
    private static readonly SdpCodec s_g729 = new("G729", 8000, 18, null, "annexb=no");

    private static readonly SdpLocalCapabilities s_local = new(IPAddress.Parse("198.51.100.10"), 30000)
    {
        Codecs = [s_opus, s_g722, SdpCodec.Pcmu, SdpCodec.Pcma, s_g729],
        SessionId = 7,
        SessionVersion = 1,
    };

    private static SdpSession Offer(string media)
    {
        var text = "v=0\r\no=- 1 1 IN IP4 192.0.2.101\r\ns=-\r\nc=IN IP4 192.0.2.101\r\nt=0 0\r\n" + media;
        SdpSession.TryParse(text, out var session, out var error).ShouldBeTrue(error);
        return session!;
    }

    [Fact]
    public void Answer_OpusOfferedWithDynamicType_OpusChosenWithOurFmtpAndTheirPayloadType()
    {
        var offer = Offer("m=audio 4000 RTP/AVP 96 0 101\r\na=rtpmap:96 opus/48000/2\r\na=fmtp:96 useinbandfec=1;maxplaybackrate=16000\r\na=rtpmap:101 telephone-event/48000\r\n");

        var result = SdpNegotiator.Answer(offer, s_local);

        result.Accepted.ShouldBeTrue();
        result.SelectedPayloadType.ShouldBe(96);
        result.SelectedCodec.ShouldBe(new SdpRtpMap(96, "opus", 48000, 2));
        result.RemoteFmtp.ShouldBe("useinbandfec=1;maxplaybackrate=16000");
        result.TelephoneEventPayloadType.ShouldBe(101);
        result.TelephoneEventClockRate.ShouldBe(48000);
        result.ComfortNoisePayloadType.ShouldBeNull();
        var media = result.Answer!.Media[0];
        media.Formats.ShouldBe([96, 101]);
        media.GetRtpMap(96).ShouldBe(new SdpRtpMap(96, "opus", 48000, 2));
        media.GetFmtp(96).ShouldBe("useinbandfec=1;stereo=0");
    }

    [Fact]
    public void Answer_OpusWithOnlyTelephoneEvent8k_FallsBackTo8kEvents()
    {
        var offer = Offer("m=audio 4000 RTP/AVP 96 101\r\na=rtpmap:96 opus/48000/2\r\na=rtpmap:101 telephone-event/8000\r\n");

        var result = SdpNegotiator.Answer(offer, s_local);

        result.TelephoneEventPayloadType.ShouldBe(101);
        result.TelephoneEventClockRate.ShouldBe(8000);
    }

    [Theory]
    [InlineData("m=audio 4000 RTP/AVP 9\r\n", "G722")]
    [InlineData("m=audio 4000 RTP/AVP 18\r\na=fmtp:18 annexb=no\r\n", "G729")]
    [InlineData("m=audio 4000 RTP/AVP 8\r\n", "PCMA")]
    public void Answer_EachCodecAlone_Chosen(string media, string expected)
    {
        var result = SdpNegotiator.Answer(Offer(media), s_local);

        result.Accepted.ShouldBeTrue();
        result.SelectedCodec!.EncodingName.ShouldBe(expected);
        result.SelectedCodec.ClockRate.ShouldBe(8000);
    }

    [Fact]
    public void Answer_G729NotConfigured_NoCommonCodec()
    {
        var result = SdpNegotiator.Answer(Offer("m=audio 4000 RTP/AVP 18\r\n"), s_local with { Codecs = [SdpCodec.Pcmu] });

        result.Accepted.ShouldBeFalse();
        result.Reason.ShouldBe("no common codec");
    }

    [Fact]
    public void Answer_ComfortNoiseOffered_KeptWith8kCodec()
    {
        var result = SdpNegotiator.Answer(Offer("m=audio 4000 RTP/AVP 0 13\r\n"), s_local);

        result.ComfortNoisePayloadType.ShouldBe(13);
        result.Answer!.Media[0].Formats.ShouldBe([0, 13]);
    }

    [Fact]
    public void Answer_ComfortNoiseOff_NotAnswered()
    {
        var result = SdpNegotiator.Answer(Offer("m=audio 4000 RTP/AVP 0 13\r\n"), s_local with { ComfortNoise = false });

        result.ComfortNoisePayloadType.ShouldBeNull();
        result.Answer!.Media[0].Formats.ShouldBe([0]);
    }

    [Fact]
    public void Answer_RtcpMuxOffered_EchoedAndRtcpGoesToRtpPort()
    {
        var result = SdpNegotiator.Answer(Offer("m=audio 4000 RTP/AVP 0\r\na=rtcp-mux\r\n"), s_local);

        result.RtcpMux.ShouldBeTrue();
        result.RemoteRtcpEndPoint.ShouldBe(new IPEndPoint(IPAddress.Parse("192.0.2.101"), 4000));
        result.Answer!.Media[0].GetAttribute("rtcp-mux").ShouldNotBeNull();
    }

    [Fact]
    public void Answer_RtcpMuxDisabled_NotEchoed()
    {
        var result = SdpNegotiator.Answer(Offer("m=audio 4000 RTP/AVP 0\r\na=rtcp-mux\r\n"), s_local with { RtcpMux = false });

        result.RtcpMux.ShouldBeFalse();
        result.RemoteRtcpEndPoint!.Port.ShouldBe(4001);
        result.Answer!.Media[0].GetAttribute("rtcp-mux").ShouldBeNull();
    }

    [Theory]
    [InlineData("a=rtcp:5000\r\n", "192.0.2.101", 5000)]
    [InlineData("a=rtcp:5002 IN IP4 203.0.113.7\r\n", "203.0.113.7", 5002)]
    [InlineData("", "192.0.2.101", 4001)]
    public void Answer_RtcpAttribute_Honoured(string attribute, string address, int port)
    {
        var result = SdpNegotiator.Answer(Offer("m=audio 4000 RTP/AVP 0\r\n" + attribute), s_local);

        result.RemoteRtcpEndPoint.ShouldBe(new IPEndPoint(IPAddress.Parse(address), port));
    }

    [Fact]
    public void Answer_SavpWithCryptoAndSrtpOptional_AnsweredWithOurKeyAndSameTag()
    {
        string[]? seen = null;
        var local = s_local with
        {
            Srtp = SdpSrtpMode.Optional,
            SrtpAnswerer = offered =>
            {
                seen = [.. offered];
                return "2 AES_CM_128_HMAC_SHA1_32 inline:OURKEYOURKEYOURKEYOURKEYOURKEYOURKEYOURKEY";
            },
        };

        var result = SdpNegotiator.Answer(Offer("m=audio 4000 RTP/SAVP 0\r\na=crypto:" + Key80 + "\r\na=crypto:" + Key32 + "\r\n"), local);

        result.Accepted.ShouldBeTrue();
        result.IsSecure.ShouldBeTrue();
        seen.ShouldBe([Key80, Key32]);
        result.RemoteCrypto.ShouldBe(Key32);
        result.LocalCrypto!.ShouldStartWith("2 AES_CM_128_HMAC_SHA1_32 ");
        var media = result.Answer!.Media[0];
        media.Protocol.ShouldBe("RTP/SAVP");
        media.GetAttribute("crypto")!.Value.ShouldBe(result.LocalCrypto);
    }

    [Fact]
    public void Answer_SavpWithoutAcceptableCrypto_Rejected()
    {
        var local = s_local with { Srtp = SdpSrtpMode.Optional, SrtpAnswerer = _ => null };

        var result = SdpNegotiator.Answer(Offer("m=audio 4000 RTP/SAVP 0\r\na=crypto:1 F8_128_HMAC_SHA1_80 inline:x\r\n"), local);

        result.Accepted.ShouldBeFalse();
        result.Reason.ShouldBe("no common SRTP crypto suite");
    }

    [Fact]
    public void Answer_PlainOfferWhenSrtpMandatory_Rejected()
    {
        var result = SdpNegotiator.Answer(Offer("m=audio 4000 RTP/AVP 0\r\n"), s_local with { Srtp = SdpSrtpMode.Mandatory });

        result.Accepted.ShouldBeFalse();
        result.Reason.ShouldBe("SRTP required");
    }

    [Fact]
    public void Answer_PlainOfferWhenSrtpOptional_PlainAnswer()
    {
        var result = SdpNegotiator.Answer(Offer("m=audio 4000 RTP/AVP 0\r\n"), s_local with { Srtp = SdpSrtpMode.Optional, SrtpAnswerer = _ => "1 X inline:y" });

        result.Accepted.ShouldBeTrue();
        result.IsSecure.ShouldBeFalse();
        result.Answer!.Media[0].Protocol.ShouldBe("RTP/AVP");
        result.Answer.Media[0].GetAttribute("crypto").ShouldBeNull();
    }

    [Fact]
    public void CreateOffer_AllCodecs_ListsThemInOrderWithEventsCnAndFmtp()
    {
        var offer = SdpNegotiator.CreateOffer(s_local).Media[0];

        offer.Formats.ShouldBe([111, 9, 0, 8, 18, 101, 110, 13]);
        offer.GetRtpMap(111).ShouldBe(new SdpRtpMap(111, "opus", 48000, 2));
        offer.GetFmtp(111).ShouldBe("useinbandfec=1;stereo=0");
        offer.GetFmtp(18).ShouldBe("annexb=no");
        offer.GetRtpMap(110).ShouldBe(new SdpRtpMap(110, "telephone-event", 48000));
    }

    [Fact]
    public void CreateOffer_SrtpMandatory_SavpWithCryptoLines_AndAnswerKeysMatchedByTag()
    {
        var local = s_local with { Srtp = SdpSrtpMode.Mandatory, SrtpOfferCryptos = [Key80, Key32] };
        var offer = SdpNegotiator.CreateOffer(local);
        offer.Media[0].Protocol.ShouldBe("RTP/SAVP");

        var answer = Offer("m=audio 4000 RTP/SAVP 0\r\na=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:THEIRKEYTHEIRKEYTHEIRKEYTHEIRKEYTHEIRKEY\r\n");
        var result = SdpNegotiator.ProcessAnswer(offer, answer);

        result.Accepted.ShouldBeTrue();
        result.IsSecure.ShouldBeTrue();
        result.LocalCrypto.ShouldBe(Key32);
        result.RemoteCrypto!.ShouldStartWith("2 AES_CM_128_HMAC_SHA1_32 inline:THEIR");
    }

    [Fact]
    public void ProcessAnswer_OpusAnswer_LearnsCodecFmtpAndMux()
    {
        var offer = SdpNegotiator.CreateOffer(s_local);
        var answer = Offer("m=audio 4000 RTP/AVP 111 110\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 useinbandfec=0\r\na=rtpmap:110 telephone-event/48000\r\na=rtcp-mux\r\n");

        var result = SdpNegotiator.ProcessAnswer(offer, answer);

        result.Accepted.ShouldBeTrue();
        result.SelectedCodec!.EncodingName.ShouldBe("opus");
        result.RemoteFmtp.ShouldBe("useinbandfec=0");
        result.TelephoneEventPayloadType.ShouldBe(110);
        result.TelephoneEventClockRate.ShouldBe(48000);
        result.RtcpMux.ShouldBeTrue();
    }
}
