using System.Runtime.InteropServices;
using Softswitch.Media.Codecs;

namespace Softswitch.Media.Native;

/// <summary>P/Invoke declarations for bcg729 1.1 (<c>bcg729/encoder.h</c>, <c>bcg729/decoder.h</c>): G.729 Annex A with Annex B.</summary>
internal static class Bcg729
{
    /// <summary>Samples in one G.729 frame (10 ms at 8 kHz).</summary>
    public const int FrameSamples = 80;

    /// <summary>Bytes of one G.729 voice frame (80 bits).</summary>
    public const int FrameBytes = 10;

    /// <summary>Bytes of one G.729 Annex B SID frame.</summary>
    public const int SidFrameBytes = 2;

    static Bcg729() => NativeLibraries.EnsureResolverRegistered();

    [DllImport(NativeLibraries.Bcg729, EntryPoint = "initBcg729EncoderChannel")]
    public static extern Bcg729EncoderHandle InitEncoderChannel(byte enableVad);

    [DllImport(NativeLibraries.Bcg729, EntryPoint = "closeBcg729EncoderChannel")]
    public static extern void CloseEncoderChannel(IntPtr context);

    /// <summary>Encodes 80 samples into 10 bytes (or 2/0 with VAD on); <paramref name="bitStreamLength"/> receives the length.</summary>
    [DllImport(NativeLibraries.Bcg729, EntryPoint = "bcg729Encoder")]
    public static extern void Encoder(Bcg729EncoderHandle context, ref short inputFrame, ref byte bitStream, out byte bitStreamLength);

    [DllImport(NativeLibraries.Bcg729, EntryPoint = "initBcg729DecoderChannel")]
    public static extern Bcg729DecoderHandle InitDecoderChannel();

    [DllImport(NativeLibraries.Bcg729, EntryPoint = "closeBcg729DecoderChannel")]
    public static extern void CloseDecoderChannel(IntPtr context);

    /// <summary>Decodes one frame into 80 samples; with <paramref name="frameErasureFlag"/> set it conceals instead.</summary>
    [DllImport(NativeLibraries.Bcg729, EntryPoint = "bcg729Decoder")]
    public static extern void Decoder(Bcg729DecoderHandle context, ref byte bitStream, byte bitStreamLength, byte frameErasureFlag, byte sidFrameFlag, byte rfc3389PayloadFlag, ref short signal);
}
