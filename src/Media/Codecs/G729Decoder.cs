using System.Runtime.InteropServices;
using Softswitch.Media.Native;

namespace Softswitch.Media.Codecs;

/// <summary>
/// <see cref="IAudioDecoder"/> for G.729 (Annex A, reads Annex B) over bcg729: 8 kHz output, 80 samples per 10-byte frame.
/// A payload is any number of 10-byte frames optionally followed by one 2-byte Annex B SID frame (RFC 3551 §4.5.6); a SID
/// frame is decoded as 10 ms of comfort noise, although we offer <c>annexb=no</c>. Lost frames use the G.729 frame erasure
/// concealment built into the decoder.
/// </summary>
internal sealed class G729Decoder : IAudioDecoder
{
    private const int FrameSamples = 160;
    private const int MaxFrames = 12; // 120 ms

    private readonly Bcg729DecoderHandle _decoder;
    private readonly byte[] _erased = new byte[Bcg729.FrameBytes];

    /// <summary>Creates a decoder.</summary>
    /// <param name="codec">The G.729 codec description (<see cref="AudioCodecs.G729"/>).</param>
    /// <exception cref="DllNotFoundException">libbcg729.so.0 is missing (the message names the package).</exception>
    public G729Decoder(AudioCodecInfo codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        if (codec.SampleRate != 8000)
        {
            CodecThrowHelper.ThrowWrongCodec(codec, "G.729 at 8 kHz");
        }

        NativeLibraries.Load(NativeLibraries.Bcg729);
        _decoder = Bcg729.InitDecoderChannel();
        if (_decoder.IsInvalid)
        {
            _decoder.Dispose();
            CodecThrowHelper.ThrowInitFailed("initBcg729DecoderChannel", 0);
        }

        Codec = codec;
    }

    /// <inheritdoc/>
    public AudioCodecInfo Codec { get; }

    /// <inheritdoc/>
    public int SampleRate => 8000;

    /// <inheritdoc/>
    public bool SupportsFec => false;

    /// <inheritdoc/>
    /// <remarks>-1 when the length is not 10·n or 10·n + 2 bytes, exceeds 120 ms, or does not fit the destination.</remarks>
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        int voiceFrames = Math.DivRem(payload.Length, Bcg729.FrameBytes, out int rest);
        bool sid = rest == Bcg729.SidFrameBytes;
        int frames = voiceFrames + (sid ? 1 : 0);
        if (frames == 0 || frames > MaxFrames || (rest != 0 && !sid) || pcm.Length < frames * Bcg729.FrameSamples)
        {
            return -1;
        }

        for (int i = 0; i < voiceFrames; i++)
        {
            Bcg729.Decoder(
                _decoder,
                ref MemoryMarshal.GetReference(payload.Slice(i * Bcg729.FrameBytes)),
                Bcg729.FrameBytes,
                0,
                0,
                0,
                ref MemoryMarshal.GetReference(pcm.Slice(i * Bcg729.FrameSamples)));
        }

        if (sid)
        {
            Bcg729.Decoder(
                _decoder,
                ref MemoryMarshal.GetReference(payload.Slice(voiceFrames * Bcg729.FrameBytes)),
                Bcg729.SidFrameBytes,
                0,
                1,
                0,
                ref MemoryMarshal.GetReference(pcm.Slice(voiceFrames * Bcg729.FrameSamples)));
        }

        return frames * Bcg729.FrameSamples;
    }

    /// <inheritdoc/>
    public int Conceal(Span<short> pcm)
    {
        if (pcm.Length < FrameSamples)
        {
            CodecThrowHelper.ThrowPcmTooShort(FrameSamples);
        }

        for (int i = 0; i < FrameSamples; i += Bcg729.FrameSamples)
        {
            Bcg729.Decoder(_decoder, ref _erased[0], Bcg729.FrameBytes, 1, 0, 0, ref MemoryMarshal.GetReference(pcm.Slice(i)));
        }

        return FrameSamples;
    }

    /// <inheritdoc/>
    /// <remarks>G.729 has no FEC: always 0.</remarks>
    public int DecodeFec(ReadOnlySpan<byte> nextPayload, Span<short> pcm) => 0;

    /// <inheritdoc/>
    public void Dispose() => _decoder.Dispose();
}
