using System.Runtime.InteropServices;
using System.Text;
using Softswitch.Dialog.Native;

namespace Softswitch.Dialog.Engines.Llama;

/// <summary>
/// Thin P/Invoke binding over llama.cpp release v0.5.0 as shipped by npm <c>@node-llama-cpp/linux-x64@3.22.1</c>
/// (<c>libllama.v0.5.0.so</c>, <c>libggml.v0.5.0.so</c>, <c>libggml-base.so</c> and the <c>libggml-cpu-*.so</c> backends).
/// Struct layouts follow <c>include/llama.h</c> of that release field by field; bools are bytes.
/// </summary>
internal static class LlamaNative
{
    /// <summary>Logical name of libllama.</summary>
    public const string Llama = "llama";

    /// <summary>Logical name of libggml (backend registry: <c>ggml_backend_load_all_from_path</c>).</summary>
    public const string Ggml = "ggml";

    /// <summary>Logical name of libggml-base.</summary>
    public const string GgmlBase = "ggml-base";

    /// <summary>Folder of the CPU build under <c>.native</c>.</summary>
    public const string CpuDirectory = "npm/@node-llama-cpp/linux-x64@3.22.1/bins/linux-x64";

    /// <summary>What installs the libraries, for the error when one is missing.</summary>
    public const string InstallHint = "./softswitch setup (npm @node-llama-cpp/linux-x64@3.22.1)";

    private static readonly LogCallback s_logCallback = OnNativeLog;
    private static readonly StringBuilder s_nativeError = new();
    private static readonly Lock s_initLock = new();
    private static bool s_initialized;

    /// <summary>Registers the libraries with <see cref="EngineLibraries"/>, loads them, loads the ggml backends from their folder and initialises llama.</summary>
    /// <exception cref="DllNotFoundException">A library is missing: the message names it and says how to install it.</exception>
    public static void EnsureInitialized()
    {
        lock (s_initLock)
        {
            if (s_initialized)
            {
                return;
            }

            Register();
            EngineLibraries.Load(Llama);
            llama_log_set(Marshal.GetFunctionPointerForDelegate(s_logCallback), IntPtr.Zero);
            var ggmlPath = EngineLibraries.FindFile(Ggml);
            var backendDirectory = ggmlPath is null ? null : Path.GetDirectoryName(ggmlPath);
            ggml_backend_load_all_from_path(backendDirectory);
            llama_backend_init();
            s_initialized = true;
        }
    }

    /// <summary>Registers the three libraries (idempotent).</summary>
    public static void Register()
    {
        EngineLibraries.Register(new EngineLibrary(GgmlBase, ["libggml-base.so"], [CpuDirectory], InstallHint));
        EngineLibraries.Register(new EngineLibrary(Ggml, ["libggml.v0.5.0.so", "libggml.so"], [CpuDirectory], InstallHint, [GgmlBase]));
        EngineLibraries.Register(LlamaLibrary(Llama, CpuDirectory));
    }

    /// <summary>The libllama registration (under another logical name and folder in tests).</summary>
    /// <param name="logicalName">Logical name.</param>
    /// <param name="directory">Folder, relative to <c>.native</c> or absolute.</param>
    /// <returns>The registration.</returns>
    public static EngineLibrary LlamaLibrary(string logicalName, string directory) =>
        new(logicalName, ["libllama.v0.5.0.so", "libllama.so"], [directory], InstallHint, [Ggml]);

    /// <summary>The last error llama.cpp logged since the previous call (for exception messages), or a generic text.</summary>
    public static string TakeNativeError()
    {
        lock (s_nativeError)
        {
            var text = s_nativeError.ToString().Trim();
            s_nativeError.Clear();
            return text.Length > 0 ? text : "no detail logged";
        }
    }

    private static void OnNativeLog(int level, IntPtr text, IntPtr userData)
    {
        // GGML_LOG_LEVEL_ERROR = 4; CONT = 5 continues the previous line. Everything else is llama.cpp's chatter on load.
        if (level is not (4 or 5))
        {
            return;
        }

        lock (s_nativeError)
        {
            if (level == 4 || s_nativeError.Length > 0)
            {
                s_nativeError.Append(Marshal.PtrToStringUTF8(text));
                if (s_nativeError.Length > 2000)
                {
                    s_nativeError.Remove(0, s_nativeError.Length - 2000);
                }
            }
        }
    }

    /// <summary><c>struct llama_model_params</c> (80 bytes on x64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ModelParams
    {
        public IntPtr Devices;
        public IntPtr TensorBuftOverrides;
        public int NGpuLayers;
        public int SplitMode;
        public int LoadMode;
        public int LazyMode;
        public int MainGpu;
        public IntPtr TensorSplit;
        public IntPtr ProgressCallback;
        public IntPtr ProgressCallbackUserData;
        public IntPtr KvOverrides;
        public byte VocabOnly;
        public byte CheckTensors;
        public byte UseExtraBufts;
        public byte NoHost;
        public byte NoAlloc;
        public byte LoadMtp;
    }

