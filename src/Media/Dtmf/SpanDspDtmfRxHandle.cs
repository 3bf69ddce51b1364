using System.Runtime.InteropServices;
using Softswitch.Media.Native;

namespace Softswitch.Media.Dtmf;

/// <summary>
/// Owns a spandsp <c>dtmf_rx_state_t*</c> and the weak <see cref="GCHandle"/> to the managed detector that its realtime
/// callback receives as <c>user_data</c>; frees both once.
/// </summary>
internal sealed class SpanDspDtmfRxHandle : SafeHandle
{
    private GCHandle _owner;

    public SpanDspDtmfRxHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Hands over the handle passed as the callback's <c>user_data</c>, to be freed with the native state.</summary>
    public void SetOwner(GCHandle owner) => _owner = owner;

    protected override bool ReleaseHandle()
    {
        SpanDspDtmf.RxFree(handle);
        if (_owner.IsAllocated)
        {
            _owner.Free();
        }

        return true;
    }
}
