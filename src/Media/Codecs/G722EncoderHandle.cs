using System.Runtime.InteropServices;
using Softswitch.Media.Native;

namespace Softswitch.Media.Codecs;

/// <summary>Owns a <c>g722_encode_state_t*</c> and releases it once with <c>g722_encode_free</c>.</summary>
internal sealed class G722EncoderHandle : SafeHandle
{
    public G722EncoderHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        SpanDsp.G722EncodeFree(handle);
        return true;
    }
}
