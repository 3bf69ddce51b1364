using System.Runtime.InteropServices;
using Softswitch.Media.Native;

namespace Softswitch.Media.Codecs;

/// <summary>
/// <see cref="IAudioDecoder"/> for G.722 at 64 kbit/s over spandsp, 16 kHz output. spandsp's concealer is built for 8 kHz,
/// so lost frames are concealed by <see cref="PitchRepetitionConcealer"/>, the same pitch-repetition algorithm scaled to
/// 16 kHz. The ADPCM state is not touched during a loss; it re-adapts on the next good packets,
/// whose start is cross-faded with the concealment.
/// </summary>
internal sealed class G722Decoder : IAudioDecoder
{
    private const int Rate = 16000;
    private const int FrameSamples = Rate / 50;
    private const int MaxPayloadBytes = 960; // 120 ms

    private readonly G722DecoderHandle _decoder;
    private readonly PitchRepetitionConcealer _concealer = new(Rate);

    /// <summary>Creates a decoder.</summary>
    /// <param name="codec">The G.722 codec description (<see cref="AudioCodecs.G722"/>).</param>
    /// <exception cref="DllNotFoundException">libspandsp.so.2 is missing (the message names the package).</exception>
    public G722Decoder(AudioCodecInfo codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        if (codec.SampleRate != Rate)
        {
            CodecThrowHelper.ThrowWrongCodec(codec, "G.722 at a 16 kHz sample rate");
        }

        NativeLibraries.Load(NativeLibraries.SpanDsp);
        _decoder = SpanDsp.G722DecodeInit(IntPtr.Zero, 64000, 0);
        if (_decoder.IsInvalid)
        {
            _decoder.Dispose();
            CodecThrowHelper.ThrowInitFailed("g722_decode_init", 0);
        }

        Codec = codec;
    }

    /// <inheritdoc/>
    public AudioCodecInfo Codec { get; }

    /// <inheritdoc/>
    public int SampleRate => Rate;

    /// <inheritdoc/>
    public bool SupportsFec => false;

    /// <inheritdoc/>
    /// <remarks>Every byte string is valid G.722; -1 only for an empty payload, one over 120 ms, or a short destination.</remarks>
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        if (payload.IsEmpty || payload.Length > MaxPayloadBytes || pcm.Length < 2 * payload.Length)
        {
            return -1;
        }

        int samples = SpanDsp.G722Decode(_decoder, ref MemoryMarshal.GetReference(pcm), ref MemoryMarshal.GetReference(payload), payload.Length);
        if (samples <= 0)
        {
            return -1;
        }

        _concealer.Receive(pcm.Slice(0, samples));
        return samples;
    }

    /// <inheritdoc/>
    public int Conceal(Span<short> pcm)
    {
        if (pcm.Length < FrameSamples)
        {
            CodecThrowHelper.ThrowPcmTooShort(FrameSamples);
        }

        _concealer.Conceal(pcm.Slice(0, FrameSamples));
        return FrameSamples;
    }

    /// <inheritdoc/>
    /// <remarks>G.722 has no FEC: always 0.</remarks>
    public int DecodeFec(ReadOnlySpan<byte> nextPayload, Span<short> pcm) => 0;

    /// <inheritdoc/>
    public void Dispose() => _decoder.Dispose();
}
