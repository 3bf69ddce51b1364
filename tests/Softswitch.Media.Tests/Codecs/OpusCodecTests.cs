using Shouldly;
using Softswitch.Media.Codecs;
using Softswitch.Media.Native;
using Softswitch.Media.Resampling;
using Xunit;

namespace Softswitch.Media.Tests.Codecs;

public sealed class OpusCodecTests
{
    private const int Frame = 320;

    [Fact]
    public void RoundTrip_SpeechLike_AlignedSnrAboveEightDecibels()
    {
        using var encoder = (OpusEncoder)AudioCodecs.Opus.CreateEncoder();
        using var decoder = AudioCodecs.Opus.CreateDecoder();
        short[] signal = CodecSignals.SpeechLike(16000, 2);
        short[] decoded = CodecSignals.RoundTrip(encoder, decoder, signal);
        var result = CodecSignals.Compare(signal, decoded, 16000, Frame, 1600);

        // Opus (SILK wideband, 24 kbit/s) is not waveform-exact. Measured on this 2 s signal at -20 dBov after aligning by
        // cross-correlation: SNR 11.7 dB, segmental SNR 11.2 dB, correlation 0.968, lag 104 samples (= OPUS_GET_LOOKAHEAD,
        // 2.5 ms + 4 ms at 16 kHz). Bounds leave about 3 dB of margin for other libopus builds.
        result.Lag.ShouldBeInRange(encoder.Lookahead - 2, encoder.Lookahead + 2);
        result.Snr.ShouldBeGreaterThan(8);
        result.SegmentalSnr.ShouldBeGreaterThan(8);
        result.Correlation.ShouldBeGreaterThan(0.95);
        Signals.Decibels(Signals.Rms(decoded.AsSpan(1600)), Signals.Rms(signal.AsSpan(1600))).ShouldBeInRange(-3, 1);
    }

    [Fact]
    public void DecodeFec_LostPackets_RecoversCloserToOriginalThanConcealment()
    {
        using var encoder = (OpusEncoder)AudioCodecs.Opus.CreateEncoder(new CodecParameters { OpusExpectedLossPercent = 10 });
        using var withFec = AudioCodecs.Opus.CreateDecoder();
        using var withPlc = AudioCodecs.Opus.CreateDecoder();
        encoder.InbandFec.ShouldBeTrue();
        short[] signal = CodecSignals.SpeechLike(16000, 2);
        int frames = signal.Length / Frame;
        var packets = new byte[frames][];
        var payload = new byte[1500];
        for (int i = 0; i < frames; i++)
        {
            packets[i] = payload.AsSpan(0, encoder.Encode(signal.AsSpan(i * Frame, Frame), payload)).ToArray();
        }

        var fecOut = new short[signal.Length];
        var plcOut = new short[signal.Length];
        var pcm = new short[1920];
        var lost = new List<int>();
        var recovered = new List<int>();
        for (int i = 0; i < frames; i++)
        {
            if (i < 5 || i % 7 != 3 || i + 1 == frames)
            {
                withFec.Decode(packets[i], pcm).ShouldBe(Frame);
                pcm.AsSpan(0, Frame).CopyTo(fecOut.AsSpan(i * Frame));
                withPlc.Decode(packets[i], pcm).ShouldBe(Frame);
                pcm.AsSpan(0, Frame).CopyTo(plcOut.AsSpan(i * Frame));
                continue;
            }

            lost.Add(i);
            int fec = withFec.DecodeFec(packets[i + 1], pcm);
            if (fec == 0)
            {
                withFec.Conceal(pcm);
            }
            else
            {
                fec.ShouldBe(Frame);
                recovered.Add(i);
            }

            pcm.AsSpan(0, Frame).CopyTo(fecOut.AsSpan(i * Frame));
            withPlc.Conceal(pcm).ShouldBe(Frame);
            pcm.AsSpan(0, Frame).CopyTo(plcOut.AsSpan(i * Frame));
        }

        // Error energy relative to the input (shifted by the codec delay) over the recovered frames.
        double fecError = 0;
        double plcError = 0;
        foreach (int i in recovered)
        {
            var reference = signal.AsSpan((i * Frame) - encoder.Lookahead, Frame);
            fecError += Math.Pow(10, CodecSignals.ErrorDb(reference, fecOut.AsSpan(i * Frame, Frame)) / 10);
            plcError += Math.Pow(10, CodecSignals.ErrorDb(reference, plcOut.AsSpan(i * Frame, Frame)) / 10);
        }

        double fecDb = 10 * Math.Log10(fecError / recovered.Count);
        double plcDb = 10 * Math.Log10(plcError / recovered.Count);

        // Measured: 9 of 13 lost frames recovered (SILK codes LBRR only for frames its VAD rates active; the other 4 fall in
        // troughs of the syllabic envelope); on those, error -8.1 dB with FEC against -1.0 dB with concealment alone.
        recovered.Count.ShouldBeGreaterThanOrEqualTo(lost.Count / 2);
        fecDb.ShouldBeLessThan(plcDb - 3);
    }

