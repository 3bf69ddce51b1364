using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Softswitch.Dialog.Engines.PocketSphinx;

/// <summary>
/// Grammar speech recognition with pocketsphinx 5prealpha and its US English model, for 16 kHz mono PCM16: the call's expected
/// phrases become a JSGF grammar (<see cref="PocketSphinxGrammar"/>); per utterance, <see cref="StartUtterance"/>, then
/// <see cref="Process"/> for each 20 ms frame (the partial hypothesis in <see cref="PartialText"/> is refreshed every
/// <see cref="PocketSphinxOptions.PartialResultFrames"/> frames), then <see cref="EndUtterance"/> for the final text.
/// Owns one decoder: not thread-safe, one per call. <see cref="Process"/> allocates only when the partial text changes.
/// </summary>
public sealed partial class PocketSphinxRecognizer : IDisposable
{
    /// <summary>The sample rate the model expects.</summary>
    public const int SampleRate = 16000;

    /// <summary>Samples in one 20 ms frame.</summary>
    public const int FrameSamples = 320;

    private const string SearchName = "expected";
    private const int MaxHypothesisBytes = 1024;

    private readonly PocketSphinxDecoderHandle _decoder;
    private readonly IntPtr _ps;
    private readonly int _partialFrames;
    private readonly byte[] _partialBytes = new byte[MaxHypothesisBytes];
    private readonly PocketSphinxNoiseFloor? _noiseFloor;
    private readonly short[] _scaled = new short[FrameSamples];
    private int _partialLength;
    private int _framesSincePartial;
    private long _samples;
    private long _decodeTicks;
    private bool _inUtterance;

    private PocketSphinxRecognizer(PocketSphinxDecoderHandle decoder, PocketSphinxGrammar grammar, PocketSphinxOptions options, TimeSpan loadTime)
    {
        _noiseFloor = options.NoiseFloor > 0 ? new PocketSphinxNoiseFloor(options.NoiseFloor) : null;
        _decoder = decoder;
        _ps = decoder.DangerousGetHandle();
        Grammar = grammar;
        _partialFrames = options.PartialResultFrames;
        LoadTime = loadTime;
    }

    /// <summary>The grammar in use (its phrases and the ones skipped).</summary>
    public PocketSphinxGrammar Grammar { get; }

    /// <summary>How long loading the model and the grammar took.</summary>
    public TimeSpan LoadTime { get; }

    /// <summary>The latest partial hypothesis of the current utterance (empty before the first).</summary>
    public string PartialText { get; private set; } = string.Empty;

    /// <summary>Whether the decoder's own voice activity detector hears speech now.</summary>
    public bool InSpeech => _inUtterance && PocketSphinxNative.ps_get_in_speech(_ps) != 0;

    /// <summary>Loads the model and builds the grammar of <paramref name="expectedPhrases"/> (about a second: do it at call setup).</summary>
    /// <param name="options">Model paths and behaviour; validated here.</param>
    /// <param name="expectedPhrases">What the agent expects to hear; phrases with words the dictionary lacks are skipped and logged.</param>
    /// <param name="logger">Logger.</param>
    /// <returns>The recognizer.</returns>
    /// <exception cref="FileNotFoundException">A model file is missing (named, with the package to install).</exception>
    /// <exception cref="DirectoryNotFoundException">The acoustic model folder is missing (named, with the package to install).</exception>
    /// <exception cref="DllNotFoundException">libpocketsphinx.so.3 or libsphinxbase.so.3 is missing (named, with the package).</exception>
    /// <exception cref="ArgumentException">No expected phrase is usable.</exception>
    public static PocketSphinxRecognizer Create(PocketSphinxOptions options, IEnumerable<string> expectedPhrases, ILogger<PocketSphinxRecognizer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(expectedPhrases);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();

        var started = Stopwatch.GetTimestamp();
        var decoder = PocketSphinxDecoderHandle.Create(
        [
            "-hmm", options.AcousticModelPath,
            "-dict", options.DictionaryPath,
            "-samprate", SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-logfn", "/dev/null",
        ]);
        try
        {
            var ps = decoder.DangerousGetHandle();
            var grammar = PocketSphinxGrammar.Build(expectedPhrases, word => IsInDictionary(ps, word));
            foreach (var skipped in grammar.Skipped)
            {
                Log.PhraseSkipped(logger, skipped.Phrase, string.Join(", ", skipped.UnknownWords));
            }

            if (PocketSphinxNative.ps_set_jsgf_string(ps, SearchName, grammar.Jsgf) < 0)
            {
                throw new InvalidOperationException($"pocketsphinx refused the grammar:\n{grammar.Jsgf}");
            }

            if (PocketSphinxNative.ps_set_search(ps, SearchName) < 0)
            {
                throw new InvalidOperationException("pocketsphinx could not activate the grammar search.");
            }

            var loadTime = Stopwatch.GetElapsedTime(started);
            Log.Loaded(logger, grammar.Phrases.Count, grammar.Skipped.Count, (int)loadTime.TotalMilliseconds);
            return new PocketSphinxRecognizer(decoder, grammar, options, loadTime);
        }
        catch
        {
            decoder.Dispose();
            throw;
        }
    }

