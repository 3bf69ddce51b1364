using System.Runtime.InteropServices;
using Softswitch.Media.Codecs;

namespace Softswitch.Media.Native;

/// <summary>
/// P/Invoke declarations for spandsp 0.0.6: the G.722 codec (<c>spandsp/g722.h</c>) and the packet loss concealer
/// (<c>spandsp/plc.h</c>). The in-band DTMF functions are declared in <c>SpanDspDtmf</c>.
/// </summary>
internal static partial class SpanDsp
{
    /// <summary>G722_SAMPLE_RATE_8000: linear audio at 8 kHz instead of 16 kHz (not used: we decode wideband).</summary>
    public const int G722SampleRate8000 = 0x0001;

    /// <summary>G722_PACKED: pack codes for 56/48 kbit/s (not used at 64 kbit/s).</summary>
    public const int G722Packed = 0x0002;

    static SpanDsp() => NativeLibraries.EnsureResolverRegistered();

    /// <summary><c>g722_encode_init(NULL, rate, options)</c>: allocates and initialises an encoder; NULL on error.</summary>
    [DllImport(NativeLibraries.SpanDsp, EntryPoint = "g722_encode_init")]
    public static extern G722EncoderHandle G722EncodeInit(IntPtr state, int rate, int options);

    [DllImport(NativeLibraries.SpanDsp, EntryPoint = "g722_encode_free")]
    public static extern int G722EncodeFree(IntPtr state);

    /// <summary>Encodes <paramref name="length"/> samples; returns the code bytes written (one per two samples at 64 kbit/s).</summary>
    [DllImport(NativeLibraries.SpanDsp, EntryPoint = "g722_encode")]
    public static extern int G722Encode(G722EncoderHandle state, ref byte g722Data, ref short amp, int length);

    /// <summary><c>g722_decode_init(NULL, rate, options)</c>: allocates and initialises a decoder; NULL on error.</summary>
    [DllImport(NativeLibraries.SpanDsp, EntryPoint = "g722_decode_init")]
    public static extern G722DecoderHandle G722DecodeInit(IntPtr state, int rate, int options);

    [DllImport(NativeLibraries.SpanDsp, EntryPoint = "g722_decode_free")]
    public static extern int G722DecodeFree(IntPtr state);

    /// <summary>Decodes <paramref name="length"/> code bytes; returns the samples written (two per byte at 16 kHz).</summary>
    [DllImport(NativeLibraries.SpanDsp, EntryPoint = "g722_decode")]
    public static extern int G722Decode(G722DecoderHandle state, ref short amp, ref byte g722Data, int length);

    /// <summary><c>plc_init(NULL)</c>: allocates an 8 kHz packet loss concealer.</summary>
    [DllImport(NativeLibraries.SpanDsp, EntryPoint = "plc_init")]
    public static extern PlcHandle PlcInit(IntPtr state);

    [DllImport(NativeLibraries.SpanDsp, EntryPoint = "plc_free")]
    public static extern int PlcFree(IntPtr state);

    /// <summary>Records a good block (and smooths its start into a preceding concealment, in place).</summary>
    [DllImport(NativeLibraries.SpanDsp, EntryPoint = "plc_rx")]
    public static extern int PlcRx(PlcHandle state, ref short amp, int length);

    /// <summary>Synthesizes <paramref name="length"/> samples for a missing block.</summary>
    [DllImport(NativeLibraries.SpanDsp, EntryPoint = "plc_fillin")]
    public static extern int PlcFillIn(PlcHandle state, ref short amp, int length);
}