    [Fact]
    public void DecodeFec_PacketWithoutLbrr_ReturnsZero()
    {
        using var encoder = AudioCodecs.Opus.CreateEncoder(new CodecParameters { OpusInbandFec = false });
        using var decoder = (OpusDecoder)AudioCodecs.Opus.CreateDecoder();
        short[] signal = CodecSignals.SpeechLike(16000, 0.4);
        var payload = new byte[1500];
        var pcm = new short[Frame];
        for (int offset = 0; offset + Frame <= signal.Length; offset += Frame)
        {
            int bytes = encoder.Encode(signal.AsSpan(offset, Frame), payload);
            decoder.HasLbrr(payload.AsSpan(0, bytes)).ShouldBeFalse();
            decoder.DecodeFec(payload.AsSpan(0, bytes), pcm).ShouldBe(0);
        }

        decoder.DecodeFec([], pcm).ShouldBe(0);
    }

    [Fact]
    public void HasLbrr_WithFec_SetFromTheSecondVoicedPacket()
    {
        // libopus 1.3 adds LBRR to fewer packets below complexity 8 (measured: more than half at 8-10, fewer at 5-6).
        using var encoder = AudioCodecs.Opus.CreateEncoder(new CodecParameters { OpusComplexity = 10 });
        using var decoder = (OpusDecoder)AudioCodecs.Opus.CreateDecoder();
        short[] signal = CodecSignals.SpeechLike(16000, 0.4);
        var payload = new byte[1500];
        var flags = new List<bool>();
        for (int offset = 0; offset + Frame <= signal.Length; offset += Frame)
        {
            int bytes = encoder.Encode(signal.AsSpan(offset, Frame), payload);
            flags.Add(decoder.HasLbrr(payload.AsSpan(0, bytes)));
        }

        flags[0].ShouldBeFalse(); // nothing before the first packet to protect
        flags.Skip(2).Count(f => f).ShouldBeGreaterThan(flags.Count / 2);
    }

    [Fact]
    public void Encode_DtxOnSilence_SendsAlmostNothing()
    {
        using var dtx = AudioCodecs.Opus.CreateEncoder(new CodecParameters { OpusDtx = true });
        using var plain = AudioCodecs.Opus.CreateEncoder();
        var silence = new short[Frame];
        var payload = new byte[1500];
        int dtxSent = 0;
        int plainSent = 0;
        for (int i = 0; i < 100; i++)
        {
            dtxSent += dtx.Encode(silence, payload) > 0 ? 1 : 0;
            plainSent += plain.Encode(silence, payload) > 0 ? 1 : 0;
        }

        // libopus sends one comfort-noise update every 400 ms in DTX, plus a few frames while it detects the silence.
        plainSent.ShouldBe(100);
        dtxSent.ShouldBeLessThan(20);
    }

    [Fact]
    public void CreateEncoder_RemoteFmtp_SetsFecDtxBandwidthAndBitrate()
    {
        var parameters = new CodecParameters
        {
            RemoteFmtp = CodecParameters.ParseFmtp("useinbandfec=0; usedtx=1; maxplaybackrate=8000; maxaveragebitrate=12000"),
        };
        using var encoder = (OpusEncoder)AudioCodecs.Opus.CreateEncoder(parameters);
        encoder.InbandFec.ShouldBeFalse();
        encoder.Dtx.ShouldBeTrue();
        encoder.Bitrate.ShouldBe(12000);
        encoder.MaxBandwidth.ShouldBe(Opus.BandwidthNarrowband);

        // Narrowband SILK packets: TOC configurations 0-3 (RFC 6716 §3.1).
        short[] signal = CodecSignals.SpeechLike(16000, 0.2);
        var payload = new byte[1500];
        for (int offset = 0; offset + Frame <= signal.Length; offset += Frame)
        {
            int bytes = encoder.Encode(signal.AsSpan(offset, Frame), payload);
            if (bytes > 0)
            {
                (payload[0] >> 3).ShouldBeLessThanOrEqualTo(3);
            }
        }
    }

