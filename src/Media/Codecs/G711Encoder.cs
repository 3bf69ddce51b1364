using Softswitch.Media.Rtp;

namespace Softswitch.Media.Codecs;

/// <summary>
/// <see cref="IAudioEncoder"/> for PCMU and PCMA over the <see cref="G711"/> tables: one byte per 8 kHz sample, stateless.
/// </summary>
internal sealed class G711Encoder : IAudioEncoder
{
    private readonly bool _muLaw;

    /// <summary>Creates an encoder for <see cref="AudioCodecs.Pcmu"/> or <see cref="AudioCodecs.Pcma"/>.</summary>
    /// <param name="codec">A codec whose payload type is 0 or 8.</param>
    public G711Encoder(AudioCodecInfo codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        if (!G711.IsG711(codec.PayloadType))
        {
            CodecThrowHelper.ThrowWrongCodec(codec, "G.711 (payload type 0 or 8)");
        }

        Codec = codec;
        _muLaw = codec.PayloadType == RtpPayloadTypes.Pcmu;
    }

    /// <inheritdoc/>
    public AudioCodecInfo Codec { get; }

    /// <inheritdoc/>
    public int SampleRate => 8000;

    /// <inheritdoc/>
    /// <remarks>Any number of samples is accepted; the payload is one byte per sample.</remarks>
    public int Encode(ReadOnlySpan<short> frame, Span<byte> payload) =>
        _muLaw ? G711.EncodeMuLaw(frame, payload) : G711.EncodeALaw(frame, payload);

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
