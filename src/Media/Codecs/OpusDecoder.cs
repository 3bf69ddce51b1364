using System.Runtime.InteropServices;
using Softswitch.Media.Native;

namespace Softswitch.Media.Codecs;

/// <summary>
/// <see cref="IAudioDecoder"/> for Opus over libopus: mono output at 16 kHz (stereo packets are downmixed by libopus), any
/// packet duration up to 120 ms, libopus's own concealment for lost packets and in-band FEC (LBRR) recovery
/// (<see href="https://www.rfc-editor.org/rfc/rfc6716#section-4.2.4"/>).
/// </summary>
internal sealed class OpusDecoder : IAudioDecoder
{
    private const int Rate = 16000;
    private const int FrameSamples = Rate / 50;
    private const int MaxPacketSamples = Rate * 120 / 1000;
    private const int MaxFramesPerPacket = 48;

    private readonly OpusDecoderHandle _decoder;
    private readonly IntPtr[] _framePointers = new IntPtr[MaxFramesPerPacket];
    private readonly short[] _frameSizes = new short[MaxFramesPerPacket];

    /// <summary>Creates a decoder.</summary>
    /// <param name="codec">The Opus codec description (<see cref="AudioCodecs.Opus"/>).</param>
    /// <exception cref="DllNotFoundException">libopus.so.0 is missing (the message names the package).</exception>
    public OpusDecoder(AudioCodecInfo codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        if (codec.SampleRate != Rate)
        {
            CodecThrowHelper.ThrowWrongCodec(codec, "Opus at a 16 kHz sample rate");
        }

        NativeLibraries.Load(NativeLibraries.Opus);
        _decoder = Opus.DecoderCreate(Rate, 1, out int error);
        if (_decoder.IsInvalid || error != Opus.Ok)
        {
            _decoder.Dispose();
            CodecThrowHelper.ThrowInitFailed("opus_decoder_create", error);
        }

        Codec = codec;
    }

    /// <inheritdoc/>
    public AudioCodecInfo Codec { get; }

    /// <inheritdoc/>
    public int SampleRate => Rate;

    /// <inheritdoc/>
    public bool SupportsFec => true;

    /// <inheritdoc/>
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        if (payload.IsEmpty || pcm.IsEmpty)
        {
            return -1;
        }

        int samples = Opus.Decode(
            _decoder,
            ref MemoryMarshal.GetReference(payload),
            payload.Length,
            ref MemoryMarshal.GetReference(pcm),
            Math.Min(pcm.Length, MaxPacketSamples),
            0);
        return samples < 0 ? -1 : samples;
    }

    /// <inheritdoc/>
    public int Conceal(Span<short> pcm)
    {
        if (pcm.Length < FrameSamples)
        {
            CodecThrowHelper.ThrowPcmTooShort(FrameSamples);
        }

        int samples = Opus.DecodeLost(_decoder, IntPtr.Zero, 0, ref MemoryMarshal.GetReference(pcm), FrameSamples, 0);
        if (samples < 0)
        {
            pcm.Slice(0, FrameSamples).Clear();
        }

        return FrameSamples;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// libopus 1.3 silently falls back to concealment when asked for FEC from a packet without LBRR data, so the packet's LBRR
    /// flag is read first (as <c>opus_packet_has_lbrr</c> of libopus 1.5 does) and 0 is returned when there is none.
    /// </remarks>
    public int DecodeFec(ReadOnlySpan<byte> nextPayload, Span<short> pcm)
    {
        if (pcm.Length < FrameSamples)
        {
            CodecThrowHelper.ThrowPcmTooShort(FrameSamples);
        }

        if (!HasLbrr(nextPayload))
        {
            return 0;
        }

        int samples = Opus.Decode(
            _decoder,
            ref MemoryMarshal.GetReference(nextPayload),
            nextPayload.Length,
            ref MemoryMarshal.GetReference(pcm),
            FrameSamples,
            1);
        return samples < 0 ? 0 : samples;
    }

    /// <inheritdoc/>
    public void Dispose() => _decoder.Dispose();

    /// <summary>Whether <paramref name="packet"/> carries SILK LBRR (FEC) data for the frame before it.</summary>
    /// <param name="packet">An Opus packet.</param>
    /// <returns>True when its first SILK frame's header sets an LBRR flag.</returns>
    internal bool HasLbrr(ReadOnlySpan<byte> packet)
    {
        if (packet.IsEmpty)
        {
            return false;
        }

        byte toc = packet[0];
        if (toc >> 3 >= 16)
        {
            return false; // configurations 16-31 are CELT-only: no SILK layer, no LBRR
        }

        ref byte first = ref MemoryMarshal.GetReference(packet);
        int count = Opus.PacketParse(ref first, packet.Length, out _, ref _framePointers[0], ref _frameSizes[0], out int offset);
        if (count <= 0 || _frameSizes[0] == 0 || offset >= packet.Length)
        {
            return false;
        }

        // The SILK header opens with one VAD flag per 20 ms SILK frame and then the LBRR flag, per channel (RFC 6716 §4.2.3);
        // these are coded with probability 1/2, so they are the leading bits of the first frame's first byte.
        int samplesPerFrame = Opus.PacketGetSamplesPerFrame(ref first, 48000);
        int silkFrames = samplesPerFrame > 960 ? samplesPerFrame / 960 : 1;
        int header = packet[offset];
        bool lbrr = ((header >> (7 - silkFrames)) & 1) != 0;
        if ((toc & 0x04) != 0)
        {
            lbrr |= ((header >> (6 - (2 * silkFrames))) & 1) != 0;
        }

        return lbrr;
    }
}
