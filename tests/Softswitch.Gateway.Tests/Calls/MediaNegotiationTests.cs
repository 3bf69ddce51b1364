using Shouldly;
using Softswitch.Media.Codecs;
using Softswitch.Sip.Sdp;
using Xunit;

namespace Softswitch.Gateway.Tests.Calls;

/// <summary>What the gateway answers for codecs, SRTP and RTCP options, and what the call's RTP session ends up using.</summary>
public sealed class MediaNegotiationTests
{
    private const string Crypto80 = "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";

    [Theory]
    [InlineData("m=audio 40000 RTP/AVP 9 0\r\na=rtpmap:9 G722/8000\r\n", "G722", 9)]
    [InlineData("m=audio 40000 RTP/AVP 96 0\r\na=rtpmap:96 opus/48000/2\r\na=fmtp:96 useinbandfec=1\r\n", "opus", 96)]
    [InlineData("m=audio 40000 RTP/AVP 8 0\r\n", "PCMA", 8)]
    public async Task Offer_CodecFirstInConfiguredOrder_IsAnsweredAndUsed(string media, string expected, int payloadType)
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait, configureMedia: m => m.Codecs = ["G722", "opus", "PCMA", "PCMU"]);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        var answer = await OfferAsync(peer, media);

        answer.Media[0].Formats[0].ShouldBe(payloadType);
        var call = await fx.Handler.FirstCall;
        call.Media.Codec.EncodingName.ShouldBe(expected);
        call.Media.PayloadType.ShouldBe(payloadType);
    }

    [Fact]
    public async Task Offer_G729WhileSwitchedOff_488_AndSwitchedOn_Answered()
    {
        await using (var off = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait))
        {
            using var peer = new SipTestPeer(off.SipEndPoint);
            await peer.SendAsync(peer.Request("INVITE", peer.NextCSeq(), Sdp("m=audio 40000 RTP/AVP 18\r\na=fmtp:18 annexb=no\r\n")));
            await peer.ExpectResponseAsync(488, "INVITE");
        }

        await using var on = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait, configureMedia: m => m.G729 = true);
        using var caller = new SipTestPeer(on.SipEndPoint);
        var answer = await OfferAsync(caller, "m=audio 40000 RTP/AVP 18\r\na=fmtp:18 annexb=no\r\n");
        answer.Media[0].GetRtpMap(18)!.EncodingName.ShouldBe("G729");
        answer.Media[0].GetFmtp(18).ShouldBe("annexb=no");
        (await on.Handler.FirstCall).Media.Codec.ShouldBe(AudioCodecs.G729);
    }

    [Fact]
    public async Task SavpOffer_AnsweredWithOurOwnKey_AndTheSessionIsSrtp()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        var answer = await OfferAsync(peer, "m=audio 40000 RTP/SAVP 0\r\na=crypto:" + Crypto80 + "\r\n");

        var media = answer.Media[0];
        media.Protocol.ShouldBe("RTP/SAVP");
        var crypto = media.GetAttribute("crypto").ShouldNotBeNull().Value.ShouldNotBeNull();
        crypto.ShouldStartWith("1 AES_CM_128_HMAC_SHA1_80 inline:");
        crypto.ShouldNotContain("PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR"); // our key, not an echo of theirs
        (await fx.Handler.FirstCall).Media.Settings.Srtp.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("Off", "m=audio 40000 RTP/SAVP 0\r\na=crypto:" + Crypto80 + "\r\n")]
    [InlineData("Mandatory", "m=audio 40000 RTP/AVP 0\r\n")]
    [InlineData("Optional", "m=audio 40000 RTP/SAVP 0\r\na=crypto:1 F8_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR\r\n")]
    public async Task SrtpPolicyNotMet_Answers488WithWarning(string mode, string media)
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait, configureMedia: m => m.Srtp = mode);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await peer.SendAsync(peer.Request("INVITE", peer.NextCSeq(), Sdp(media)));
        var response = await peer.ExpectResponseAsync(488, "INVITE");
        response.Headers["Warning"].ShouldNotBeNull();
    }

    [Fact]
    public async Task RtcpMuxAndCnAndTelephoneEvent_Offered_AreAnsweredAndApplied()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        var answer = await OfferAsync(peer, "m=audio 40000 RTP/AVP 0 13 101\r\na=rtpmap:101 telephone-event/8000\r\na=rtcp-mux\r\n");

        answer.Media[0].Formats.ShouldBe([0, 101, 13]);
        answer.Media[0].GetAttribute("rtcp-mux").ShouldNotBeNull();
        var settings = (await fx.Handler.FirstCall).Media.Settings;
        settings.RtcpMux.ShouldBeTrue();
        settings.ComfortNoisePayloadType.ShouldBe(13);
        settings.TelephoneEventPayloadType.ShouldBe(101);
    }

    private static string Sdp(string media) => "v=0\r\no=tester 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" + media;

    private static async Task<SdpSession> OfferAsync(SipTestPeer peer, string media)
    {
        var cseq = peer.NextCSeq();
        await peer.SendAsync(peer.Request("INVITE", cseq, Sdp(media)));
        var ok = await peer.ExpectResponseAsync(200, "INVITE");
        await peer.SendAsync(peer.Request("ACK", cseq, inDialog: true));
        SdpSession.TryParse(ok.Body.Span, out var answer, out _).ShouldBeTrue();
        return answer!;
    }
}
