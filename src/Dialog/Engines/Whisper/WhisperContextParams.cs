using System.Runtime.InteropServices;

namespace Softswitch.Dialog.Engines.Whisper;

/// <summary><c>struct whisper_context_params</c> of whisper.cpp 1.9.1, field for field (C <c>bool</c> is one byte).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct WhisperContextParams
{
    public byte UseGpu;
    public byte FlashAttention;
    public int GpuDevice;
    public byte DtwTokenTimestamps;
    public int DtwAlignmentHeadsPreset;
    public int DtwTopCount;
    public nuint DtwAlignmentHeadCount;
    public IntPtr DtwAlignmentHeads;
    public nuint DtwMemorySize;
}
