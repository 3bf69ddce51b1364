using System.Runtime.InteropServices;
using Softswitch.Media.Native;

namespace Softswitch.Media.Codecs;

/// <summary>Owns a <c>g722_decode_state_t*</c> and releases it once with <c>g722_decode_free</c>.</summary>
internal sealed class G722DecoderHandle : SafeHandle
{
    public G722DecoderHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        SpanDsp.G722DecodeFree(handle);
        return true;
    }
}
