using System.Runtime.InteropServices;
using Softswitch.Media.Codecs;

namespace Softswitch.Media.Native;

/// <summary>P/Invoke declarations for libopus 1.3 (<c>opus/opus.h</c>, <c>opus/opus_defines.h</c>).</summary>
internal static class Opus
{
    /// <summary>OPUS_OK.</summary>
    public const int Ok = 0;

    /// <summary>OPUS_APPLICATION_VOIP: tuned for speech intelligibility.</summary>
    public const int ApplicationVoip = 2048;

    /// <summary>OPUS_SET_BITRATE_REQUEST (bit/s).</summary>
    public const int SetBitrateRequest = 4002;

    /// <summary>OPUS_RESET_STATE: back to a freshly initialized coding state, keeping every setting.</summary>
    public const int ResetStateRequest = 4028;

    /// <summary>OPUS_SET_MAX_BANDWIDTH_REQUEST (one of the <c>Bandwidth*</c> values).</summary>
    public const int SetMaxBandwidthRequest = 4004;

    /// <summary>OPUS_SET_COMPLEXITY_REQUEST (0-10).</summary>
    public const int SetComplexityRequest = 4010;

    /// <summary>OPUS_SET_INBAND_FEC_REQUEST (0 or 1).</summary>
    public const int SetInbandFecRequest = 4012;

    /// <summary>OPUS_SET_PACKET_LOSS_PERC_REQUEST (0-100).</summary>
    public const int SetPacketLossPercRequest = 4014;

    /// <summary>OPUS_SET_DTX_REQUEST (0 or 1).</summary>
    public const int SetDtxRequest = 4016;

    /// <summary>OPUS_SET_SIGNAL_REQUEST.</summary>
    public const int SetSignalRequest = 4024;

    /// <summary>OPUS_GET_LOOKAHEAD_REQUEST (samples at the encoder's rate).</summary>
    public const int GetLookaheadRequest = 4027;

    /// <summary>OPUS_SIGNAL_VOICE.</summary>
    public const int SignalVoice = 3001;

    /// <summary>OPUS_BANDWIDTH_NARROWBAND (4 kHz audio bandwidth).</summary>
    public const int BandwidthNarrowband = 1101;

    /// <summary>OPUS_BANDWIDTH_MEDIUMBAND (6 kHz).</summary>
    public const int BandwidthMediumband = 1102;

    /// <summary>OPUS_BANDWIDTH_WIDEBAND (8 kHz).</summary>
    public const int BandwidthWideband = 1103;

    /// <summary>The largest packet one frame can produce (RFC 6716 §3.4, R2: 1275 bytes per frame; up to 3 frames plus framing).</summary>
    public const int MaxPacketBytes = (3 * 1275) + 7;

    static Opus() => NativeLibraries.EnsureResolverRegistered();

    [DllImport(NativeLibraries.Opus, EntryPoint = "opus_encoder_create")]
    public static extern OpusEncoderHandle EncoderCreate(int sampleRate, int channels, int application, out int error);

    [DllImport(NativeLibraries.Opus, EntryPoint = "opus_encoder_destroy")]
    public static extern void EncoderDestroy(IntPtr encoder);

    /// <summary>
    /// <c>int opus_encoder_ctl(OpusEncoder *st, int request, ...)</c> is variadic. .NET cannot declare a C varargs import on
    /// Unix, but on the System V x86-64 ABI (and on Linux AArch64) integer and pointer variadic arguments travel in the same
    /// registers as fixed ones, so a fixed <c>(st, int, int)</c> signature calls it correctly for the integer setters. (The
    /// callee only uses AL, the vector-register count, to decide whether to spill XMM registers; a stale value is harmless.)
    /// This would not hold on Apple arm64, where variadic arguments go on the stack.
    /// </summary>
    [DllImport(NativeLibraries.Opus, EntryPoint = "opus_encoder_ctl")]
    public static extern int EncoderCtl(OpusEncoderHandle encoder, int request, int value);

    /// <summary>The form of <see cref="EncoderCtl(OpusEncoderHandle, int, int)"/> without an argument (<see cref="ResetStateRequest"/>).</summary>
    [DllImport(NativeLibraries.Opus, EntryPoint = "opus_encoder_ctl")]
    public static extern int EncoderCtl(OpusEncoderHandle encoder, int request);

    /// <summary>The getter form of <see cref="EncoderCtl(OpusEncoderHandle, int, int)"/>: the variadic argument is an <c>opus_int32*</c>.</summary>
    [DllImport(NativeLibraries.Opus, EntryPoint = "opus_encoder_ctl")]
    public static extern int EncoderCtl(OpusEncoderHandle encoder, int request, out int value);

    [DllImport(NativeLibraries.Opus, EntryPoint = "opus_encode")]
    public static extern int Encode(OpusEncoderHandle encoder, ref short pcm, int frameSize, ref byte data, int maxDataBytes);

    [DllImport(NativeLibraries.Opus, EntryPoint = "opus_decoder_create")]
    public static extern OpusDecoderHandle DecoderCreate(int sampleRate, int channels, out int error);

    [DllImport(NativeLibraries.Opus, EntryPoint = "opus_decoder_destroy")]
    public static extern void DecoderDestroy(IntPtr decoder);

    [DllImport(NativeLibraries.Opus, EntryPoint = "opus_decode")]
    public static extern int Decode(OpusDecoderHandle decoder, ref byte data, int length, ref short pcm, int frameSize, int decodeFec);

    /// <summary><c>opus_decode</c> with a NULL packet: packet loss concealment for <paramref name="frameSize"/> samples.</summary>
    [DllImport(NativeLibraries.Opus, EntryPoint = "opus_decode")]
    public static extern int DecodeLost(OpusDecoderHandle decoder, IntPtr data, int length, ref short pcm, int frameSize, int decodeFec);

    /// <summary>
    /// <c>opus_packet_parse</c>: splits a packet into frames. <paramref name="frames"/> receives 48 pointers into the (pinned
    /// for the call) packet and is not read by us; <paramref name="sizes"/> 48 frame sizes; <paramref name="payloadOffset"/> the
    /// offset of the first frame's data.
    /// </summary>
    [DllImport(NativeLibraries.Opus, EntryPoint = "opus_packet_parse")]
    public static extern int PacketParse(ref byte data, int length, out byte toc, ref IntPtr frames, ref short sizes, out int payloadOffset);

    [DllImport(NativeLibraries.Opus, EntryPoint = "opus_packet_get_samples_per_frame")]
    public static extern int PacketGetSamplesPerFrame(ref byte data, int sampleRate);
}
