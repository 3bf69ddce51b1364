using Shouldly;
using Softswitch.Media.Codecs;
using Xunit;

namespace Softswitch.Media.Tests.Codecs;

public sealed class G711Tests
{
    // ITU-T G.711 Table 2a/2b reconstruction levels, scaled to 16-bit (μ-law ×4 from 14-bit, A-law ×8 from 13-bit).
    [Theory]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0x80, 32124)]
    [InlineData(0x00, -32124)]
    [InlineData(0xFE, 8)]
    [InlineData(0x7E, -8)]
    [InlineData(0xF0, 120)]
    [InlineData(0xEF, 132)]
    [InlineData(0xDF, 396)]
    [InlineData(0x8F, 16764)]
    public void DecodeMuLaw_KnownCodeWords_GivesReferenceLevels(int code, int linear)
    {
        G711.DecodeMuLaw((byte)code).ShouldBe((short)linear);
    }

    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    [InlineData(0xD4, 24)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    [InlineData(0xC5, 264)]
    [InlineData(0xF5, 528)]
    [InlineData(0x80, 5504)]
    public void DecodeALaw_KnownCodeWords_GivesReferenceLevels(int code, int linear)
    {
        G711.DecodeALaw((byte)code).ShouldBe((short)linear);
    }

    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(-1, 0x7E)]
    [InlineData(-4, 0x7E)]
    [InlineData(3, 0xFF)]
    [InlineData(32767, 0x80)]
    [InlineData(-32768, 0x00)]
    [InlineData(8, 0xFE)]
    [InlineData(-8, 0x7E)]
    public void EncodeMuLaw_KnownSamples_GivesReferenceCodes(int linear, int code)
    {
        G711.EncodeMuLaw((short)linear).ShouldBe((byte)code);
    }

    [Theory]
    [InlineData(0, 0xD5)]
    [InlineData(-1, 0x55)]
    [InlineData(32767, 0xAA)]
    [InlineData(-32768, 0x2A)]
    [InlineData(24, 0xD4)]
    public void EncodeALaw_KnownSamples_GivesReferenceCodes(int linear, int code)
    {
        G711.EncodeALaw((short)linear).ShouldBe((byte)code);
    }

    [Fact]
    public void DecodeMuLaw_AllCodes_MatchSegmentFormula()
    {
        for (int code = 0; code < 256; code++)
        {
            int inverted = ~code & 0xFF;
            int exponent = (inverted >> 4) & 0x07;
            int mantissa = inverted & 0x0F;
            int magnitude14 = ((2 * mantissa + 33) << exponent) - 33; // G.711 μ-law, 14-bit
            int expected = ((inverted & 0x80) != 0 ? -magnitude14 : magnitude14) * 4;
            G711.DecodeMuLaw((byte)code).ShouldBe((short)expected, $"code 0x{code:X2}");
        }
    }

    [Fact]
    public void DecodeALaw_AllCodes_MatchSegmentFormula()
    {
        for (int code = 0; code < 256; code++)
        {
            int toggled = code ^ 0x55;
            int exponent = (toggled >> 4) & 0x07;
            int mantissa = toggled & 0x0F;
            int magnitude13 = exponent == 0 ? (2 * mantissa) + 1 : ((2 * mantissa) + 33) << (exponent - 1); // G.711 A-law, 13-bit
            int expected = ((toggled & 0x80) != 0 ? magnitude13 : -magnitude13) * 8;
            G711.DecodeALaw((byte)code).ShouldBe((short)expected, $"code 0x{code:X2}");
        }
    }

    [Fact]
    public void MuLaw_EncodeOfDecode_IsIdentityExceptNegativeZero()
    {
        for (int code = 0; code < 256; code++)
        {
            byte back = G711.EncodeMuLaw(G711.DecodeMuLaw((byte)code));
            // 0x7F is μ-law "negative zero"; it decodes to 0, which encodes as positive zero 0xFF.
            back.ShouldBe(code == 0x7F ? (byte)0xFF : (byte)code, $"code 0x{code:X2}");
        }
    }

    [Fact]
    public void ALaw_EncodeOfDecode_IsIdentity()
    {
        for (int code = 0; code < 256; code++)
        {
            G711.EncodeALaw(G711.DecodeALaw((byte)code)).ShouldBe((byte)code, $"code 0x{code:X2}");
        }
    }

    [Fact]
    public void Encode_IsMonotonicInMagnitude()
    {
        short previousMu = G711.DecodeMuLaw(G711.EncodeMuLaw(short.MinValue));
        short previousA = G711.DecodeALaw(G711.EncodeALaw(short.MinValue));
        for (int sample = short.MinValue + 1; sample <= short.MaxValue; sample++)
        {
            short mu = G711.DecodeMuLaw(G711.EncodeMuLaw((short)sample));
            short a = G711.DecodeALaw(G711.EncodeALaw((short)sample));
            mu.ShouldBeGreaterThanOrEqualTo(previousMu);
            a.ShouldBeGreaterThanOrEqualTo(previousA);
            previousMu = mu;
            previousA = a;
        }
    }

    [Fact]
    public void QuantizationError_StaysWithinHalfStep()
    {
        for (int sample = -32000; sample <= 32000; sample += 7)
        {
            int mu = G711.DecodeMuLaw(G711.EncodeMuLaw((short)sample));
            int a = G711.DecodeALaw(G711.EncodeALaw((short)sample));
            // Largest step is 1024 (μ-law, 16-bit scale) / 1024 (A-law); error at most one step.
            Math.Abs(mu - sample).ShouldBeLessThanOrEqualTo(1024);
            Math.Abs(a - sample).ShouldBeLessThanOrEqualTo(1024);
        }
    }

    [Fact]
    public void SpanEncodeDecode_MatchesScalar_AndReturnsLength()
    {
        short[] pcm = Signals.Sine(1000, 8000, 160);
        var mu = new byte[160];
        var a = new byte[160];
        G711.EncodeMuLaw(pcm, mu).ShouldBe(160);
        G711.EncodeALaw(pcm, a).ShouldBe(160);
        G711.Encode(0, pcm, new byte[160]).ShouldBe(160);
        var decodedMu = new short[160];
        var decodedA = new short[160];
        G711.DecodeMuLaw(mu, decodedMu).ShouldBe(160);
        G711.Decode(8, a, decodedA).ShouldBe(160);
        for (int i = 0; i < pcm.Length; i++)
        {
            mu[i].ShouldBe(G711.EncodeMuLaw(pcm[i]));
            decodedA[i].ShouldBe(G711.DecodeALaw(a[i]));
        }

        Signals.Decibels(Signals.Rms(decodedMu), Signals.Rms(pcm)).ShouldBeInRange(-0.2, 0.2);
    }

    [Fact]
    public void Encode_ShortDestination_Throws()
    {
        Should.Throw<ArgumentException>(() => G711.EncodeMuLaw(new short[10], new byte[9]));
        Should.Throw<ArgumentOutOfRangeException>(() => G711.Encode(9, new short[1], new byte[1]));
    }
}
