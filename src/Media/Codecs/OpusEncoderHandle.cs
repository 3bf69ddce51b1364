using System.Runtime.InteropServices;
using Softswitch.Media.Native;

namespace Softswitch.Media.Codecs;

/// <summary>Owns a <c>OpusEncoder*</c> and releases it once with <c>opus_encoder_destroy</c>.</summary>
internal sealed class OpusEncoderHandle : SafeHandle
{
    public OpusEncoderHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        Opus.EncoderDestroy(handle);
        return true;
    }
}
