using System.Runtime.InteropServices;
using Softswitch.Media.Native;

namespace Softswitch.Media.Codecs;

/// <summary>Owns a <c>bcg729EncoderChannelContextStruct*</c> and releases it once with <c>closeBcg729EncoderChannel</c>.</summary>
internal sealed class Bcg729EncoderHandle : SafeHandle
{
    public Bcg729EncoderHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        Bcg729.CloseEncoderChannel(handle);
        return true;
    }
}