    [Fact]
    public void LimitInputBandwidth_NarrowbandInput_CodesNarrowbandThenWidebandAgain()
    {
        using var encoder = (OpusEncoder)AudioCodecs.Opus.CreateEncoder();
        using var decoder = AudioCodecs.Opus.CreateDecoder();
        using var down = new SpeexResampler(16000, 8000, 5);
        using var up = new SpeexResampler(8000, 16000, 5);

        // What a PCMU leg hands over: speech through 8 kHz and back, nothing above 4 kHz.
        short[] speech = CodecSignals.SpeechLike(16000, 2);
        var narrow = new short[speech.Length / 2];
        down.Process(speech, narrow);
        var signal = new short[speech.Length];
        up.Process(narrow, signal);

        // Mid-stream, as when a bridge forms: the encoder has been coding wideband.
        var payload = new byte[1500];
        encoder.Encode(speech.AsSpan(0, Frame), payload);
        (payload[0] >> 3).ShouldBeInRange(8, 11);
        encoder.LimitInputBandwidth(4000);
        encoder.Bandwidth.ShouldBe(Opus.BandwidthNarrowband);
        var decoded = new short[signal.Length];
        for (int offset = 0; offset + Frame <= signal.Length; offset += Frame)
        {
            int bytes = encoder.Encode(signal.AsSpan(offset, Frame), payload);
            (payload[0] >> 3).ShouldBeLessThanOrEqualTo(3); // SILK narrowband TOC configurations 0-3 (RFC 6716 §3.1)
            decoder.Decode(payload.AsSpan(0, bytes), decoded.AsSpan(offset, Frame)).ShouldBe(Frame);
        }

        // Narrowband coding of narrowband input sounds as good as wideband coding of it (measured SNR 12 dB, correlation 0.97).
        var result = CodecSignals.Compare(signal, decoded, 16000, Frame, 1600);
        result.Snr.ShouldBeGreaterThan(8);
        result.Correlation.ShouldBeGreaterThan(0.95);

        // Back to full band: wideband SILK (configurations 8-11) from the next frame on.
        encoder.LimitInputBandwidth(8000);
        encoder.Bandwidth.ShouldBe(Opus.BandwidthWideband);
        for (int offset = 0; offset + Frame <= speech.Length; offset += Frame)
        {
            encoder.Encode(speech.AsSpan(offset, Frame), payload);
            (payload[0] >> 3).ShouldBeInRange(8, 11);
        }
    }

    [Fact]
    public void LimitInputBandwidth_RemoteAskedNarrowband_NeverWidens()
    {
        var parameters = new CodecParameters { RemoteFmtp = CodecParameters.ParseFmtp("maxplaybackrate=8000") };
        using var encoder = (OpusEncoder)AudioCodecs.Opus.CreateEncoder(parameters);
        encoder.LimitInputBandwidth(8000);
        encoder.Bandwidth.ShouldBe(Opus.BandwidthNarrowband);
        encoder.LimitInputBandwidth(6000);
        encoder.Bandwidth.ShouldBe(Opus.BandwidthNarrowband);
    }

    [Fact]
    public void CreateEncoder_NoRemoteFmtp_UsesOurDefaults()
    {
        using var encoder = (OpusEncoder)AudioCodecs.Opus.CreateEncoder();
        encoder.InbandFec.ShouldBeTrue();
        encoder.Dtx.ShouldBeFalse();
        encoder.Bitrate.ShouldBe(24000);
        encoder.MaxBandwidth.ShouldBe(Opus.BandwidthWideband);
    }

    [Theory]
    [InlineData(640)] // 40 ms
    [InlineData(960)] // 60 ms
    [InlineData(1920)] // 120 ms
    public void Decode_LongPackets_ReturnsAllSamples(int samples)
    {
        using var raw = Opus.EncoderCreate(16000, 1, Opus.ApplicationVoip, out int error);
        error.ShouldBe(Opus.Ok);
        short[] signal = CodecSignals.SpeechLike(16000, samples / 16000.0);
        var packet = new byte[4000];
        int bytes = Opus.Encode(raw, ref signal[0], samples, ref packet[0], packet.Length);
        bytes.ShouldBeGreaterThan(0);

        using var decoder = AudioCodecs.Opus.CreateDecoder();
        var pcm = new short[1920];
        decoder.Decode(packet.AsSpan(0, bytes), pcm).ShouldBe(samples);
        decoder.Decode(packet.AsSpan(0, bytes), new short[samples - 1]).ShouldBe(-1); // does not fit: reported, not thrown
    }

    [Fact]
    public void Decode_CorruptPayloads_ReturnMinusOneOrAudioWithoutThrowing()
    {
        using var decoder = AudioCodecs.Opus.CreateDecoder();
        var pcm = new short[1920];
        decoder.Decode([0x03], pcm).ShouldBe(-1); // code 3 without its frame-count byte
        decoder.Decode([0x0B, 0x00], pcm).ShouldBe(-1); // code 3 with zero frames
        decoder.Decode([], pcm).ShouldBe(-1);

        var random = new Random(1234);
        var payload = new byte[200];
        for (int i = 0; i < 2000; i++)
        {
            int length = random.Next(1, payload.Length);
            random.NextBytes(payload.AsSpan(0, length));
            int result = decoder.Decode(payload.AsSpan(0, length), pcm);
            (result == -1 || (result > 0 && result <= 1920)).ShouldBeTrue();
            decoder.DecodeFec(payload.AsSpan(0, length), pcm).ShouldBeInRange(0, Frame);
        }

        decoder.Conceal(pcm).ShouldBe(Frame);
    }

    [Fact]
    public void Encode_WrongFrameLength_Throws()
    {
        using var encoder = AudioCodecs.Opus.CreateEncoder();
        Should.Throw<ArgumentException>(() => encoder.Encode(new short[160], new byte[1500]));
    }
}
