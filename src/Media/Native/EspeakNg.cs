using System.Runtime.InteropServices;

namespace Softswitch.Media.Native;

/// <summary>P/Invoke declarations for espeak-ng 1.51 (<c>espeak-ng/speak_lib.h</c>). The library keeps global state: serialize calls.</summary>
internal static class EspeakNg
{
    /// <summary>espeak_AUDIO_OUTPUT.AUDIO_OUTPUT_SYNCHRONOUS: espeak_Synth returns when all audio went to the callback.</summary>
    public const int AudioOutputSynchronous = 2;

    /// <summary>espeakINITIALIZE_DONT_EXIT: report errors instead of calling exit().</summary>
    public const int InitializeDontExit = 0x8000;

    /// <summary>espeakCHARS_UTF8.</summary>
    public const uint CharsUtf8 = 1;

    /// <summary>espeak_POSITION_TYPE.POS_CHARACTER.</summary>
    public const int PositionCharacter = 1;

    /// <summary>espeak_ERROR.EE_OK.</summary>
    public const int Ok = 0;

    static EspeakNg() => NativeLibraries.EnsureResolverRegistered();

    /// <summary>t_espeak_callback: return 0 to continue synthesis, 1 to abort.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate int SynthCallback(IntPtr wav, int sampleCount, IntPtr events);

    [DllImport(NativeLibraries.EspeakNg, EntryPoint = "espeak_Initialize")]
    public static extern int Initialize(int output, int bufferLengthMs, IntPtr path, int options);

    [DllImport(NativeLibraries.EspeakNg, EntryPoint = "espeak_SetSynthCallback")]
    public static extern void SetSynthCallback(SynthCallback callback);

    [DllImport(NativeLibraries.EspeakNg, EntryPoint = "espeak_SetVoiceByName")]
    public static extern int SetVoiceByName([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [DllImport(NativeLibraries.EspeakNg, EntryPoint = "espeak_Synth")]
    public static extern int Synth(byte[] text, nuint size, uint position, int positionType, uint endPosition, uint flags, IntPtr uniqueIdentifier, IntPtr userData);

    [DllImport(NativeLibraries.EspeakNg, EntryPoint = "espeak_SetParameter")]
    public static extern int SetParameter(int parameter, int value, int relative);
}
