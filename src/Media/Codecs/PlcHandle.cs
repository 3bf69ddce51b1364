using System.Runtime.InteropServices;
using Softswitch.Media.Native;

namespace Softswitch.Media.Codecs;

/// <summary>Owns a <c>plc_state_t*</c> and releases it once with <c>plc_free</c>.</summary>
internal sealed class PlcHandle : SafeHandle
{
    public PlcHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        SpanDsp.PlcFree(handle);
        return true;
    }
}
