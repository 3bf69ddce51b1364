using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Softswitch.Media.Codecs;

namespace Softswitch.Benchmarks.Media;

/// <summary>
/// One 20 ms frame through each codec wrapper (G.711 with its PLC bookkeeping, G.722, Opus, G.729), and, as the reference for
/// the wrapper's overhead, libopus called straight through P/Invoke on raw pointers with the same settings.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private const int Frames = 50;
    private const string LibOpus = "libopus.so.0";

    private readonly short[] _speech8 = new short[Frames * 160];
    private readonly short[] _speech16 = new short[Frames * 320];
    private readonly byte[][] _opusPackets = new byte[Frames][];
    private readonly byte[] _payload = new byte[1500];
    private readonly short[] _pcm = new short[1920];
    private IAudioEncoder _g711Encoder = null!;
    private IAudioDecoder _g711Decoder = null!;
    private IAudioEncoder _g722Encoder = null!;
    private IAudioDecoder _g722Decoder = null!;
    private IAudioEncoder _opusEncoder = null!;
    private IAudioDecoder _opusDecoder = null!;
    private IAudioEncoder _g729Encoder = null!;
    private IAudioDecoder _g729Decoder = null!;
    private IntPtr _rawEncoder;
    private IntPtr _rawDecoder;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        FillSpeech(_speech8, 8000);
        FillSpeech(_speech16, 16000);
        _g711Encoder = AudioCodecs.Pcmu.CreateEncoder();
        _g711Decoder = AudioCodecs.Pcmu.CreateDecoder();
        _g722Encoder = AudioCodecs.G722.CreateEncoder();
        _g722Decoder = AudioCodecs.G722.CreateDecoder();
        _opusEncoder = AudioCodecs.Opus.CreateEncoder();
        _opusDecoder = AudioCodecs.Opus.CreateDecoder();
        _g729Encoder = AudioCodecs.G729.CreateEncoder();
        _g729Decoder = AudioCodecs.G729.CreateDecoder();

        using (var encoder = AudioCodecs.Opus.CreateEncoder())
        {
            for (int i = 0; i < Frames; i++)
            {
                _opusPackets[i] = _payload.AsSpan(0, encoder.Encode(_speech16.AsSpan(i * 320, 320), _payload)).ToArray();
            }
        }

        // The same settings as the wrapper's defaults: VOIP, voice, 24 kbit/s, wideband, in-band FEC at 5 % loss, no DTX.
        _rawEncoder = RawEncoderCreate(16000, 1, 2048, out _);
        RawEncoderCtl(_rawEncoder, 4024, 3001);
        RawEncoderCtl(_rawEncoder, 4002, 24000);
        RawEncoderCtl(_rawEncoder, 4004, 1103);
        RawEncoderCtl(_rawEncoder, 4012, 1);
        RawEncoderCtl(_rawEncoder, 4014, 5);
        _rawDecoder = RawDecoderCreate(16000, 1, out _);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _g711Encoder.Dispose();
        _g711Decoder.Dispose();
        _g722Encoder.Dispose();
        _g722Decoder.Dispose();
        _opusEncoder.Dispose();
        _opusDecoder.Dispose();
        _g729Encoder.Dispose();
        _g729Decoder.Dispose();
        RawEncoderDestroy(_rawEncoder);
        RawDecoderDestroy(_rawDecoder);
    }

    [Benchmark]
    public int G711EncodeDecode()
    {
        var frame = _speech8.AsSpan(Next() * 160, 160);
        int bytes = _g711Encoder.Encode(frame, _payload);
        return _g711Decoder.Decode(_payload.AsSpan(0, bytes), _pcm);
    }

    [Benchmark]
    public int G722EncodeDecode()
    {
        var frame = _speech16.AsSpan(Next() * 320, 320);
        int bytes = _g722Encoder.Encode(frame, _payload);
        return _g722Decoder.Decode(_payload.AsSpan(0, bytes), _pcm);
    }

    [Benchmark]
    public int OpusEncode() => _opusEncoder.Encode(_speech16.AsSpan(Next() * 320, 320), _payload);

    [Benchmark]
    public int OpusDecode() => _opusDecoder.Decode(_opusPackets[Next()], _pcm);

    [Benchmark]
    public int RawOpusEncode() => RawEncode(_rawEncoder, ref _speech16[Next() * 320], 320, ref _payload[0], _payload.Length);

    [Benchmark]
    public int RawOpusDecode()
    {
        byte[] packet = _opusPackets[Next()];
        return RawDecode(_rawDecoder, ref packet[0], packet.Length, ref _pcm[0], _pcm.Length, 0);
    }

    [Benchmark]
    public int G729EncodeDecode()
    {
        var frame = _speech8.AsSpan(Next() * 160, 160);
        int bytes = _g729Encoder.Encode(frame, _payload);
        return _g729Decoder.Decode(_payload.AsSpan(0, bytes), _pcm);
    }

    private int Next()
    {
        int next = _next;
        _next = next + 1 == Frames ? 0 : next + 1;
        return next;
    }

    // Harmonics of a gliding 110-190 Hz fundamental under a 4 Hz syllabic envelope, about -20 dBov.
    private static void FillSpeech(short[] pcm, int sampleRate)
    {
        double phase = 0;
        for (int n = 0; n < pcm.Length; n++)
        {
            double t = (double)n / sampleRate;
            phase += 2 * Math.PI * (150 + (40 * Math.Sin(2 * Math.PI * 0.7 * t))) / sampleRate;
            double value = 0;
            for (int k = 1; k <= 12; k++)
            {
                value += Math.Sin(k * phase) / k;
            }

            pcm[n] = (short)(5000 * (0.15 + (0.85 * Math.Pow(Math.Sin(Math.PI * 4 * t), 2))) * value);
        }
    }

    [DllImport(LibOpus, EntryPoint = "opus_encoder_create")]
    private static extern IntPtr RawEncoderCreate(int sampleRate, int channels, int application, out int error);

    // Variadic in C; a fixed (pointer, int, int) signature is ABI-compatible on x86-64 System V for integer arguments.
    [DllImport(LibOpus, EntryPoint = "opus_encoder_ctl")]
    private static extern int RawEncoderCtl(IntPtr encoder, int request, int value);

    [DllImport(LibOpus, EntryPoint = "opus_encode")]
    private static extern int RawEncode(IntPtr encoder, ref short pcm, int frameSize, ref byte data, int maxDataBytes);

    [DllImport(LibOpus, EntryPoint = "opus_encoder_destroy")]
    private static extern void RawEncoderDestroy(IntPtr encoder);

    [DllImport(LibOpus, EntryPoint = "opus_decoder_create")]
    private static extern IntPtr RawDecoderCreate(int sampleRate, int channels, out int error);

    [DllImport(LibOpus, EntryPoint = "opus_decode")]
    private static extern int RawDecode(IntPtr decoder, ref byte data, int length, ref short pcm, int frameSize, int decodeFec);

    [DllImport(LibOpus, EntryPoint = "opus_decoder_destroy")]
    private static extern void RawDecoderDestroy(IntPtr decoder);
}
