using System.Runtime.InteropServices;
using Softswitch.Media.Native;
using Softswitch.Media.Rtp;

namespace Softswitch.Media.Codecs;

/// <summary>
/// <see cref="IAudioDecoder"/> for PCMU and PCMA over the <see cref="G711"/> tables, with spandsp's packet loss concealer
/// (pitch-period repetition with overlap-add and a 50 ms fade to silence, in the manner of ITU-T G.711 Appendix I): every
/// decoded frame goes through <c>plc_rx</c>, which keeps the history and smooths the first good frame after a loss, and
/// <see cref="Conceal"/> calls <c>plc_fillin</c>.
/// </summary>
internal sealed class G711Decoder : IAudioDecoder
{
    private const int FrameSamples = 160;
    private const int MaxSamples = 960; // 120 ms at 8 kHz

    private readonly bool _muLaw;
    private readonly PlcHandle _plc;

    /// <summary>Creates a decoder for <see cref="AudioCodecs.Pcmu"/> or <see cref="AudioCodecs.Pcma"/>.</summary>
    /// <param name="codec">A codec whose payload type is 0 or 8.</param>
    /// <exception cref="DllNotFoundException">libspandsp.so.2 is missing (the message names the package).</exception>
    public G711Decoder(AudioCodecInfo codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        if (!G711.IsG711(codec.PayloadType))
        {
            CodecThrowHelper.ThrowWrongCodec(codec, "G.711 (payload type 0 or 8)");
        }

        NativeLibraries.Load(NativeLibraries.SpanDsp);
        _plc = SpanDsp.PlcInit(IntPtr.Zero);
        if (_plc.IsInvalid)
        {
            _plc.Dispose();
            CodecThrowHelper.ThrowInitFailed("plc_init", 0);
        }

        Codec = codec;
        _muLaw = codec.PayloadType == RtpPayloadTypes.Pcmu;
    }

    /// <inheritdoc/>
    public AudioCodecInfo Codec { get; }

    /// <inheritdoc/>
    public int SampleRate => 8000;

    /// <inheritdoc/>
    public bool SupportsFec => false;

    /// <inheritdoc/>
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        if (payload.IsEmpty || payload.Length > MaxSamples || pcm.Length < payload.Length)
        {
            return -1;
        }

        int samples = _muLaw ? G711.DecodeMuLaw(payload, pcm) : G711.DecodeALaw(payload, pcm);
        SpanDsp.PlcRx(_plc, ref MemoryMarshal.GetReference(pcm), samples);
        return samples;
    }

    /// <inheritdoc/>
    public int Conceal(Span<short> pcm)
    {
        if (pcm.Length < FrameSamples)
        {
            CodecThrowHelper.ThrowPcmTooShort(FrameSamples);
        }

        return SpanDsp.PlcFillIn(_plc, ref MemoryMarshal.GetReference(pcm), FrameSamples);
    }

    /// <inheritdoc/>
    /// <remarks>G.711 has no FEC: always 0.</remarks>
    public int DecodeFec(ReadOnlySpan<byte> nextPayload, Span<short> pcm) => 0;

    /// <inheritdoc/>
    public void Dispose() => _plc.Dispose();
}
