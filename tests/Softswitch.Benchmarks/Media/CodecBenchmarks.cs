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
        SpeechSignal.Fill(_speech8, 8000);
        SpeechSignal.Fill(_speech16, 16000);
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
        _rawEncoder = RawOpus.CreateVoipEncoder(complexity: 5);
        _rawDecoder = RawOpus.DecoderCreate(16000, 1, out _);
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
        RawOpus.EncoderDestroy(_rawEncoder);
        RawOpus.DecoderDestroy(_rawDecoder);
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
    public int RawOpusEncode() => RawOpus.Encode(_rawEncoder, ref _speech16[Next() * 320], 320, ref _payload[0], _payload.Length);

    [Benchmark]
    public int RawOpusDecode()
    {
        byte[] packet = _opusPackets[Next()];
        return RawOpus.Decode(_rawDecoder, ref packet[0], packet.Length, ref _pcm[0], _pcm.Length, 0);
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
}
