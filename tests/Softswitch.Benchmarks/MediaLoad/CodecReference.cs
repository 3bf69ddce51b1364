using System.Diagnostics;
using Softswitch.Benchmarks.Media;
using Softswitch.Media.Codecs;

namespace Softswitch.Benchmarks.MediaLoad;

/// <summary>
/// The reference measured in the same run, before the load: raw libopus (called directly, no wrapper) encoding and decoding
/// 20 ms of a speech-like signal at 16 kHz with the gateway's default settings, wideband and narrowband (what the gateway codes
/// for audio that comes from a G.711 leg), and G.711 through the project's tables. From these, the least CPU a call could cost
/// in codec work alone.
/// </summary>
internal sealed record CodecReference(double OpusEncodeMicroseconds, double OpusEncodeNarrowbandMicroseconds, double OpusDecodeMicroseconds, double G711Microseconds)
{
    private const int Frames = 50;
    private const int Rounds = 40; // 2,000 frames each

    /// <summary>Codec work of one G.711 echo call per 20 ms (decode and encode), in % of a core.</summary>
    public double G711CallPercent => G711Microseconds * 50 / 1e4;

    /// <summary>
    /// Codec work of one transcoded call per 20 ms (Opus encode of the PCMU leg's audio, narrowband as the gateway does it, Opus
    /// decode, G.711 both ways), in % of a core.
    /// </summary>
    public double TranscodedCallPercent => (OpusEncodeNarrowbandMicroseconds + OpusDecodeMicroseconds + G711Microseconds) * 50 / 1e4;

    /// <summary>The same with a wideband Opus encode: what a transcoder that ignores the source's bandwidth pays.</summary>
    public double TranscodedWidebandCallPercent => (OpusEncodeMicroseconds + OpusDecodeMicroseconds + G711Microseconds) * 50 / 1e4;

    /// <summary>Measures, on the calling thread.</summary>
    /// <param name="opusComplexity">The gateway's Opus complexity.</param>
    public static CodecReference Measure(int opusComplexity)
    {
        var speech16 = new short[320 * Frames];
        var speech8 = new short[160 * Frames];
        SpeechSignal.Fill(speech16, 16000);
        SpeechSignal.Fill(speech8, 8000);
        var packets = new byte[Frames][];
        var payload = new byte[1500];
        var pcm = new short[5760];
        var encoder = RawOpus.CreateVoipEncoder(opusComplexity);
        var narrowEncoder = RawOpus.CreateVoipEncoder(opusComplexity, maxBandwidth: 1101);
        var decoder = RawOpus.DecoderCreate(16000, 1, out _);
        try
        {
            for (var i = 0; i < Frames; i++)
            {
                var length = RawOpus.Encode(encoder, ref speech16[i * 320], 320, ref payload[0], payload.Length);
                packets[i] = payload.AsSpan(0, length).ToArray();
            }

            var encode = Time(() =>
            {
                for (var i = 0; i < Frames; i++)
                {
                    RawOpus.Encode(encoder, ref speech16[i * 320], 320, ref payload[0], payload.Length);
                }
            });
            var encodeNarrow = Time(() =>
            {
                for (var i = 0; i < Frames; i++)
                {
                    RawOpus.Encode(narrowEncoder, ref speech16[i * 320], 320, ref payload[0], payload.Length);
                }
            });
            var decode = Time(() =>
            {
                for (var i = 0; i < Frames; i++)
                {
                    RawOpus.Decode(decoder, ref packets[i][0], packets[i].Length, ref pcm[0], pcm.Length, 0);
                }
            });

            using var g711Encoder = AudioCodecs.Pcmu.CreateEncoder();
            using var g711Decoder = AudioCodecs.Pcmu.CreateDecoder();
            var g711 = Time(() =>
            {
                for (var i = 0; i < Frames; i++)
                {
                    var bytes = g711Encoder.Encode(speech8.AsSpan(i * 160, 160), payload);
                    g711Decoder.Decode(payload.AsSpan(0, bytes), pcm);
                }
            });
            return new CodecReference(encode, encodeNarrow, decode, g711);
        }
        finally
        {
            RawOpus.EncoderDestroy(encoder);
            RawOpus.EncoderDestroy(narrowEncoder);
            RawOpus.DecoderDestroy(decoder);
        }
    }

    // Microseconds per frame: the best of several rounds (the least disturbed by anything else on the machine).
    private static double Time(Action fiftyFrames)
    {
        fiftyFrames();
        var best = double.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            fiftyFrames();
            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalMicroseconds / Frames);
        }

        return best;
    }
}
