using Shouldly;
using Softswitch.Media.Srtp;
using Xunit;

namespace Softswitch.Media.Tests.Srtp;

public sealed class SdesCryptoTests
{
    // RFC 4568 §4 and §6.1 example key.
    private const string Rfc4568Example = "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32";

    [Fact]
    public void TryParse_Rfc4568Example_ReadsEveryField()
    {
        SdesCrypto.TryParse(Rfc4568Example, out var crypto, out var error).ShouldBeTrue();

        error.ShouldBeNull();
        crypto.Tag.ShouldBe(1);
        crypto.Suite.ShouldBe(SrtpSuite.AesCm128HmacSha1_80);
        crypto.Descriptor.RtpTagLength.ShouldBe(10);
        crypto.KeyAndSalt.ToArray().ShouldBe(Convert.FromBase64String("PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR"));
        crypto.MasterKey.Length.ShouldBe(16);
        crypto.MasterSalt.Length.ShouldBe(14);
        crypto.Lifetime.ShouldBe(1UL << 20);
        crypto.MkiValue.ShouldBe(1UL);
        crypto.MkiLength.ShouldBe(32);
        crypto.SessionParameters.ShouldBeNull();
        crypto.Format().ShouldBe(Rfc4568Example);
    }

    [Theory]
    [InlineData("2 AES_CM_128_HMAC_SHA1_32 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR")]
    [InlineData("3 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1048575")]
    [InlineData("4 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^31|1:4 KDR=0 WSH=128")]
    [InlineData("999999999 AES_CM_128_HMAC_SHA1_32 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|7:1 UNENCRYPTED_SRTCP")]
    public void Format_ParsedValue_GivesTheSameText(string value)
    {
        SdesCrypto.TryParse(value, out var crypto, out _).ShouldBeTrue();

        crypto.Format().ShouldBe(value);
    }

    [Fact]
    public void TryParse_SessionParametersAndExtraWhitespace_KeepsParametersAsText()
    {
        SdesCrypto.TryParse("  5\tAES_CM_128_HMAC_SHA1_32   inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR  KDR=0\tWSH=128 ", out var crypto, out _).ShouldBeTrue();

        crypto.Tag.ShouldBe(5);
        crypto.Suite.ShouldBe(SrtpSuite.AesCm128HmacSha1_32);
        crypto.SessionParameters.ShouldBe("KDR=0 WSH=128");
        crypto.Lifetime.ShouldBeNull();
        crypto.MkiValue.ShouldBeNull();
        crypto.MkiLength.ShouldBe(0);
    }

    [Fact]
    public void TryParse_LowerCaseSuiteAndKeyMethod_AreAccepted()
    {
        SdesCrypto.TryParse("1 aes_cm_128_hmac_sha1_80 INLINE:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", out var crypto, out _).ShouldBeTrue();

        crypto.Format().ShouldBe("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR");
    }

    [Theory]
    [InlineData(null, "expected '<tag> <crypto-suite> <key-params>")]
    [InlineData("", "expected '<tag> <crypto-suite> <key-params>")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80", "expected '<tag> <crypto-suite> <key-params>")]
    [InlineData("x AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", "tag 'x'")]
    [InlineData("1234567890 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", "tag '1234567890'")]
    [InlineData("1 AES_256_CM_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", "unknown crypto-suite 'AES_256_CM_HMAC_SHA1_80'")]
    [InlineData("1 F8_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", "unknown crypto-suite")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 uri:https://kms.example/key", "unsupported key method in 'uri'")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:PS1u!CVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", "not valid base64")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVB", "not valid base64")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:", "not valid base64")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:AAECAwQFBgcICQoLDA0ODw==", "needs 30 bytes of key and salt, the inline key has 16")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBRPS1u", "the inline key has 33")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4;inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|2:4", "more than one key")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^x", "lifetime '2^x'")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^64", "too large")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|0", "lifetime must be positive")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1:4|2^20", "out of place")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1:0", "MKI length 0 is outside 1..128")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1:129", "MKI length 129")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|256:1", "does not fit in 1 byte")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|a:4", "MKI value")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1:2:3", "MKI length")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1:4|2:4", "two MKIs")]
    public void TryParse_Invalid_ReturnsFalseWithReason(string? value, string reason)
    {
        SdesCrypto.TryParse(value, out var crypto, out var error).ShouldBeFalse();

        crypto.ShouldBeNull();
        error.ShouldNotBeNull();
        error.ShouldContain(reason);
    }

    [Theory]
    [InlineData(SrtpSuite.AesCm128HmacSha1_80)]
    [InlineData(SrtpSuite.AesCm128HmacSha1_32)]
    public void Generate_GivesFreshKeysThatRoundTripThroughFormat(SrtpSuite suite)
    {
        var first = SdesCrypto.Generate(3, suite);
        var second = SdesCrypto.Generate(3, suite);

        first.KeyAndSalt.Length.ShouldBe(30);
        first.KeyAndSalt.ToArray().ShouldNotBe(second.KeyAndSalt.ToArray());
        first.Lifetime.ShouldBeNull();
        first.MkiValue.ShouldBeNull();
        SdesCrypto.TryParse(first.Format(), out var parsed, out _).ShouldBeTrue();
        parsed.Tag.ShouldBe(3);
        parsed.Suite.ShouldBe(suite);
        parsed.KeyAndSalt.ToArray().ShouldBe(first.KeyAndSalt.ToArray());
    }

    [Fact]
    public void ToString_HidesTheKey()
    {
        SdesCrypto.TryParse(Rfc4568Example, out var crypto, out _).ShouldBeTrue();

        crypto.ToString().ShouldBe("1 AES_CM_128_HMAC_SHA1_80 inline:***|2^20|1:32");
    }

    [Fact]
    public void Constructor_WrongKeyLengthOrTag_Throws()
    {
        Should.Throw<ArgumentException>(() => new SdesCrypto(1, SrtpSuite.AesCm128HmacSha1_80, new byte[16]));
        Should.Throw<ArgumentOutOfRangeException>(() => new SdesCrypto(-1, SrtpSuite.AesCm128HmacSha1_80, new byte[30]));
        Should.Throw<ArgumentOutOfRangeException>(() => new SdesCrypto(1_000_000_000, SrtpSuite.AesCm128HmacSha1_80, new byte[30]));
        Should.Throw<ArgumentException>(() => new SdesCrypto(1, SrtpSuite.AesCm128HmacSha1_80, new byte[30], mkiValue: 1, mkiLength: 0));
    }

    [Theory]
    [InlineData(SrtpSuite.AesCm128HmacSha1_80, "AES_CM_128_HMAC_SHA1_80", 10)]
    [InlineData(SrtpSuite.AesCm128HmacSha1_32, "AES_CM_128_HMAC_SHA1_32", 4)]
    public void SrtpSuiteDescriptor_For_GivesRfc4568NameAndLengths(SrtpSuite suite, string name, int tagLength)
    {
        var descriptor = SrtpSuiteDescriptor.For(suite);

        descriptor.Name.ShouldBe(name);
        descriptor.RtpTagLength.ShouldBe(tagLength);
        SrtpSuiteDescriptor.RtcpTagLength.ShouldBe(10);
        SrtpSuiteDescriptor.KeyMaterialLength.ShouldBe(30);
        SrtpSuiteDescriptor.TryFromName(name, out var found).ShouldBeTrue();
        found.ShouldBeSameAs(descriptor);
    }
}