    /// <summary><c>struct llama_context_params</c> (160 bytes on x64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ContextParams
    {
        public uint NCtx;
        public uint NBatch;
        public uint NUbatch;
        public uint NSeqMax;
        public uint NRsSeq;
        public uint NOutputsMax;
        public uint NOutputsMaxPerSeq;
        public int NThreads;
        public int NThreadsBatch;
        public int CtxType;
        public int RopeScalingType;
        public int PoolingType;
        public int AttentionType;
        public int FlashAttnType;
        public float RopeFreqBase;
        public float RopeFreqScale;
        public float YarnExtFactor;
        public float YarnAttnFactor;
        public float YarnBetaFast;
        public float YarnBetaSlow;
        public uint YarnOrigCtx;
        public float DefragThold;
        public IntPtr CbEval;
        public IntPtr CbEvalUserData;
        public int TypeK;
        public int TypeV;
        public IntPtr AbortCallback;
        public IntPtr AbortCallbackData;
        public byte Embeddings;
        public byte OffloadKqv;
        public byte NoPerf;
        public byte OpOffload;
        public byte SwaFull;
        public byte KvUnified;
        public IntPtr Samplers;
        public nuint NSamplers;
        public IntPtr CtxOther;
    }

    /// <summary><c>llama_batch</c> (56 bytes on x64); null arrays mean what <c>llama_batch_get_one</c> gives.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Batch
    {
        public int NTokens;
        public IntPtr Token;
        public IntPtr Embd;
        public IntPtr Pos;
        public IntPtr NSeqId;
        public IntPtr SeqId;
        public IntPtr Logits;
    }

    /// <summary><c>llama_chat_message</c>: two UTF-8 string pointers.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ChatMessage
    {
        public IntPtr Role;
        public IntPtr Content;
    }

    /// <summary><c>llama_sampler_chain_params</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SamplerChainParams
    {
        public byte NoPerf;
    }

    /// <summary><c>ggml_log_callback</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void LogCallback(int level, IntPtr text, IntPtr userData);

#pragma warning disable SYSLIB1054 // DllImport keeps the binding free of unsafe code; every signature here is blittable or U1/UTF-8 marshalled.
    [DllImport(Ggml, CallingConvention = CallingConvention.Cdecl)]
    public static extern void ggml_backend_load_all_from_path([MarshalAs(UnmanagedType.LPUTF8Str)] string? dirPath);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern void llama_backend_init();

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern void llama_log_set(IntPtr callback, IntPtr userData);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern ModelParams llama_model_default_params();

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern ContextParams llama_context_default_params();

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern SamplerChainParams llama_sampler_chain_default_params();

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr llama_model_load_from_file([MarshalAs(UnmanagedType.LPUTF8Str)] string path, ModelParams parameters);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern void llama_model_free(IntPtr model);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr llama_init_from_model(IntPtr model, ContextParams parameters);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern void llama_free(IntPtr context);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern uint llama_n_ctx(IntPtr context);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr llama_get_memory(IntPtr context);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static extern bool llama_memory_seq_rm(IntPtr memory, int seqId, int p0, int p1);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern int llama_memory_seq_pos_max(IntPtr memory, int seqId);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern nuint llama_state_seq_get_size(IntPtr context, int seqId);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern nuint llama_state_seq_get_data(IntPtr context, byte[] destination, nuint size, int seqId);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern nuint llama_state_seq_set_data(IntPtr context, byte[] source, nuint size, int destinationSeqId);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr llama_model_get_vocab(IntPtr model);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern int llama_model_n_ctx_train(IntPtr model);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr llama_model_chat_template(IntPtr model, [MarshalAs(UnmanagedType.LPUTF8Str)] string? name);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern int llama_vocab_n_tokens(IntPtr vocab);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static extern bool llama_vocab_is_eog(IntPtr vocab, int token);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern int llama_tokenize(
        IntPtr vocab,
        byte[] text,
        int textLength,
        [Out] int[]? tokens,
        int maxTokens,
        [MarshalAs(UnmanagedType.U1)] bool addSpecial,
        [MarshalAs(UnmanagedType.U1)] bool parseSpecial);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern int llama_token_to_piece(IntPtr vocab, int token, [Out] byte[] buffer, int length, int lstrip, [MarshalAs(UnmanagedType.U1)] bool special);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern int llama_chat_apply_template(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string? template,
        ChatMessage[] chat,
        nuint messageCount,
        [MarshalAs(UnmanagedType.U1)] bool addAssistant,
        [Out] byte[]? buffer,
        int length);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern int llama_decode(IntPtr context, Batch batch);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr llama_sampler_chain_init(SamplerChainParams parameters);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern void llama_sampler_chain_add(IntPtr chain, IntPtr sampler);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr llama_sampler_init_greedy();

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr llama_sampler_init_dist(uint seed);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr llama_sampler_init_temp(float temperature);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr llama_sampler_init_top_p(float p, nuint minKeep);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr llama_sampler_init_grammar(IntPtr vocab, [MarshalAs(UnmanagedType.LPUTF8Str)] string grammar, [MarshalAs(UnmanagedType.LPUTF8Str)] string root);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern int llama_sampler_sample(IntPtr sampler, IntPtr context, int index);

    [DllImport(Llama, CallingConvention = CallingConvention.Cdecl)]
    public static extern void llama_sampler_free(IntPtr sampler);
#pragma warning restore SYSLIB1054
}
