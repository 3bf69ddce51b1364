using System.Runtime.InteropServices;
using Softswitch.Media.Resampling;

namespace Softswitch.Media.Native;

/// <summary>P/Invoke declarations for the speexdsp 1.2 resampler (<c>speex/speex_resampler.h</c>).</summary>
internal static class SpeexDsp
{
    /// <summary>RESAMPLER_ERR_SUCCESS.</summary>
    public const int Success = 0;

    static SpeexDsp() => NativeLibraries.EnsureResolverRegistered();

    [DllImport(NativeLibraries.SpeexDsp, EntryPoint = "speex_resampler_init")]
    public static extern SpeexResamplerHandle ResamplerInit(uint channels, uint inRate, uint outRate, int quality, out int error);

    [DllImport(NativeLibraries.SpeexDsp, EntryPoint = "speex_resampler_destroy")]
    public static extern void ResamplerDestroy(IntPtr state);

    [DllImport(NativeLibraries.SpeexDsp, EntryPoint = "speex_resampler_process_int")]
    public static extern int ResamplerProcessInt(SpeexResamplerHandle state, uint channelIndex, ref short input, ref uint inputLength, ref short output, ref uint outputLength);

    [DllImport(NativeLibraries.SpeexDsp, EntryPoint = "speex_resampler_skip_zeros")]
    public static extern int ResamplerSkipZeros(SpeexResamplerHandle state);

    [DllImport(NativeLibraries.SpeexDsp, EntryPoint = "speex_resampler_reset_mem")]
    public static extern int ResamplerResetMem(SpeexResamplerHandle state);

    [DllImport(NativeLibraries.SpeexDsp, EntryPoint = "speex_resampler_get_input_latency")]
    public static extern int ResamplerGetInputLatency(SpeexResamplerHandle state);

    [DllImport(NativeLibraries.SpeexDsp, EntryPoint = "speex_resampler_get_output_latency")]
    public static extern int ResamplerGetOutputLatency(SpeexResamplerHandle state);
}
