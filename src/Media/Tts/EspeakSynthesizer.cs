using System.Runtime.InteropServices;
using System.Text;
using Softswitch.Media.Native;
using Softswitch.Media.Resampling;

namespace Softswitch.Media.Tts;

/// <summary>
/// Simple local text-to-speech over espeak-ng 1.51 (Debian <c>espeak-ng</c>), for prompts and as the last fallback voice.
/// espeak-ng keeps global state and is not thread-safe, so every instance shares one process-wide lock: syntheses run one at a
/// time. Not a hot path: it allocates the returned audio.
/// </summary>
public sealed class EspeakSynthesizer
{
    private const int EspeakRate = 1;

    private static readonly Lock s_lock = new();
    private static readonly EspeakNg.SynthCallback s_callback = OnSynth; // kept alive for the process: espeak holds the pointer
    private static int s_sampleRate;
    private static short[] s_buffer = [];
    private static int s_buffered;
    private static CancellationToken s_cancellation;
    private static string? s_voice;
    private static int s_wordsPerMinute;

    private readonly string _voice;
    private readonly int _wordsPerMinute;

    /// <summary>Creates a synthesizer; espeak-ng itself is initialized once, on first use.</summary>
    /// <param name="voice">espeak-ng voice name. Defaults to <c>en</c>.</param>
    /// <param name="wordsPerMinute">Speaking rate, 80–450. Defaults to 175 (espeakRATE_NORMAL).</param>
    public EspeakSynthesizer(string voice = "en", int wordsPerMinute = 175)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(voice);
        ArgumentOutOfRangeException.ThrowIfLessThan(wordsPerMinute, 80);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(wordsPerMinute, 450);
        _voice = voice;
        _wordsPerMinute = wordsPerMinute;
    }

    /// <summary>espeak-ng's native output rate (22050 Hz for the bundled voices); 0 before first use.</summary>
    public static int NativeSampleRate => s_sampleRate;

    /// <summary>Synthesizes <paramref name="text"/> at espeak-ng's native rate (<see cref="NativeSampleRate"/>).</summary>
    /// <param name="text">Plain UTF-8 text.</param>
    /// <param name="cancellationToken">Aborts synthesis between audio chunks.</param>
    /// <returns>Mono PCM16 at <see cref="NativeSampleRate"/>.</returns>
    /// <exception cref="DllNotFoundException">libespeak-ng.so.1 is missing; the message names the package.</exception>
    public short[] SynthesizeNative(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (s_lock)
        {
            EnsureInitialized();
            if (s_voice != _voice)
            {
                s_voice = null; // unknown until the call succeeds
                Check(EspeakNg.SetVoiceByName(_voice), "espeak_SetVoiceByName");
                s_voice = _voice;
                s_wordsPerMinute = 0; // a new voice resets the rate
            }

            if (s_wordsPerMinute != _wordsPerMinute)
            {
                Check(EspeakNg.SetParameter(EspeakRate, _wordsPerMinute, 0), "espeak_SetParameter");
                s_wordsPerMinute = _wordsPerMinute;
            }

            byte[] utf8 = new byte[Encoding.UTF8.GetByteCount(text) + 1];
            Encoding.UTF8.GetBytes(text, utf8);
            s_buffered = 0;
            s_cancellation = cancellationToken;
            try
            {
                int result = EspeakNg.Synth(utf8, (nuint)utf8.Length, 0, EspeakNg.PositionCharacter, 0, EspeakNg.CharsUtf8, IntPtr.Zero, IntPtr.Zero);
                cancellationToken.ThrowIfCancellationRequested();
                Check(result, "espeak_Synth");
                return s_buffer.AsSpan(0, s_buffered).ToArray();
            }
            finally
            {
                s_cancellation = default;
                s_buffered = 0;
            }
        }
    }

    /// <summary>Synthesizes <paramref name="text"/> as 16 kHz mono PCM16, the gateway's internal format.</summary>
    /// <param name="text">Plain UTF-8 text.</param>
    /// <param name="cancellationToken">Aborts synthesis between audio chunks.</param>
    /// <returns>16 kHz mono PCM16.</returns>
    /// <exception cref="DllNotFoundException">libespeak-ng.so.1 or libspeexdsp.so.1 is missing.</exception>
    public short[] Synthesize16k(string text, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        short[] native = SynthesizeNative(text, cancellationToken);
        var pcm = SpeexResampler.ResampleAll(native, s_sampleRate, AudioFormat.SampleRate);
        MediaMetrics.EngineDuration.Record(
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>("engine", "espeak-ng"),
            new KeyValuePair<string, object?>("stage", "tts"));
        return pcm;
    }

    /// <summary>
    /// Runs <paramref name="action"/> with espeak-ng to itself: initialized once for the process, <paramref name="voice"/> set,
    /// under the one lock every user of espeak-ng's global state takes (synthesis here, phonemization for Piper voices).
    /// </summary>
    /// <typeparam name="T">What the action returns.</typeparam>
    /// <param name="voice">The espeak-ng voice, e.g. <c>en-us</c>.</param>
    /// <param name="action">Calls into espeak-ng (it must not call back into this class).</param>
    /// <returns>What <paramref name="action"/> returned.</returns>
    /// <exception cref="DllNotFoundException">libespeak-ng.so.1 is missing.</exception>
    /// <exception cref="InvalidOperationException">espeak-ng could not start or does not know the voice.</exception>
    public static T RunExclusive<T>(string voice, Func<T> action)
    {
        ArgumentException.ThrowIfNullOrEmpty(voice);
        ArgumentNullException.ThrowIfNull(action);
        lock (s_lock)
        {
            EnsureInitialized();
            if (s_voice != voice)
            {
                s_voice = null;
                if (EspeakNg.SetVoiceByName(voice) != EspeakNg.Ok)
                {
                    throw new InvalidOperationException($"espeak-ng has no voice '{voice}' (is espeak-ng-data installed?).");
                }

                s_voice = voice;
                s_wordsPerMinute = 0;
            }

            return action();
        }
    }

    private static void EnsureInitialized()
    {
        if (s_sampleRate > 0)
        {
            return;
        }

        NativeLibraries.Load(NativeLibraries.EspeakNg);
        int rate = EspeakNg.Initialize(EspeakNg.AudioOutputSynchronous, 200, IntPtr.Zero, EspeakNg.InitializeDontExit);
        if (rate <= 0)
        {
            throw new InvalidOperationException("espeak_Initialize failed; is espeak-ng-data installed (apt-get install espeak-ng)?");
        }

        EspeakNg.SetSynthCallback(s_callback);
        s_sampleRate = rate;
    }

    // Runs on the thread inside espeak_Synth (synchronous mode), which holds s_lock.
    private static int OnSynth(IntPtr wav, int sampleCount, IntPtr events)
    {
        if (s_cancellation.IsCancellationRequested)
        {
            return 1;
        }

        if (wav == IntPtr.Zero || sampleCount <= 0)
        {
            return 0;
        }

        if (s_buffered + sampleCount > s_buffer.Length)
        {
            Array.Resize(ref s_buffer, Math.Max(s_buffer.Length * 2, s_buffered + sampleCount + 22050));
        }

        Marshal.Copy(wav, s_buffer, s_buffered, sampleCount);
        s_buffered += sampleCount;
        return 0;
    }

    private static void Check(int result, string function)
    {
        if (result != EspeakNg.Ok)
        {
            throw new InvalidOperationException($"{function} failed with espeak error {result}.");
        }
    }
}
