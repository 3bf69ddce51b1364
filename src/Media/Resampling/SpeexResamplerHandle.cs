using System.Runtime.InteropServices;
using Softswitch.Media.Native;

namespace Softswitch.Media.Resampling;

/// <summary>Owns a <c>SpeexResamplerState*</c> and destroys it once.</summary>
internal sealed class SpeexResamplerHandle : SafeHandle
{
    public SpeexResamplerHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        SpeexDsp.ResamplerDestroy(handle);
        return true;
    }
}
