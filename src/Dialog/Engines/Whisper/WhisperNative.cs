using System.Runtime.InteropServices;
using Softswitch.Dialog.Native;

namespace Softswitch.Dialog.Engines.Whisper;

/// <summary>
/// Thin P/Invoke binding over whisper.cpp 1.9.1 (<c>include/whisper.h</c>), built from source by <c>./softswitch setup</c>
/// into <c>.native/lib</c> (<c>libwhisper.so</c> and the <c>libggml*.so</c> it links against).
/// </summary>
internal static class WhisperNative
{
    public const string LibraryName = "whisper";
    public const string InstallHint = "./softswitch setup";

    /// <summary><c>WHISPER_SAMPLE_RATE</c>: whisper.cpp takes 16 kHz mono float PCM.</summary>
    public const int SampleRate = 16000;

    /// <summary><c>WHISPER_SAMPLING_GREEDY</c>.</summary>
    public const int SamplingGreedy = 0;

    private const string GgmlBase = "whisper-ggml-base";
    private const string GgmlCpu = "whisper-ggml-cpu";
    private const string Ggml = "whisper-ggml";

    /// <summary>Called by whisper.cpp between compute steps; true aborts <c>whisper_full</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    [return: MarshalAs(UnmanagedType.U1)]
    public delegate bool AbortCallback(IntPtr userData);

    /// <summary>Called by whisper.cpp each time it has decoded <paramref name="newSegments"/> more segments.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void NewSegmentCallback(IntPtr context, IntPtr state, int newSegments, IntPtr userData);

    /// <summary><c>ggml_log_callback</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void LogCallback(int level, IntPtr text, IntPtr userData);

    /// <summary>Registers the libraries (idempotent) and loads them, dependencies first.</summary>
    /// <exception cref="DllNotFoundException">A library is missing: the message names it and says to run <c>./softswitch setup</c>.</exception>
    public static void Load()
    {
        string[] directories = ["lib"];
        EngineLibraries.Register(new EngineLibrary(GgmlBase, ["libggml-base.so.0", "libggml-base.so"], directories, InstallHint));
        EngineLibraries.Register(new EngineLibrary(GgmlCpu, ["libggml-cpu.so.0", "libggml-cpu.so"], directories, InstallHint, [GgmlBase]));
        EngineLibraries.Register(new EngineLibrary(Ggml, ["libggml.so.0", "libggml.so"], directories, InstallHint, [GgmlCpu]));
        EngineLibraries.Register(new EngineLibrary(LibraryName, ["libwhisper.so.1", "libwhisper.so"], directories, InstallHint, [Ggml]));
        EngineLibraries.Load(LibraryName);
    }

    [DllImport(LibraryName, EntryPoint = "whisper_version")]
    public static extern IntPtr Version();

    [DllImport(LibraryName, EntryPoint = "whisper_print_system_info")]
    public static extern IntPtr SystemInfo();

    [DllImport(LibraryName, EntryPoint = "whisper_log_set")]
    public static extern void SetLog(IntPtr callback, IntPtr userData);

    [DllImport(LibraryName, EntryPoint = "whisper_context_default_params")]
    public static extern WhisperContextParams ContextDefaultParams();

    [DllImport(LibraryName, EntryPoint = "whisper_full_default_params")]
    public static extern WhisperFullParams FullDefaultParams(int strategy);

    [DllImport(LibraryName, EntryPoint = "whisper_full_default_params_by_ref")]
    public static extern IntPtr FullDefaultParamsByRef(int strategy);

    [DllImport(LibraryName, EntryPoint = "whisper_free_params")]
    public static extern void FreeParams(IntPtr parameters);

    [DllImport(LibraryName, EntryPoint = "whisper_init_from_file_with_params_no_state")]
    public static extern IntPtr InitFromFileNoState([MarshalAs(UnmanagedType.LPUTF8Str)] string path, WhisperContextParams parameters);

    [DllImport(LibraryName, EntryPoint = "whisper_init_state")]
    public static extern IntPtr InitState(IntPtr context);

    [DllImport(LibraryName, EntryPoint = "whisper_free")]
    public static extern void Free(IntPtr context);

    [DllImport(LibraryName, EntryPoint = "whisper_free_state")]
    public static extern void FreeState(IntPtr state);

    [DllImport(LibraryName, EntryPoint = "whisper_model_type_readable")]
    public static extern IntPtr ModelTypeReadable(IntPtr context);

    [DllImport(LibraryName, EntryPoint = "whisper_is_multilingual")]
    public static extern int IsMultilingual(IntPtr context);

    [DllImport(LibraryName, EntryPoint = "whisper_n_vocab")]
    public static extern int VocabularySize(IntPtr context);

    [DllImport(LibraryName, EntryPoint = "whisper_lang_id")]
    public static extern int LanguageId([MarshalAs(UnmanagedType.LPUTF8Str)] string language);

    [DllImport(LibraryName, EntryPoint = "whisper_full_with_state")]
    public static extern int FullWithState(IntPtr context, IntPtr state, WhisperFullParams parameters, ref float samples, int sampleCount);

    [DllImport(LibraryName, EntryPoint = "whisper_full_n_segments_from_state")]
    public static extern int SegmentCount(IntPtr state);

    [DllImport(LibraryName, EntryPoint = "whisper_full_get_segment_t0_from_state")]
    public static extern long SegmentStart(IntPtr state, int segment);

    [DllImport(LibraryName, EntryPoint = "whisper_full_get_segment_t1_from_state")]
    public static extern long SegmentEnd(IntPtr state, int segment);

    [DllImport(LibraryName, EntryPoint = "whisper_full_get_segment_text_from_state")]
    public static extern IntPtr SegmentText(IntPtr state, int segment);

    [DllImport(LibraryName, EntryPoint = "whisper_full_get_segment_no_speech_prob_from_state")]
    public static extern float SegmentNoSpeechProbability(IntPtr state, int segment);
}
