using Shouldly;
using Softswitch.Media.Codecs;
using Xunit;

namespace Softswitch.Media.Tests.Codecs;

public sealed class G711CodecTests
{
    [Fact]
    public void Encode_Pcmu_MatchesG711Tables()
    {
        using var encoder = AudioCodecs.Pcmu.CreateEncoder();
        short[] frame = Signals.Sine(1000, 8000, 160, 12000);
        var payload = new byte[160];
        encoder.Encode(frame, payload).ShouldBe(160);
        for (int i = 0; i < frame.Length; i++)
        {
            payload[i].ShouldBe(G711.EncodeMuLaw(frame[i]));
        }
    }

    [Fact]
    public void Encode_Pcma_MatchesG711Tables()
    {
        using var encoder = AudioCodecs.Pcma.CreateEncoder();
        short[] frame = Signals.Sine(1000, 8000, 160, 12000);
        var payload = new byte[160];
        encoder.Encode(frame, payload).ShouldBe(160);
        for (int i = 0; i < frame.Length; i++)
        {
            payload[i].ShouldBe(G711.EncodeALaw(frame[i]));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public void Decode_WithoutLoss_GivesReconstructionLevels(int payloadType)
    {
        var codec = payloadType == 0 ? AudioCodecs.Pcmu : AudioCodecs.Pcma;
        using var decoder = codec.CreateDecoder();
        var payload = new byte[256];
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)i;
        }

        var pcm = new short[960];
        decoder.Decode(payload, pcm).ShouldBe(256);
        for (int i = 0; i < payload.Length; i++)
        {
            pcm[i].ShouldBe(Decode(payloadType, payload[i]));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public void RoundTrip_SpeechLike_AboveThirtyDecibels(int payloadType)
    {
        var codec = payloadType == 0 ? AudioCodecs.Pcmu : AudioCodecs.Pcma;
        using var encoder = codec.CreateEncoder();
        using var decoder = codec.CreateDecoder();
        short[] signal = CodecSignals.SpeechLike(8000, 2);
        var result = CodecSignals.Compare(signal, CodecSignals.RoundTrip(encoder, decoder, signal), 8000, 40, 0);

        // Measured 37.3 dB (μ-law) and 37.6 dB (A-law) at -20 dBov: G.711's ~38 dB SQNR.
        result.Lag.ShouldBe(0);
        result.Snr.ShouldBeGreaterThan(30);
    }

    [Fact]
    public void Conceal_AfterVoicedSignal_ContinuesThenFadesToSilence()
    {
        using var encoder = AudioCodecs.Pcmu.CreateEncoder();
        using var decoder = AudioCodecs.Pcmu.CreateDecoder();
        short[] signal = Signals.Sine(200, 8000, 8000, 8000);
        var payload = new byte[160];
        var pcm = new short[960];
        for (int offset = 0; offset < 1600; offset += 160)
        {
            encoder.Encode(signal.AsSpan(offset, 160), payload);
            decoder.Decode(payload, pcm);
        }

        // spandsp's concealer repeats the last pitch period and fades it by 0.0025 per sample: silent after 50 ms.
        var rms = new double[4];
        var first = new short[160];
        for (int lost = 0; lost < rms.Length; lost++)
        {
            decoder.Conceal(pcm).ShouldBe(160);
            rms[lost] = Signals.Rms(pcm.AsSpan(0, 160));
            if (lost == 0)
            {
                pcm.AsSpan(0, 160).CopyTo(first);
            }
        }

        double original = Signals.Rms(signal.AsSpan(0, 1600));
        rms[0].ShouldBeGreaterThan(original * 0.6);
        rms[1].ShouldBeLessThan(rms[0]);
        rms[1].ShouldBeGreaterThan(0);
        rms[2].ShouldBeLessThan(rms[1]);
        rms[3].ShouldBe(0);

        // The concealment continues the 200 Hz waveform in phase: it correlates with what would have come next.
        var (correlation, _) = Signals.BestCorrelation(first, signal.AsSpan(1600, 80), 0);
        correlation.ShouldBeGreaterThan(0.9);
    }

    [Fact]
    public void Decode_AfterLoss_ResumesWithRealSignal()
    {
        using var encoder = AudioCodecs.Pcma.CreateEncoder();
        using var decoder = AudioCodecs.Pcma.CreateDecoder();
        short[] signal = Signals.Sine(300, 8000, 8000, 8000);
        var payload = new byte[160];
        var pcm = new short[960];
        for (int offset = 0; offset < 960; offset += 160)
        {
            encoder.Encode(signal.AsSpan(offset, 160), payload);
            decoder.Decode(payload, pcm);
        }

        decoder.Conceal(pcm);
        encoder.Encode(signal.AsSpan(1120, 160), payload);
        decoder.Decode(payload, pcm).ShouldBe(160);

        // Past the quarter-period cross-fade the frame is the plain decoded signal again.
        for (int i = 40; i < 160; i++)
        {
            pcm[i].ShouldBe(G711.DecodeALaw(payload[i]));
        }
    }

    [Fact]
    public void Decode_EmptyOrOverlongPayload_ReturnsMinusOne()
    {
        using var decoder = AudioCodecs.Pcmu.CreateDecoder();
        var pcm = new short[960];
        decoder.Decode([], pcm).ShouldBe(-1);
        decoder.Decode(new byte[961], pcm).ShouldBe(-1);
        decoder.Decode(new byte[320], new short[160]).ShouldBe(-1);
        decoder.DecodeFec(new byte[160], pcm).ShouldBe(0);
        decoder.SupportsFec.ShouldBeFalse();
    }

    [Fact]
    public void Create_NonG711Codec_Throws()
    {
        Should.Throw<ArgumentException>(() => new G711Encoder(AudioCodecs.G722));
        Should.Throw<ArgumentException>(() => new G711Decoder(AudioCodecs.Opus));
    }

    private static short Decode(int payloadType, byte code) => payloadType == 0 ? G711.DecodeMuLaw(code) : G711.DecodeALaw(code);
}