    /// <summary>Starts an utterance (ends none that is running: call <see cref="EndUtterance"/> first).</summary>
    /// <exception cref="InvalidOperationException">An utterance is already running, or the decoder refused.</exception>
    public void StartUtterance()
    {
        ObjectDisposedException.ThrowIf(_decoder.IsClosed, this);
        if (_inUtterance)
        {
            throw new InvalidOperationException("An utterance is already running; call EndUtterance first.");
        }

        Check(PocketSphinxNative.ps_start_utt(_ps), "ps_start_utt");
        _inUtterance = true;
        _partialLength = 0;
        _framesSincePartial = 0;
        _samples = 0;
        _decodeTicks = 0;
        PartialText = string.Empty;
    }

    /// <summary>Decodes audio of the current utterance (typically one 20 ms frame of <see cref="FrameSamples"/> samples).</summary>
    /// <param name="pcm">16 kHz mono PCM16.</param>
    /// <returns>True when <see cref="PartialText"/> changed.</returns>
    /// <exception cref="InvalidOperationException">No utterance is running, or the decoder failed.</exception>
    public bool Process(ReadOnlySpan<short> pcm)
    {
        if (!_inUtterance)
        {
            ThrowNotInUtterance();
        }

        if (pcm.IsEmpty)
        {
            return false;
        }

        var started = Stopwatch.GetTimestamp();
        if (_noiseFloor is null)
        {
            Check(PocketSphinxNative.ps_process_raw(_ps, in MemoryMarshal.GetReference(pcm), (nuint)pcm.Length, 0, 0), "ps_process_raw");
        }
        else
        {
            for (var offset = 0; offset < pcm.Length; offset += FrameSamples)
            {
                var frame = pcm.Slice(offset, Math.Min(FrameSamples, pcm.Length - offset));
                var scaled = _scaled.AsSpan(0, frame.Length);
                _noiseFloor.Apply(frame, scaled);
                Check(PocketSphinxNative.ps_process_raw(_ps, in MemoryMarshal.GetReference(scaled), (nuint)scaled.Length, 0, 0), "ps_process_raw");
            }
        }

        _samples += pcm.Length;
        var changed = false;
        _framesSincePartial += Math.Max(1, pcm.Length / FrameSamples);
        if (_framesSincePartial >= _partialFrames)
        {
            _framesSincePartial = 0;
            changed = RefreshPartial();
        }

        _decodeTicks += Stopwatch.GetTimestamp() - started;
        return changed;
    }

    /// <summary>Ends the utterance and returns the final hypothesis.</summary>
    /// <returns>The result.</returns>
    /// <exception cref="InvalidOperationException">No utterance is running, or the decoder failed.</exception>
    public PocketSphinxResult EndUtterance()
    {
        if (!_inUtterance)
        {
            ThrowNotInUtterance();
        }

        var started = Stopwatch.GetTimestamp();
        _inUtterance = false;
        Check(PocketSphinxNative.ps_end_utt(_ps), "ps_end_utt");
        var hypothesis = PocketSphinxNative.ps_get_hyp(_ps, out var score);
        var text = hypothesis == IntPtr.Zero ? string.Empty : Marshal.PtrToStringUTF8(hypothesis) ?? string.Empty;
        _decodeTicks += Stopwatch.GetTimestamp() - started;
        return new PocketSphinxResult(
            text,
            text.Length == 0 ? null : Grammar.MatchPhrase(text),
            score,
            TimeSpan.FromSeconds((double)_samples / SampleRate),
            Stopwatch.GetElapsedTime(0, _decodeTicks));
    }

    /// <summary>Frees the decoder.</summary>
    public void Dispose() => _decoder.Dispose();

    private static bool IsInDictionary(IntPtr ps, string word)
    {
        var pronunciation = PocketSphinxNative.ps_lookup_word(ps, word);
        if (pronunciation == IntPtr.Zero)
        {
            return false;
        }

        PocketSphinxNative.ckd_free(pronunciation);
        return true;
    }

    // Reads ps_get_hyp and compares it with the last partial byte by byte, so an unchanged partial costs no allocation.
    private bool RefreshPartial()
    {
        var hypothesis = PocketSphinxNative.ps_get_hyp(_ps, out _);
        var length = 0;
        var same = true;
        if (hypothesis != IntPtr.Zero)
        {
            for (; length < MaxHypothesisBytes; length++)
            {
                var b = Marshal.ReadByte(hypothesis, length);
                if (b == 0)
                {
                    break;
                }

                if (length >= _partialLength || _partialBytes[length] != b)
                {
                    same = false;
                    _partialBytes[length] = b;
                }
            }
        }

        if (same && length == _partialLength)
        {
            return false;
        }

        _partialLength = length;
        PartialText = Encoding.UTF8.GetString(_partialBytes, 0, length);
        return true;
    }

    private static void Check(int result, string function)
    {
        if (result < 0)
        {
            ThrowFailed(function, result);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowFailed(string function, int result) => throw new InvalidOperationException($"{function} failed ({result}).");

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowNotInUtterance() => throw new InvalidOperationException("No utterance is running; call StartUtterance first.");

    private static partial class Log
    {
        [LoggerMessage(3450, LogLevel.Debug, "pocketsphinx loaded with {Phrases} expected phrases ({Skipped} skipped) in {ElapsedMs} ms")]
        public static partial void Loaded(ILogger logger, int phrases, int skipped, int elapsedMs);

        [LoggerMessage(3451, LogLevel.Warning, "pocketsphinx: expected phrase '{Phrase}' skipped, words not in the dictionary: {UnknownWords}")]
        public static partial void PhraseSkipped(ILogger logger, string phrase, string unknownWords);
    }
}
