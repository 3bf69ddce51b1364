using System.Runtime.InteropServices;
using Softswitch.Media.Native;

namespace Softswitch.Media.Codecs;

/// <summary>
/// <see cref="IAudioEncoder"/> for G.722 at 64 kbit/s over spandsp: 16 kHz input, one byte per two samples (160 bytes per
/// 20 ms). The RTP clock is 8000 although the audio is sampled at 16 kHz (RFC 3551 §4.5.2).
/// </summary>
internal sealed class G722Encoder : IAudioEncoder
{
    private const int BitRate = 64000;

    private readonly G722EncoderHandle _encoder;

    /// <summary>Creates an encoder.</summary>
    /// <param name="codec">The G.722 codec description (<see cref="AudioCodecs.G722"/>).</param>
    /// <exception cref="DllNotFoundException">libspandsp.so.2 is missing (the message names the package).</exception>
    public G722Encoder(AudioCodecInfo codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        if (codec.SampleRate != 16000)
        {
            CodecThrowHelper.ThrowWrongCodec(codec, "G.722 at a 16 kHz sample rate");
        }

        NativeLibraries.Load(NativeLibraries.SpanDsp);
        _encoder = SpanDsp.G722EncodeInit(IntPtr.Zero, BitRate, 0);
        if (_encoder.IsInvalid)
        {
            _encoder.Dispose();
            CodecThrowHelper.ThrowInitFailed("g722_encode_init", 0);
        }

        Codec = codec;
    }

    /// <inheritdoc/>
    public AudioCodecInfo Codec { get; }

    /// <inheritdoc/>
    public int SampleRate => 16000;

    /// <inheritdoc/>
    /// <remarks>Any even, non-zero number of samples is accepted (the QMF consumes sample pairs).</remarks>
    public int Encode(ReadOnlySpan<short> frame, Span<byte> payload)
    {
        if (frame.IsEmpty || (frame.Length & 1) != 0)
        {
            CodecThrowHelper.ThrowFrameLength(frame.Length, "an even number such as 320 (20 ms at 16 kHz)");
        }

        int bytes = frame.Length / 2;
        if (payload.Length < bytes)
        {
            CodecThrowHelper.ThrowPayloadTooShort(bytes);
        }

        return SpanDsp.G722Encode(_encoder, ref MemoryMarshal.GetReference(payload), ref MemoryMarshal.GetReference(frame), frame.Length);
    }

    /// <inheritdoc/>
    public void Dispose() => _encoder.Dispose();
}
