using System.Runtime.InteropServices;
using Softswitch.Media.Dtmf;

namespace Softswitch.Media.Native;

/// <summary>
/// P/Invoke declarations for the spandsp 0.0.6 DTMF receiver (<c>spandsp/dtmf.h</c>). In 0.0.6,
/// <c>dtmf_rx_set_realtime_callback</c> exists and reports <c>tone_report_func_t(user_data, code, level, delay)</c>: code is
/// the key's ASCII value when a tone is confirmed and 0 when it ends, level the tone power in dBm0 (-99 at the end), and
/// delay the number of samples since the previous report (so at the end report it is the tone's length). While a realtime
/// callback is set, digits are not collected for <c>dtmf_rx_get</c> or the digits callback.
/// </summary>
internal static class SpanDspDtmf
{
    static SpanDspDtmf() => NativeLibraries.EnsureResolverRegistered();

    /// <summary><c>dtmf_rx_state_t *dtmf_rx_init(dtmf_rx_state_t *s, digits_rx_callback_t callback, void *user_data)</c>; NULL s allocates.</summary>
    [DllImport(NativeLibraries.SpanDsp, EntryPoint = "dtmf_rx_init")]
    public static extern SpanDspDtmfRxHandle RxInit(IntPtr state, IntPtr digitsCallback, IntPtr userData);

    /// <summary><c>void dtmf_rx_set_realtime_callback(dtmf_rx_state_t *s, tone_report_func_t callback, void *user_data)</c>.</summary>
    [DllImport(NativeLibraries.SpanDsp, EntryPoint = "dtmf_rx_set_realtime_callback")]
    public static extern void RxSetRealtimeCallback(SpanDspDtmfRxHandle state, IntPtr callback, IntPtr userData);

    /// <summary>
    /// <c>void dtmf_rx_parms(dtmf_rx_state_t *s, int filter_dialtone, int twist, int reverse_twist, int threshold)</c>:
    /// negative values (threshold &lt;= -99) leave a setting unchanged.
    /// </summary>
    [DllImport(NativeLibraries.SpanDsp, EntryPoint = "dtmf_rx_parms")]
    public static extern void RxParms(SpanDspDtmfRxHandle state, int filterDialtone, int twist, int reverseTwist, int threshold);

    /// <summary><c>int dtmf_rx(dtmf_rx_state_t *s, const int16_t amp[], int samples)</c>: 8 kHz samples; returns 0.</summary>
    [DllImport(NativeLibraries.SpanDsp, EntryPoint = "dtmf_rx")]
    public static extern int Rx(SpanDspDtmfRxHandle state, ref short amp, int samples);

    /// <summary><c>int dtmf_rx_free(dtmf_rx_state_t *s)</c>.</summary>
    [DllImport(NativeLibraries.SpanDsp, EntryPoint = "dtmf_rx_free")]
    public static extern int RxFree(IntPtr state);
}
