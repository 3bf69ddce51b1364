using System.Collections.ObjectModel;
using Softswitch.Media.Rtcp;
using Softswitch.Media.Rtp;

namespace Softswitch.Media.Codecs;

/// <summary>
/// The audio codecs this gateway speaks, with their RTP/SDP descriptions and encoder/decoder factories. RFC 4733
/// telephone-event and RFC 3389 comfort noise are not codecs and are not listed here (see <see cref="ComfortNoise"/>).
/// </summary>
public static class AudioCodecs
{
    /// <summary>G.711 μ-law: payload type 0, 8 kHz (RFC 3551 §4.5.14). Decoded with G.711 Appendix I style concealment.</summary>
    public static AudioCodecInfo Pcmu { get; } = new(
        "PCMU",
        8000,
        1,
        RtpPayloadTypes.Pcmu,
        8000,
        NewPcmuEncoder,
        NewPcmuDecoder)
    {
        EModelCodec = EModelCodec.G711Plc,
    };

    /// <summary>G.711 A-law: payload type 8, 8 kHz (RFC 3551 §4.5.14). Decoded with G.711 Appendix I style concealment.</summary>
    public static AudioCodecInfo Pcma { get; } = new(
        "PCMA",
        8000,
        1,
        RtpPayloadTypes.Pcma,
        8000,
        NewPcmaEncoder,
        NewPcmaDecoder)
    {
        EModelCodec = EModelCodec.G711Plc,
    };

    /// <summary>
    /// G.722 at 64 kbit/s: payload type 9, 16 kHz audio, but an RTP clock of 8000 (RFC 3551 §4.5.2), so a 20 ms frame is 320
    /// samples and advances the timestamp by 160.
    /// </summary>
    public static AudioCodecInfo G722 { get; } = new(
        "G722",
        8000,
        1,
        9,
        16000,
        NewG722Encoder,
        NewG722Decoder)
    {
        EModelCodec = EModelCodec.G722,
    };

    /// <summary>
    /// Opus (RFC 7587): dynamic payload type 111, rtpmap <c>opus/48000/2</c>, encoded and decoded mono at 16 kHz (wideband),
    /// with in-band FEC offered; its own concealment and FEC.
    /// </summary>
    public static AudioCodecInfo Opus { get; } = new(
        "opus",
        48000,
        2,
        111,
        16000,
        NewOpusEncoder,
        NewOpusDecoder)
    {
        Fmtp = "useinbandfec=1;stereo=0;sprop-stereo=0;maxplaybackrate=16000;sprop-maxcapturerate=16000",
        EModelCodec = EModelCodec.Opus,
        HasNativePlc = true,
    };

    /// <summary>G.729 Annex A: payload type 18, 8 kHz (RFC 3551 §4.5.6), offered with <c>annexb=no</c>; its own concealment.</summary>
    public static AudioCodecInfo G729 { get; } = new(
        "G729",
        8000,
        1,
        18,
        8000,
        NewG729Encoder,
        NewG729Decoder)
    {
        Fmtp = "annexb=no",
        EModelCodec = EModelCodec.G729A,
        HasNativePlc = true,
    };

    private static readonly Dictionary<AudioCodecInfo, string?> s_availability = [];

    /// <summary>Every codec, in our default order of preference: PCMU, PCMA, G722, opus, G729.</summary>
    public static IReadOnlyList<AudioCodecInfo> All { get; } = new ReadOnlyCollection<AudioCodecInfo>([Pcmu, Pcma, G722, Opus, G729]);

    /// <summary>Finds the codec with an rtpmap encoding name and clock rate.</summary>
    /// <param name="encodingName">The encoding name (case-insensitive), e.g. <c>opus</c>.</param>
    /// <param name="clockRate">The clock rate, e.g. 48000.</param>
    /// <returns>The codec, or null when we do not support it.</returns>
    public static AudioCodecInfo? Find(string encodingName, int clockRate)
    {
        ArgumentNullException.ThrowIfNull(encodingName);
        foreach (var codec in All)
        {
            if (codec.Matches(encodingName, clockRate))
            {
                return codec;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the codec's native library loads and its encoder and decoder can be created here (checked once per process).
    /// </summary>
    /// <param name="codec">The codec.</param>
    /// <param name="error">Why not: the message names the missing file and the Debian package to install.</param>
    /// <returns>True when the codec can be used.</returns>
    public static bool IsAvailable(AudioCodecInfo codec, out string? error)
    {
        ArgumentNullException.ThrowIfNull(codec);
        lock (s_availability)
        {
            if (!s_availability.TryGetValue(codec, out error))
            {
                try
                {
                    using var encoder = codec.CreateEncoder();
                    using var decoder = codec.CreateDecoder();
                    error = null;
                }
                catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
                {
                    error = e.Message;
                }

                s_availability[codec] = error;
            }

            return error is null;
        }
    }

    /// <summary>Finds a codec by its rtpmap encoding name alone (case-insensitive), as configuration lists them.</summary>
    /// <param name="encodingName">PCMU, PCMA, G722, opus or G729.</param>
    /// <returns>The codec, or null when we do not support it.</returns>
    public static AudioCodecInfo? FindByName(string encodingName)
    {
        ArgumentNullException.ThrowIfNull(encodingName);
        foreach (var codec in All)
        {
            if (string.Equals(codec.EncodingName, encodingName, StringComparison.OrdinalIgnoreCase))
            {
                return codec;
            }
        }

        return null;
    }

    private static IAudioEncoder NewPcmuEncoder(CodecParameters _) => new G711Encoder(Pcmu);

    private static IAudioDecoder NewPcmuDecoder(CodecParameters _) => new G711Decoder(Pcmu);

    private static IAudioEncoder NewPcmaEncoder(CodecParameters _) => new G711Encoder(Pcma);

    private static IAudioDecoder NewPcmaDecoder(CodecParameters _) => new G711Decoder(Pcma);

    private static IAudioEncoder NewG722Encoder(CodecParameters _) => new G722Encoder(G722);

    private static IAudioDecoder NewG722Decoder(CodecParameters _) => new G722Decoder(G722);

    private static IAudioEncoder NewOpusEncoder(CodecParameters parameters) => new OpusEncoder(Opus, parameters);

    private static IAudioDecoder NewOpusDecoder(CodecParameters _) => new OpusDecoder(Opus);

    private static IAudioEncoder NewG729Encoder(CodecParameters _) => new G729Encoder(G729);

    private static IAudioDecoder NewG729Decoder(CodecParameters _) => new G729Decoder(G729);
}
