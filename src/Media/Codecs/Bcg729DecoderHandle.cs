using System.Runtime.InteropServices;
using Softswitch.Media.Native;

namespace Softswitch.Media.Codecs;

/// <summary>Owns a <c>bcg729DecoderChannelContextStruct*</c> and releases it once with <c>closeBcg729DecoderChannel</c>.</summary>
internal sealed class Bcg729DecoderHandle : SafeHandle
{
    public Bcg729DecoderHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        Bcg729.CloseDecoderChannel(handle);
        return true;
    }
}
