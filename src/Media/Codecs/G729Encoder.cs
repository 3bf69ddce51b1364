using System.Runtime.InteropServices;
using Softswitch.Media.Native;

namespace Softswitch.Media.Codecs;

/// <summary>
/// <see cref="IAudioEncoder"/> for G.729 Annex A over bcg729: 8 kHz input, one 10-byte frame per 10 ms, so 20 bytes per
/// 20 ms packet (<see href="https://www.rfc-editor.org/rfc/rfc3551#section-4.5.6"/>). VAD/DTX (Annex B) is off: we offer
/// <c>annexb=no</c>.
/// </summary>
internal sealed class G729Encoder : IAudioEncoder
{
    private readonly Bcg729EncoderHandle _encoder;

    /// <summary>Creates an encoder.</summary>
    /// <param name="codec">The G.729 codec description (<see cref="AudioCodecs.G729"/>).</param>
    /// <exception cref="DllNotFoundException">libbcg729.so.0 is missing (the message names the package).</exception>
    public G729Encoder(AudioCodecInfo codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        if (codec.SampleRate != 8000)
        {
            CodecThrowHelper.ThrowWrongCodec(codec, "G.729 at 8 kHz");
        }

        NativeLibraries.Load(NativeLibraries.Bcg729);
        _encoder = Bcg729.InitEncoderChannel(0);
        if (_encoder.IsInvalid)
        {
            _encoder.Dispose();
            CodecThrowHelper.ThrowInitFailed("initBcg729EncoderChannel", 0);
        }

        Codec = codec;
    }

    /// <inheritdoc/>
    public AudioCodecInfo Codec { get; }

    /// <inheritdoc/>
    public int SampleRate => 8000;

    /// <inheritdoc/>
    /// <remarks>Any non-zero multiple of 80 samples (10 ms) is accepted; 160 gives the usual 20-byte payload.</remarks>
    public int Encode(ReadOnlySpan<short> frame, Span<byte> payload)
    {
        if (frame.IsEmpty || frame.Length % Bcg729.FrameSamples != 0)
        {
            CodecThrowHelper.ThrowFrameLength(frame.Length, "a multiple of 80 such as 160 (20 ms at 8 kHz)");
        }

        int frames = frame.Length / Bcg729.FrameSamples;
        if (payload.Length < frames * Bcg729.FrameBytes)
        {
            CodecThrowHelper.ThrowPayloadTooShort(frames * Bcg729.FrameBytes);
        }

        int written = 0;
        for (int i = 0; i < frames; i++)
        {
            Bcg729.Encoder(
                _encoder,
                ref MemoryMarshal.GetReference(frame.Slice(i * Bcg729.FrameSamples)),
                ref MemoryMarshal.GetReference(payload.Slice(written)),
                out byte length);
            written += length;
        }

        return written;
    }

    /// <inheritdoc/>
    public void Dispose() => _encoder.Dispose();
}
