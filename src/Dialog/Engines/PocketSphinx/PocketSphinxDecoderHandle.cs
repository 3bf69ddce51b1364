using System.Runtime.InteropServices;

namespace Softswitch.Dialog.Engines.PocketSphinx;

/// <summary>A <c>ps_decoder_t</c> and the native argument strings its configuration points into (freed after the decoder).</summary>
internal sealed class PocketSphinxDecoderHandle : SafeHandle
{
    private readonly IntPtr[] _arguments;

    private PocketSphinxDecoderHandle(IntPtr[] arguments)
        : base(IntPtr.Zero, ownsHandle: true) => _arguments = arguments;

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Creates a decoder from command-line style arguments ("-hmm", path, ...).</summary>
    /// <param name="arguments">Name/value pairs.</param>
    /// <returns>The decoder.</returns>
    /// <exception cref="InvalidOperationException">The configuration or the model was refused.</exception>
    public static PocketSphinxDecoderHandle Create(IReadOnlyList<string> arguments)
    {
        PocketSphinxNative.EnsureLoaded();

        // argv[0] is the program name, as for main(); cmd_ln_parse_r reads name/value pairs after it.
        var argv = new IntPtr[arguments.Count + 1];
        argv[0] = Marshal.StringToCoTaskMemUTF8("softswitch");
        for (var i = 0; i < arguments.Count; i++)
        {
            argv[i + 1] = Marshal.StringToCoTaskMemUTF8(arguments[i]);
        }

        var config = PocketSphinxNative.cmd_ln_parse_r(IntPtr.Zero, PocketSphinxNative.ps_args(), argv.Length, argv, 1);
        if (config == IntPtr.Zero)
        {
            FreeArguments(argv);
            throw new InvalidOperationException($"pocketsphinx refused its configuration ({string.Join(' ', arguments)}).");
        }

        var ps = PocketSphinxNative.ps_init(config);
        PocketSphinxNative.cmd_ln_free_r(config); // the decoder holds its own reference
        if (ps == IntPtr.Zero)
        {
            FreeArguments(argv);
            throw new InvalidOperationException($"pocketsphinx could not load its model ({string.Join(' ', arguments)}).");
        }

        var decoder = new PocketSphinxDecoderHandle(argv);
        decoder.SetHandle(ps);
        return decoder;
    }

    protected override bool ReleaseHandle()
    {
        if (handle != IntPtr.Zero)
        {
            PocketSphinxNative.ps_free(handle);
        }

        FreeArguments(_arguments);
        return true;
    }

    private static void FreeArguments(IntPtr[] arguments)
    {
        foreach (var argument in arguments)
        {
            Marshal.FreeCoTaskMem(argument);
        }
    }
}
