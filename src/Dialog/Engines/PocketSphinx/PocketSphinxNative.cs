using System.Runtime.InteropServices;
using Softswitch.Dialog.Native;

namespace Softswitch.Dialog.Engines.PocketSphinx;

/// <summary>
/// P/Invoke declarations for pocketsphinx 5prealpha (<c>pocketsphinx/pocketsphinx.h</c>, <c>ps_search.h</c>) and the parts of
/// sphinxbase it needs (<c>sphinxbase/cmd_ln.h</c>, <c>err.h</c>, <c>ckd_alloc.h</c>), Debian <c>libpocketsphinx3</c> and
/// <c>libsphinxbase3</c>. A decoder is not thread-safe: one per call, used by one thread at a time.
/// </summary>
internal static class PocketSphinxNative
{
    /// <summary>Logical name of libsphinxbase.so.3 (configuration, logging, memory).</summary>
    public const string SphinxBase = "sphinxbase";

    /// <summary>Logical name of libpocketsphinx.so.3 (the decoder).</summary>
    public const string Library = "pocketsphinx";

    static PocketSphinxNative()
    {
        EngineLibraries.Register(new EngineLibrary(SphinxBase, ["libsphinxbase.so.3"], [], "apt-get install libpocketsphinx3 (or ./softswitch setup)"));
        EngineLibraries.Register(new EngineLibrary(Library, ["libpocketsphinx.so.3"], [], "apt-get install libpocketsphinx3 (or ./softswitch setup)", [SphinxBase]));
    }

    /// <summary>Loads both libraries (sphinxbase first) and silences sphinxbase's logging to stderr, once per process.</summary>
    /// <exception cref="DllNotFoundException">A library is missing: the message names it and the package.</exception>
    public static void EnsureLoaded()
    {
        if (s_loaded)
        {
            return;
        }

        EngineLibraries.Load(Library);
        err_set_logfp(IntPtr.Zero); // errors are reported by the binding itself, not dumped on stderr
        s_loaded = true;
    }

    private static volatile bool s_loaded;

    // sphinxbase

    [DllImport(SphinxBase)]
    public static extern IntPtr cmd_ln_parse_r(IntPtr inoutCmdln, IntPtr definitions, int argc, IntPtr[] argv, int strict);

    [DllImport(SphinxBase)]
    public static extern int cmd_ln_free_r(IntPtr cmdln);

    [DllImport(SphinxBase)]
    public static extern void err_set_logfp(IntPtr stream);

    [DllImport(SphinxBase)]
    public static extern void ckd_free(IntPtr pointer);

    // pocketsphinx

    [DllImport(Library)]
    public static extern IntPtr ps_args();

    [DllImport(Library)]
    public static extern IntPtr ps_init(IntPtr config);

    [DllImport(Library)]
    public static extern int ps_free(IntPtr decoder);

    /// <summary>Returns the pronunciation (allocated; free with <see cref="ckd_free"/>) or null when the word is not in the dictionary.</summary>
    [DllImport(Library)]
    public static extern IntPtr ps_lookup_word(IntPtr decoder, [MarshalAs(UnmanagedType.LPUTF8Str)] string word);

    [DllImport(Library)]
    public static extern int ps_set_jsgf_string(IntPtr decoder, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string jsgf);

    [DllImport(Library)]
    public static extern int ps_set_search(IntPtr decoder, [MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [DllImport(Library)]
    public static extern int ps_start_utt(IntPtr decoder);

    /// <summary>Decodes <paramref name="samples"/> 16-bit samples starting at <paramref name="data"/> (pinned by the marshaller).</summary>
    [DllImport(Library)]
    public static extern int ps_process_raw(IntPtr decoder, in short data, nuint samples, int noSearch, int fullUtterance);

    [DllImport(Library)]
    public static extern int ps_end_utt(IntPtr decoder);

    /// <summary>The best hypothesis so far (owned by the decoder, valid until the next call), or null.</summary>
    [DllImport(Library)]
    public static extern IntPtr ps_get_hyp(IntPtr decoder, out int bestScore);

    [DllImport(Library)]
    public static extern int ps_get_prob(IntPtr decoder);

    [DllImport(Library)]
    public static extern byte ps_get_in_speech(IntPtr decoder);

    [DllImport(Library)]
    public static extern int ps_get_n_frames(IntPtr decoder);
}
