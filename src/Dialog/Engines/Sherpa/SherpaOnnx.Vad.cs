using System.Runtime.InteropServices;

namespace Softswitch.Dialog.Engines.Sherpa;

internal static partial class SherpaOnnx
{
    /// <summary>SherpaOnnxSileroVadModelConfig.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SileroVadModelConfig
    {
        /// <summary>const char* model: path to silero_vad.onnx.</summary>
        public IntPtr Model;

        /// <summary>Speech probability threshold.</summary>
        public float Threshold;

        /// <summary>Seconds of silence that close a segment.</summary>
        public float MinSilenceDuration;

        /// <summary>Shortest kept segment, seconds.</summary>
        public float MinSpeechDuration;

        /// <summary>Window in samples (512 at 16 kHz).</summary>
        public int WindowSize;

        /// <summary>Past this many seconds the threshold rises to 0.9 to force a split.</summary>
        public float MaxSpeechDuration;
    }

    /// <summary>SherpaOnnxTenVadModelConfig (unused: left zero).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct TenVadModelConfig
    {
        /// <summary>const char* model.</summary>
        public IntPtr Model;

        /// <summary>threshold.</summary>
        public float Threshold;

        /// <summary>min_silence_duration.</summary>
        public float MinSilenceDuration;

        /// <summary>min_speech_duration.</summary>
        public float MinSpeechDuration;

        /// <summary>window_size.</summary>
        public int WindowSize;

        /// <summary>max_speech_duration.</summary>
        public float MaxSpeechDuration;
    }

    /// <summary>SherpaOnnxVadModelConfig.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct VadModelConfig
    {
        /// <summary>silero_vad.</summary>
        public SileroVadModelConfig SileroVad;

        /// <summary>sample_rate.</summary>
        public int SampleRate;

        /// <summary>num_threads.</summary>
        public int NumThreads;

        /// <summary>const char* provider ("cpu").</summary>
        public IntPtr Provider;

        /// <summary>debug.</summary>
        public int Debug;

        /// <summary>ten_vad.</summary>
        public TenVadModelConfig TenVad;
    }

    /// <summary>Offset of <c>int32_t start</c> in SherpaOnnxSpeechSegment.</summary>
    public const int SpeechSegmentStartOffset = 0;

    /// <summary>Offset of <c>int32_t n</c> in SherpaOnnxSpeechSegment (after <c>float* samples</c> at 8).</summary>
    public const int SpeechSegmentLengthOffset = 16;

    [DllImport(Library, EntryPoint = "SherpaOnnxCreateVoiceActivityDetector")]
    public static extern IntPtr CreateVoiceActivityDetector(IntPtr config, float bufferSizeInSeconds);

    [DllImport(Library, EntryPoint = "SherpaOnnxDestroyVoiceActivityDetector")]
    public static extern void DestroyVoiceActivityDetector(IntPtr detector);

    [DllImport(Library, EntryPoint = "SherpaOnnxVoiceActivityDetectorAcceptWaveform")]
    public static extern void VoiceActivityDetectorAcceptWaveform(IntPtr detector, in float samples, int n);

    [DllImport(Library, EntryPoint = "SherpaOnnxVoiceActivityDetectorEmpty")]
    public static extern int VoiceActivityDetectorEmpty(IntPtr detector);

    [DllImport(Library, EntryPoint = "SherpaOnnxVoiceActivityDetectorDetected")]
    public static extern int VoiceActivityDetectorDetected(IntPtr detector);

    [DllImport(Library, EntryPoint = "SherpaOnnxVoiceActivityDetectorPop")]
    public static extern void VoiceActivityDetectorPop(IntPtr detector);

    [DllImport(Library, EntryPoint = "SherpaOnnxVoiceActivityDetectorFront")]
    public static extern IntPtr VoiceActivityDetectorFront(IntPtr detector);

    [DllImport(Library, EntryPoint = "SherpaOnnxDestroySpeechSegment")]
    public static extern void DestroySpeechSegment(IntPtr segment);

    [DllImport(Library, EntryPoint = "SherpaOnnxVoiceActivityDetectorReset")]
    public static extern void VoiceActivityDetectorReset(IntPtr detector);

    [DllImport(Library, EntryPoint = "SherpaOnnxVoiceActivityDetectorFlush")]
    public static extern void VoiceActivityDetectorFlush(IntPtr detector);
}
