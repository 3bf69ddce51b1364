using Shouldly;
using Softswitch.Media.Codecs;
using Xunit;

namespace Softswitch.Media.Tests.Codecs;

public sealed class G729CodecTests
{
    [Fact]
    public void Encode_TwentyMilliseconds_GivesTwoTenByteFrames()
    {
        using var encoder = AudioCodecs.G729.CreateEncoder();
        short[] signal = CodecSignals.SpeechLike(8000, 0.2);
        var payload = new byte[1500];
        for (int offset = 0; offset < signal.Length; offset += 160)
        {
            encoder.Encode(signal.AsSpan(offset, 160), payload).ShouldBe(20);
        }

        encoder.Encode(new short[80], payload).ShouldBe(10);
        Should.Throw<ArgumentException>(() => encoder.Encode(new short[100], payload));
        Should.Throw<ArgumentException>(() => encoder.Encode(new short[160], new byte[19]));
    }

    [Fact]
    public void RoundTrip_SpeechLike_CorrelatesAfterDelay()
    {
        using var encoder = AudioCodecs.G729.CreateEncoder();
        using var decoder = AudioCodecs.G729.CreateDecoder();
        short[] signal = CodecSignals.SpeechLike(8000, 2);
        short[] decoded = CodecSignals.RoundTrip(encoder, decoder, signal);
        var result = CodecSignals.Compare(signal, decoded, 8000, 160, 800);

        // G.729 is a CELP vocoder: it matches the waveform only roughly. Measured at -20 dBov: SNR 7.4 dB, segmental SNR
        // 7.4 dB, correlation 0.906, lag 40 samples (its 5 ms look-ahead). Bounds keep about 3 dB of margin.
        result.Lag.ShouldBe(40);
        result.Snr.ShouldBeGreaterThan(4);
        result.SegmentalSnr.ShouldBeGreaterThan(4);
        result.Correlation.ShouldBeGreaterThan(0.85);
        Signals.Decibels(Signals.Rms(decoded.AsSpan(800)), Signals.Rms(signal.AsSpan(800))).ShouldBeInRange(-3, 1);
    }

    [Fact]
    public void Conceal_AfterVoicedSignal_ContinuesThenAttenuates()
    {
        using var encoder = AudioCodecs.G729.CreateEncoder();
        using var decoder = AudioCodecs.G729.CreateDecoder();
        short[] signal = CodecSignals.SpeechLike(8000, 0.5);
        var payload = new byte[20];
        var pcm = new short[960];
        for (int offset = 0; offset < 1600; offset += 160)
        {
            encoder.Encode(signal.AsSpan(offset, 160), payload);
            decoder.Decode(payload, pcm).ShouldBe(160);
        }

        double before = Signals.Rms(pcm.AsSpan(0, 160));
        decoder.Conceal(pcm).ShouldBe(160);
        double first = Signals.Rms(pcm.AsSpan(0, 160));
        for (int i = 0; i < 10; i++)
        {
            decoder.Conceal(pcm);
        }

        double later = Signals.Rms(pcm.AsSpan(0, 160));
        first.ShouldBeGreaterThan(before * 0.3);
        later.ShouldBeLessThan(first * 0.5);
    }

    [Theory]
    [InlineData(2, 80)] // one Annex B SID frame
    [InlineData(12, 160)] // a voice frame and a SID frame
    [InlineData(20, 160)]
    [InlineData(120, 960)] // 120 ms
    public void Decode_ValidLengths_ReturnsEightySamplesPerFrame(int bytes, int samples)
    {
        using var decoder = AudioCodecs.G729.CreateDecoder();
        var payload = new byte[bytes];
        new Random(bytes).NextBytes(payload);
        decoder.Decode(payload, new short[960]).ShouldBe(samples);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(15)]
    [InlineData(130)] // 130 ms
    public void Decode_InvalidLengths_ReturnsMinusOne(int bytes)
    {
        using var decoder = AudioCodecs.G729.CreateDecoder();
        decoder.Decode(new byte[bytes], new short[1040]).ShouldBe(-1);
    }

    [Fact]
    public void Decode_RandomFrames_DoesNotThrow()
    {
        using var decoder = AudioCodecs.G729.CreateDecoder();
        var random = new Random(99);
        var payload = new byte[20];
        var pcm = new short[960];
        for (int i = 0; i < 500; i++)
        {
            random.NextBytes(payload);
            decoder.Decode(payload, pcm).ShouldBe(160);
        }

        decoder.Decode(new byte[20], new short[159]).ShouldBe(-1);
        decoder.DecodeFec(payload, pcm).ShouldBe(0);
    }
}
