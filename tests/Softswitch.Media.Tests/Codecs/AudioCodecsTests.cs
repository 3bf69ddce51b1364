using Shouldly;
using Softswitch.Media.Codecs;
using Softswitch.Media.Rtcp;
using Xunit;

namespace Softswitch.Media.Tests.Codecs;

public sealed class AudioCodecsTests
{
    [Fact]
    public void All_IsInDefaultPreferenceOrder()
    {
        AudioCodecs.All.Select(c => c.EncodingName).ShouldBe(["PCMU", "PCMA", "G722", "opus", "G729"]);
    }

    [Theory]
    [InlineData("PCMU", 8000, 1, 0, 8000, 160, 160)]
    [InlineData("PCMA", 8000, 1, 8, 8000, 160, 160)]
    [InlineData("G722", 8000, 1, 9, 16000, 160, 320)]
    [InlineData("opus", 48000, 2, 111, 16000, 960, 320)]
    [InlineData("G729", 8000, 1, 18, 8000, 160, 160)]
    public void Codec_Description_MatchesRfc3551AndRfc7587(string name, int clock, int channels, int payloadType, int sampleRate, int timestampPerFrame, int frameSamples)
    {
        var codec = AudioCodecs.Find(name, clock).ShouldNotBeNull();
        codec.Channels.ShouldBe(channels);
        codec.PayloadType.ShouldBe(payloadType);
        codec.SampleRate.ShouldBe(sampleRate);
        codec.TimestampPerFrame.ShouldBe(timestampPerFrame);
        codec.FrameSamples.ShouldBe(frameSamples);
        codec.IsStatic.ShouldBe(payloadType < 96);
    }

    [Fact]
    public void Opus_RtpMapAndFmtp_OfferMonoWidebandWithFec()
    {
        AudioCodecs.Opus.RtpMapEncoding().ShouldBe("opus/48000/2");
        var fmtp = CodecParameters.ParseFmtp(AudioCodecs.Opus.Fmtp);
        fmtp["useinbandfec"].ShouldBe("1");
        fmtp["stereo"].ShouldBe("0");
        fmtp["maxplaybackrate"].ShouldBe("16000");
        AudioCodecs.Opus.HasNativePlc.ShouldBeTrue();
        AudioCodecs.G729.Fmtp.ShouldBe("annexb=no");
        AudioCodecs.Pcmu.Fmtp.ShouldBeNull();
    }

    [Fact]
    public void EModelCodec_UsesG113AppendixIValues()
    {
        AudioCodecs.Pcmu.EModelCodec.ShouldBe(EModelCodec.G711Plc);
        AudioCodecs.G729.EModelCodec.ShouldBe(new EModelCodec(11, 19));
        AudioCodecs.Opus.EModelCodec.ShouldBe(EModelCodec.Opus);
        EModelCodec.G711.ShouldBe(new EModelCodec(0, 4.3));
    }

    [Theory]
    [InlineData("pcmu", 8000)]
    [InlineData("OPUS", 48000)]
    [InlineData("g722", 8000)]
    public void Find_IgnoresCase(string name, int clock)
    {
        AudioCodecs.Find(name, clock).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("G722", 16000)]
    [InlineData("opus", 16000)]
    [InlineData("telephone-event", 8000)]
    [InlineData("CN", 8000)]
    [InlineData("speex", 8000)]
    public void Find_UnknownNameOrRate_ReturnsNull(string name, int clock)
    {
        AudioCodecs.Find(name, clock).ShouldBeNull();
    }

    [Fact]
    public void CreateEncoderAndDecoder_EveryCodec_WorkAtItsSampleRate()
    {
        foreach (var codec in AudioCodecs.All)
        {
            using var encoder = codec.CreateEncoder();
            using var decoder = codec.CreateDecoder();
            encoder.Codec.ShouldBeSameAs(codec);
            decoder.Codec.ShouldBeSameAs(codec);
            encoder.SampleRate.ShouldBe(codec.SampleRate);
            decoder.SampleRate.ShouldBe(codec.SampleRate);
            decoder.SupportsFec.ShouldBe(codec == AudioCodecs.Opus);
        }
    }

    // Encode, Decode, Conceal and DecodeFec allocate nothing (STYLE.md §4.1); the benchmarks check the same with [MemoryDiagnoser].
    [Fact]
    public void EncodeDecodeConceal_SteadyState_AllocateNothing()
    {
        foreach (var codec in AudioCodecs.All)
        {
            using var encoder = codec.CreateEncoder();
            using var decoder = codec.CreateDecoder();
            var signal = CodecSignals.SpeechLike(codec.SampleRate, 0.2);
            var payload = new byte[1500];
            var pcm = new short[codec.SampleRate * 120 / 1000];
            RunFrames(encoder, decoder, signal, payload, pcm); // warm up (JIT, tiering, first native calls)
            long before = GC.GetAllocatedBytesForCurrentThread();
            RunFrames(encoder, decoder, signal, payload, pcm);
            (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0, codec.ToString());
        }
    }

    private static void RunFrames(IAudioEncoder encoder, IAudioDecoder decoder, short[] signal, byte[] payload, short[] pcm)
    {
        int frame = encoder.SampleRate / 50;
        for (int offset = 0; offset + frame <= signal.Length; offset += frame)
        {
            int bytes = encoder.Encode(signal.AsSpan(offset, frame), payload);
            decoder.Decode(payload.AsSpan(0, bytes), pcm);
            decoder.DecodeFec(payload.AsSpan(0, bytes), pcm);
            decoder.Conceal(pcm);
        }
    }
}
