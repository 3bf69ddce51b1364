using Softswitch.Media.Rtcp;

namespace Softswitch.Media.Codecs;

/// <summary>
/// What SDP and the RTP session need to know about one audio codec: its rtpmap name, RTP clock rate and channels, its static
/// payload type (or the dynamic one we offer), the PCM rate its encoder and decoder work at, default fmtp parameters, and
/// factories for encoders and decoders. The known codecs are listed by <c>AudioCodecs</c>.
/// </summary>
public sealed class AudioCodecInfo
{
    private readonly Func<CodecParameters, IAudioEncoder> _createEncoder;
    private readonly Func<CodecParameters, IAudioDecoder> _createDecoder;

    /// <summary>Creates a codec description.</summary>
    /// <param name="encodingName">The rtpmap encoding name (PCMU, PCMA, G722, opus, G729).</param>
    /// <param name="clockRate">The RTP clock rate (8000 for G.722 per RFC 3551 §4.5.2, 48000 for Opus per RFC 7587).</param>
    /// <param name="channels">The rtpmap channel count (2 for Opus per RFC 7587 §7, else 1).</param>
    /// <param name="payloadType">The static payload type, or the dynamic one we put in offers.</param>
    /// <param name="sampleRate">The PCM rate of the encoder and decoder (8000 or 16000).</param>
    /// <param name="createEncoder">Creates an encoder.</param>
    /// <param name="createDecoder">Creates a decoder.</param>
    public AudioCodecInfo(string encodingName, int clockRate, int channels, int payloadType, int sampleRate, Func<CodecParameters, IAudioEncoder> createEncoder, Func<CodecParameters, IAudioDecoder> createDecoder)
    {
        ArgumentException.ThrowIfNullOrEmpty(encodingName);
        ArgumentNullException.ThrowIfNull(createEncoder);
        ArgumentNullException.ThrowIfNull(createDecoder);
        EncodingName = encodingName;
        ClockRate = clockRate;
        Channels = channels;
        PayloadType = payloadType;
        SampleRate = sampleRate;
        _createEncoder = createEncoder;
        _createDecoder = createDecoder;
    }

    /// <summary>The rtpmap encoding name.</summary>
    public string EncodingName { get; }

    /// <summary>The RTP timestamp clock rate.</summary>
    public int ClockRate { get; }

    /// <summary>The rtpmap channel count (1 omitted in SDP).</summary>
    public int Channels { get; }

    /// <summary>The static payload type (0-95) or the dynamic one we offer (96-127).</summary>
    public int PayloadType { get; }

    /// <summary>Whether <see cref="PayloadType"/> is a static RFC 3551 assignment.</summary>
    public bool IsStatic => PayloadType < 96;

    /// <summary>PCM rate of the encoder's input and the decoder's output.</summary>
    public int SampleRate { get; }

    /// <summary>The highest audio frequency the codec carries: half its PCM rate (4000 Hz for G.711 and G.729, 8000 Hz for G.722 and Opus here).</summary>
    public int AudioBandwidth => SampleRate / 2;

    /// <summary>RTP timestamp units per 20 ms frame.</summary>
    public int TimestampPerFrame => ClockRate / 50;

    /// <summary>PCM samples per 20 ms frame at <see cref="SampleRate"/>.</summary>
    public int FrameSamples => SampleRate / 50;

    /// <summary>The fmtp we put in offers and answers (null for none), e.g. <c>useinbandfec=1;stereo=0</c> for Opus.</summary>
    public string? Fmtp { get; init; }

    /// <summary>The E-model equipment impairment class for MOS estimates.</summary>
    public EModelCodec EModelCodec { get; init; } = EModelCodec.G711;

    /// <summary>Whether the codec has its own packet loss concealment (otherwise the session's PLC is used).</summary>
    public bool HasNativePlc { get; init; }

    /// <summary>The rtpmap value after the payload type, e.g. <c>opus/48000/2</c>.</summary>
    /// <returns>The rtpmap encoding part.</returns>
    public string RtpMapEncoding() => Channels > 1 ? $"{EncodingName}/{ClockRate}/{Channels}" : $"{EncodingName}/{ClockRate}";

    /// <summary>Creates an encoder.</summary>
    /// <param name="parameters">The remote fmtp and our settings.</param>
    /// <returns>A new encoder the caller disposes.</returns>
    /// <exception cref="DllNotFoundException">The codec's native library is missing (the message names the Debian package).</exception>
    public IAudioEncoder CreateEncoder(CodecParameters? parameters = null) => _createEncoder(parameters ?? CodecParameters.Default);

    /// <summary>Creates a decoder.</summary>
    /// <param name="parameters">The remote fmtp and our settings.</param>
    /// <returns>A new decoder the caller disposes.</returns>
    /// <exception cref="DllNotFoundException">The codec's native library is missing (the message names the Debian package).</exception>
    public IAudioDecoder CreateDecoder(CodecParameters? parameters = null) => _createDecoder(parameters ?? CodecParameters.Default);

    /// <summary>Whether this codec is <paramref name="encodingName"/>/<paramref name="clockRate"/> (names compare case-insensitively).</summary>
    /// <param name="encodingName">An rtpmap encoding name.</param>
    /// <param name="clockRate">An rtpmap clock rate.</param>
    /// <returns>True when they match.</returns>
    public bool Matches(string encodingName, int clockRate) =>
        clockRate == ClockRate && string.Equals(encodingName, EncodingName, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override string ToString() => RtpMapEncoding();
}
