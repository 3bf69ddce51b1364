using Shouldly;
using Softswitch.Media.Codecs;
using Xunit;

namespace Softswitch.Media.Tests.Codecs;

public sealed class G722CodecTests
{
    [Fact]
    public void Encode_TwentyMilliseconds_GivesOneHundredSixtyBytes()
    {
        using var encoder = AudioCodecs.G722.CreateEncoder();
        encoder.Encode(Signals.Sine(1000, 16000, 320), new byte[1500]).ShouldBe(160);
        Should.Throw<ArgumentException>(() => encoder.Encode(new short[321], new byte[1500]));
        Should.Throw<ArgumentException>(() => encoder.Encode(new short[320], new byte[159]));
    }

    [Fact]
    public void RoundTrip_SpeechLike_AlignedSnrAboveTwentyTwoDecibels()
    {
        using var encoder = AudioCodecs.G722.CreateEncoder();
        using var decoder = AudioCodecs.G722.CreateDecoder();
        short[] signal = CodecSignals.SpeechLike(16000, 2);
        var result = CodecSignals.Compare(signal, CodecSignals.RoundTrip(encoder, decoder, signal), 16000, 320, 1600);

        // G.722 is near-waveform ADPCM. Measured at -20 dBov: SNR 28.5 dB, segmental 29.0 dB, lag 22 samples (the QMF pair).
        result.Lag.ShouldBe(22);
        result.Snr.ShouldBeGreaterThan(22);
        result.SegmentalSnr.ShouldBeGreaterThan(22);
    }

    [Fact]
    public void RoundTrip_Tone_KeepsFrequencyAndLevel()
    {
        using var encoder = AudioCodecs.G722.CreateEncoder();
        using var decoder = AudioCodecs.G722.CreateDecoder();
        short[] tone = Signals.Sine(5000, 16000, 16000); // above the G.711 band: only a wideband codec keeps it
        short[] decoded = CodecSignals.RoundTrip(encoder, decoder, tone);
        var steady = decoded.AsSpan(800, 15000);
        (Signals.ZeroCrossings(steady) / (steady.Length / 16000.0)).ShouldBeInRange(9980, 10020);
        Signals.Decibels(Signals.Rms(steady), Signals.Rms(tone)).ShouldBeInRange(-1.5, 1.5);
    }

    [Fact]
    public void Conceal_AfterVoicedSignal_ContinuesThenFadesToSilence()
    {
        using var encoder = AudioCodecs.G722.CreateEncoder();
        using var decoder = AudioCodecs.G722.CreateDecoder();
        short[] signal = Signals.Sine(180, 16000, 16000, 8000);
        var payload = new byte[160];
        var pcm = new short[1920];
        for (int offset = 0; offset < 3200; offset += 320)
        {
            encoder.Encode(signal.AsSpan(offset, 320), payload);
            decoder.Decode(payload, pcm);
        }

        // Fade of 1/800 per sample: 1.0 to 0.6 over the first lost frame, 0.6 to 0.2, then silent 10 ms into the third.
        var rms = new double[4];
        for (int lost = 0; lost < rms.Length; lost++)
        {
            decoder.Conceal(pcm).ShouldBe(320);
            rms[lost] = Signals.Rms(pcm.AsSpan(0, 320));
        }

        rms[0].ShouldBeGreaterThan(Signals.Rms(signal.AsSpan(0, 3200)) * 0.6);
        rms[1].ShouldBeInRange(rms[0] * 0.2, rms[0] * 0.8);
        rms[2].ShouldBeLessThan(rms[1] * 0.3);
        rms[3].ShouldBe(0);

        // After the loss the next good packet plays normally again.
        encoder.Encode(signal.AsSpan(4480, 320), payload);
        decoder.Decode(payload, pcm).ShouldBe(320);
        Signals.Rms(pcm.AsSpan(0, 320)).ShouldBeGreaterThan(1000);
    }

    [Fact]
    public void Decode_AnyBytes_NeverFailsExceptEmptyOrTooLong()
    {
        using var decoder = AudioCodecs.G722.CreateDecoder();
        var pcm = new short[1920];
        decoder.Decode([], pcm).ShouldBe(-1);
        decoder.Decode(new byte[961], new short[1922]).ShouldBe(-1);
        decoder.Decode(new byte[160], new short[319]).ShouldBe(-1);
        decoder.Decode(new byte[1], pcm).ShouldBe(2);

        var random = new Random(7);
        var payload = new byte[960];
        random.NextBytes(payload);
        decoder.Decode(payload, pcm).ShouldBe(1920);
        decoder.DecodeFec(payload, pcm).ShouldBe(0);
    }
}
