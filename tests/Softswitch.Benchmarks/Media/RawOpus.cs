using System.Runtime.InteropServices;

namespace Softswitch.Benchmarks.Media;

/// <summary>libopus called directly, with no wrapper: the reference the project's codec bindings are measured against.</summary>
internal static class RawOpus
{
    /// <summary>The library Debian's libopus0 installs.</summary>
    public const string LibOpus = "libopus.so.0";

    /// <summary>OPUS_APPLICATION_VOIP.</summary>
    public const int ApplicationVoip = 2048;

    /// <summary>
    /// A 16 kHz mono encoder with the project wrapper's defaults: VOIP, voice signal, 24 kbit/s, wideband, in-band FEC at 5 %
    /// expected loss, no DTX.
    /// </summary>
    /// <param name="complexity">Encoder complexity 0-10.</param>
    /// <param name="maxBandwidth">OPUS_SET_MAX_BANDWIDTH: 1103 (wideband, the default) or 1101 (narrowband, what the gateway codes for audio from a G.711 leg).</param>
    /// <returns>The encoder; free it with <see cref="EncoderDestroy"/>.</returns>
    public static IntPtr CreateVoipEncoder(int complexity, int maxBandwidth = 1103)
    {
        IntPtr encoder = EncoderCreate(16000, 1, ApplicationVoip, out int error);
        if (error != 0 || encoder == IntPtr.Zero)
        {
            throw new InvalidOperationException($"opus_encoder_create failed: {error}");
        }

        EncoderCtl(encoder, 4024, 3001); // OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE)
        EncoderCtl(encoder, 4002, 24000); // OPUS_SET_BITRATE
        EncoderCtl(encoder, 4004, maxBandwidth); // OPUS_SET_MAX_BANDWIDTH (1101 narrowband, 1103 wideband)
        EncoderCtl(encoder, 4012, 1); // OPUS_SET_INBAND_FEC
        EncoderCtl(encoder, 4014, 5); // OPUS_SET_PACKET_LOSS_PERC
        EncoderCtl(encoder, 4010, complexity); // OPUS_SET_COMPLEXITY
        return encoder;
    }

    [DllImport(LibOpus, EntryPoint = "opus_encoder_create")]
    public static extern IntPtr EncoderCreate(int sampleRate, int channels, int application, out int error);

    // Variadic in C; a fixed (pointer, int, int) signature is ABI-compatible on x86-64 System V for integer arguments.
    [DllImport(LibOpus, EntryPoint = "opus_encoder_ctl")]
    public static extern int EncoderCtl(IntPtr encoder, int request, int value);

    [DllImport(LibOpus, EntryPoint = "opus_encode")]
    public static extern int Encode(IntPtr encoder, ref short pcm, int frameSize, ref byte data, int maxDataBytes);

    [DllImport(LibOpus, EntryPoint = "opus_encoder_destroy")]
    public static extern void EncoderDestroy(IntPtr encoder);

    [DllImport(LibOpus, EntryPoint = "opus_decoder_create")]
    public static extern IntPtr DecoderCreate(int sampleRate, int channels, out int error);

    [DllImport(LibOpus, EntryPoint = "opus_decode")]
    public static extern int Decode(IntPtr decoder, ref byte data, int length, ref short pcm, int frameSize, int decodeFec);

    [DllImport(LibOpus, EntryPoint = "opus_decoder_destroy")]
    public static extern void DecoderDestroy(IntPtr decoder);
}
