using Softswitch.Benchmarks.Media;
using Softswitch.Media.Codecs;

namespace Softswitch.Benchmarks.MediaLoad;

/// <summary>
/// What a load call sends: one second of a speech-like signal encoded once, before the run, in the call's codec, and replayed in
/// a loop, so the generator spends nothing on codecs while the gateway decodes real payloads.
/// </summary>
internal sealed class MediaLoadStream
{
    private const int Frames = 50;

    private MediaLoadStream(AudioCodecInfo codec, int payloadType, string sdpFormat, byte[][] frames)
    {
        Codec = codec;
        PayloadType = payloadType;
        SdpFormat = sdpFormat;
        FrameList = frames;
    }

    /// <summary>The codec.</summary>
    public AudioCodecInfo Codec { get; }

    /// <summary>The RTP payload type offered and sent.</summary>
    public int PayloadType { get; }

    /// <summary>The SDP lines after the m= line that describe the format.</summary>
    public string SdpFormat { get; }

    /// <summary>The encoded frames, 20 ms each.</summary>
    public IReadOnlyList<byte[]> FrameList { get; }

    /// <summary>G.711 μ-law, payload type 0.</summary>
    public static MediaLoadStream Pcmu() => Create(AudioCodecs.Pcmu, 0, "a=rtpmap:0 PCMU/8000\r\n");

    /// <summary>Opus at 16 kHz inside its 48 kHz RTP clock (RFC 7587), payload type 111, with in-band FEC.</summary>
    public static MediaLoadStream Opus() => Create(AudioCodecs.Opus, 111, "a=rtpmap:111 opus/48000/2\r\na=fmtp:111 useinbandfec=1\r\n");

    private static MediaLoadStream Create(AudioCodecInfo codec, int payloadType, string sdpFormat)
    {
        var speech = new short[codec.FrameSamples * Frames];
        SpeechSignal.Fill(speech, codec.SampleRate);
        var frames = new byte[Frames][];
        var payload = new byte[1500];
        using var encoder = codec.CreateEncoder();
        for (var i = 0; i < Frames; i++)
        {
            var length = encoder.Encode(speech.AsSpan(i * codec.FrameSamples, codec.FrameSamples), payload);
            frames[i] = payload.AsSpan(0, length).ToArray();
        }

        return new MediaLoadStream(codec, payloadType, sdpFormat, frames);
    }
}
