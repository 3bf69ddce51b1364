using System.Runtime.InteropServices;
using System.Text;
using Softswitch.Dialog.Native;

namespace Softswitch.Dialog.Engines.Sherpa;

/// <summary>
/// Text to IPA phonemes with espeak-ng 1.51 (<c>espeak_TextToPhonemes</c>, Debian <c>libespeak-ng1</c> + <c>espeak-ng-data</c>),
/// as Piper voices expect them. espeak-ng keeps global state, so every call goes through
/// <see cref="Softswitch.Media.Tts.EspeakSynthesizer.RunExclusive"/>: one initialization, one lock and one voice cache shared
/// with the synthesizer, so neither leaves the other with the wrong voice.
/// </summary>
internal static class EspeakPhonemizer
{
    /// <summary>Logical name of libespeak-ng in the Dialog registry.</summary>
    public const string Library = "espeak-ng";

    private const int CharsUtf8 = 1;
    private const int PhonemesIpa = 0x02;

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
        EngineLibraries.Load(Library);
        Softswitch.Media.Tts.EspeakSynthesizer.RunExclusive(voice, () =>
        {
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

            return 0;
        });

        return result.ToString();
    }

    [DllImport(Library, EntryPoint = "espeak_TextToPhonemes")]
    private static extern IntPtr TextToPhonemes(ref IntPtr text, int textMode, int phonemeMode);
}
