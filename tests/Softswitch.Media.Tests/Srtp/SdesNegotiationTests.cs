using Shouldly;
using Softswitch.Media.Srtp;
using Xunit;

namespace Softswitch.Media.Tests.Srtp;

public sealed class SdesNegotiationTests
{
    private const string Key = "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";

    private static readonly SrtpSuite[] s_both = [SrtpSuite.AesCm128HmacSha1_80, SrtpSuite.AesCm128HmacSha1_32];

    [Fact]
    public void TryAnswer_BothSuitesOffered_PicksTheFirstOfferedAndAnswersWithSameTagSuiteAndFreshKey()
    {
        string[] offered = [$"1 AES_CM_128_HMAC_SHA1_32 inline:{Key}|2^20", $"2 AES_CM_128_HMAC_SHA1_80 inline:{Key}"];

        SdesNegotiation.TryAnswer(offered, s_both, out var remote, out var local).ShouldBeTrue();

        remote.Tag.ShouldBe(1);
        remote.Suite.ShouldBe(SrtpSuite.AesCm128HmacSha1_32);
        remote.Lifetime.ShouldBe(1UL << 20);
        local.Tag.ShouldBe(1);
        local.Suite.ShouldBe(SrtpSuite.AesCm128HmacSha1_32);
        local.KeyAndSalt.ToArray().ShouldNotBe(remote.KeyAndSalt.ToArray());
        local.Format().ShouldStartWith("1 AES_CM_128_HMAC_SHA1_32 inline:");
    }

    [Fact]
    public void TryAnswer_FirstOfferedUnsupported_PicksTheNextOneWeSupport()
    {
        string[] offered =
        [
            $"1 AES_256_CM_HMAC_SHA1_80 inline:{Key}{Key}",
            $"2 AES_CM_128_HMAC_SHA1_32 inline:{Key}",
            $"3 AES_CM_128_HMAC_SHA1_80 inline:{Key}",
        ];

        SdesNegotiation.TryAnswer(offered, [SrtpSuite.AesCm128HmacSha1_80], out var remote, out var local).ShouldBeTrue();

        remote.Tag.ShouldBe(3);
        local.Tag.ShouldBe(3);
        local.Suite.ShouldBe(SrtpSuite.AesCm128HmacSha1_80);
    }

    [Fact]
    public void TryAnswer_InvalidOrUnhonourableOffers_AreSkipped()
    {
        string[] offered =
        [
            "1 AES_CM_128_HMAC_SHA1_80 inline:bm90IGEga2V5",
            $"2 AES_CM_128_HMAC_SHA1_80 inline:{Key} UNENCRYPTED_SRTCP",
            $"3 AES_CM_128_HMAC_SHA1_80 inline:{Key} KDR=24",
            $"4 AES_CM_128_HMAC_SHA1_80 inline:{Key} FUTURE_PARAM",
            $"5 AES_CM_128_HMAC_SHA1_80 inline:{Key} KDR=0 WSH=64 -FUTURE_OPTIONAL",
        ];

        SdesNegotiation.TryAnswer(offered, s_both, out var remote, out _).ShouldBeTrue();

        remote.Tag.ShouldBe(5);
    }

    [Fact]
    public void TryAnswer_NothingAcceptable_ReturnsFalse()
    {
        string[] offered = [$"1 AES_CM_128_HMAC_SHA1_32 inline:{Key}", "2 F8_128_HMAC_SHA1_80 inline:" + Key];

        SdesNegotiation.TryAnswer(offered, [SrtpSuite.AesCm128HmacSha1_80], out var remote, out var local).ShouldBeFalse();
        SdesNegotiation.TryAnswer([], s_both, out _, out _).ShouldBeFalse();

        remote.ShouldBeNull();
        local.ShouldBeNull();
    }

    [Fact]
    public void TryAnswer_OfferAndAnswer_SetUpSessionsThatTalkBothWays()
    {
        var offer = SdesCrypto.Generate(1, SrtpSuite.AesCm128HmacSha1_80);
        SdesNegotiation.TryAnswer([offer.Format()], s_both, out var remote, out var answer).ShouldBeTrue();
        SdesCrypto.TryParse(answer.Format(), out var answerSeenByOfferer, out _).ShouldBeTrue();
        using var offerer = new SrtpSession(offer, answerSeenByOfferer);
        using var answerer = new SrtpSession(answer, remote);

        byte[] forward = SrtpTestPackets.Rtp(1);
        offerer.TryProtectRtp(forward, 172, out int length).ShouldBeTrue();
        answerer.TryUnprotectRtp(forward.AsSpan(0, length), out _).ShouldBeTrue();
        byte[] backward = SrtpTestPackets.Rtp(1);
        answerer.TryProtectRtp(backward, 172, out length).ShouldBeTrue();
        offerer.TryUnprotectRtp(backward.AsSpan(0, length), out _).ShouldBeTrue();
    }
}
