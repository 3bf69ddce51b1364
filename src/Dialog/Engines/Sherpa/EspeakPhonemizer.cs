using System.Runtime.InteropServices;
using System.Text;
using Softswitch.Dialog.Native;

namespace Softswitch.Dialog.Engines.Sherpa;

/// <summary>
/// Text to IPA phonemes with espeak-ng 1.51 (<c>espeak_TextToPhonemes</c>, Debian <c>libespeak-ng1</c> + <c>espeak-ng-data</c>),
/// as Piper voices expect them. espeak-ng keeps global state, so calls are serialized on one process-wide lock; the voice is
/// set on every call. Known limit: Softswitch.Media's EspeakSynthesizer holds its own lock and caches the voice it last set,
/// so after a phonemization it speaks with this voice (en-us, not en) until it changes voice itself; espeak-ng 1.51 reports no
/// current voice to restore (<c>espeak_GetCurrentVoice</c> returns empty names). The fix belongs in Media: one shared espeak-ng
/// lock and voice cache for both.
/// </summary>
internal static class EspeakPhonemizer
{
    /// <summary>Logical name of libespeak-ng in the Dialog registry.</summary>
    public const string Library = "espeak-ng";

    private const int AudioOutputSynchronous = 2;
    private const int InitializeDontExit = 0x8000;
    private const int CharsUtf8 = 1;
    private const int PhonemesIpa = 0x02;

    private static readonly Lock s_lock = new();
    private static bool s_initialized;

    static EspeakPhonemizer() =>
        EngineLibraries.Register(new EngineLibrary(Library, ["libespeak-ng.so.1"], [], "apt-get install libespeak-ng1 espeak-ng-data (./softswitch setup)"));

    /// <summary>The IPA phonemes of <paramref name="text"/>, clause by clause joined with a space.</summary>
    /// <param name="text">Plain text (one sentence, typically).</param>
    /// <param name="voice">espeak-ng voice, e.g. <c>en-us</c> (from the Piper config).</param>
    /// <returns>IPA, one code point per phoneme symbol (stress marks and lengths included).</returns>
    /// <exception cref="DllNotFoundException">libespeak-ng.so.1 is missing.</exception>
    /// <exception cref="InvalidOperationException">espeak-ng could not start or does not know the voice.</exception>
    public static string Phonemize(string text, string voice)
    {
        ArgumentNullException.ThrowIfNull(text);
        var utf8 = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, utf8);
        var result = new StringBuilder();
        lock (s_lock)
        {
            EnsureInitialized();
            if (SetVoiceByName(voice) != 0)
            {
                throw new InvalidOperationException($"espeak-ng has no voice '{voice}' (is espeak-ng-data installed?).");
            }

            var handle = GCHandle.Alloc(utf8, GCHandleType.Pinned);
            try
            {
                var cursor = handle.AddrOfPinnedObject();
                while (cursor != IntPtr.Zero)
                {
                    var phonemes = Marshal.PtrToStringUTF8(TextToPhonemes(ref cursor, CharsUtf8, PhonemesIpa));
                    if (!string.IsNullOrWhiteSpace(phonemes))
                    {
                        if (result.Length > 0)
                        {
                            result.Append(' ');
                        }

                        result.Append(phonemes.Trim());
                    }
                }
            }
            finally
            {
                handle.Free();
            }
        }

        return result.ToString();
    }

    private static void EnsureInitialized()
    {
        if (s_initialized)
        {
            return;
        }

        EngineLibraries.Load(Library);
        if (Initialize(AudioOutputSynchronous, 0, IntPtr.Zero, InitializeDontExit) <= 0)
        {
            throw new InvalidOperationException("espeak_Initialize failed; is espeak-ng-data installed (apt-get install espeak-ng-data)?");
        }

        s_initialized = true;
    }

    [DllImport(Library, EntryPoint = "espeak_Initialize")]
    private static extern int Initialize(int output, int bufferLengthMs, IntPtr path, int options);

    [DllImport(Library, EntryPoint = "espeak_SetVoiceByName")]
    private static extern int SetVoiceByName([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [DllImport(Library, EntryPoint = "espeak_TextToPhonemes")]
    private static extern IntPtr TextToPhonemes(ref IntPtr text, int textMode, int phonemeMode);
}
