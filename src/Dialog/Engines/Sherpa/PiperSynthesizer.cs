using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Softswitch.Media;
using Softswitch.Media.Resampling;

namespace Softswitch.Dialog.Engines.Sherpa;

/// <summary>
/// Piper (VITS) voices as Piper ships them (<c>.onnx</c> + <c>.onnx.json</c>), run directly over the ONNX Runtime C API that
/// comes with sherpa-onnx (sherpa-onnx itself wants voices converted with its own metadata, which Piper's downloads lack):
/// text → espeak-ng IPA phonemes → Piper phoneme ids → the model → float audio at the voice's rate → 16 kHz PCM16.
/// <see cref="SynthesizeSentencesAsync"/> streams a reply sentence by sentence so playback starts after the first one.
/// Thread-safe (ONNX Runtime sessions are; espeak-ng is serialized). Not a hot path: it allocates the audio it returns.
/// </summary>
public sealed class PiperSynthesizer : IDisposable
{
    private readonly OnnxRuntime _runtime;
    private readonly IntPtr _session;
    private readonly ILogger _logger;
    private readonly int _speakerId;
    private int _disposed;

    private PiperSynthesizer(OnnxRuntime runtime, IntPtr session, PiperVoiceConfig config, int speakerId, ILogger logger)
    {
        _runtime = runtime;
        _session = session;
        Config = config;
        _speakerId = speakerId;
        _logger = logger;
    }

    /// <summary>The voice's config.</summary>
    public PiperVoiceConfig Config { get; }

    /// <summary>Loads a voice.</summary>
    /// <param name="options">Settings; validated first.</param>
    /// <param name="logger">Logger, or null.</param>
    /// <returns>The synthesizer.</returns>
    /// <exception cref="FileNotFoundException">The model or its config is missing (named, with where to get a voice).</exception>
    /// <exception cref="InvalidDataException">The config lacks a field or has a wrong one (named).</exception>
    /// <exception cref="DllNotFoundException">ONNX Runtime is missing (named, with <c>./softswitch setup</c>).</exception>
    /// <exception cref="InvalidOperationException">ONNX Runtime refused the model.</exception>
    public static PiperSynthesizer Create(PiperOptions options, ILogger<PiperSynthesizer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var config = PiperVoiceConfig.Load(options.ConfigPath ?? options.ModelPath + ".json");
        if (options.SpeakerId >= config.NumSpeakers)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SpeakerId, $"{nameof(PiperOptions)}.{nameof(PiperOptions.SpeakerId)} {options.SpeakerId} is past the voice's num_speakers ({config.NumSpeakers}).");
        }

        var runtime = OnnxRuntime.Instance;
        var session = runtime.CreateSession(Path.GetFullPath(options.ModelPath), options.NumThreads);
        var log = logger ?? (ILogger)NullLogger.Instance;
        Log.PiperVoiceLoaded(log, options.ModelPath, config.SampleRate, config.PhonemeIds.Count, config.EspeakVoice);
        return new PiperSynthesizer(runtime, session, config, options.SpeakerId, log);
    }

    /// <summary>Splits text into sentences (after <c>.</c>, <c>!</c>, <c>?</c> or <c>;</c> followed by a space, and at line breaks).</summary>
    /// <param name="text">Text.</param>
    /// <returns>The non-empty sentences, trimmed.</returns>
    public static IReadOnlyList<string> SplitSentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var end = text[i] is '\n' or '\r'
                || (text[i] is '.' or '!' or '?' or ';' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])));
            if (end)
            {
                Add(text.AsSpan(start, i + 1 - start));
                start = i + 1;
            }
        }

        Add(text.AsSpan(start));
        return sentences;

        void Add(ReadOnlySpan<char> sentence)
        {
            var trimmed = sentence.Trim();
            if (!trimmed.IsEmpty)
            {
                sentences.Add(trimmed.ToString());
            }
        }
    }

    /// <summary>espeak-ng's IPA for one sentence, with its closing punctuation kept (Piper voices know <c>. , ! ?</c>).</summary>
    /// <param name="sentence">One sentence.</param>
    /// <returns>Phonemes.</returns>
    public string Phonemize(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var phonemes = EspeakPhonemizer.Phonemize(sentence, Config.EspeakVoice);
        var last = sentence.TrimEnd();
        return last.Length > 0 && last[^1] is '.' or '!' or '?' or ',' or ';' or ':' ? phonemes + last[^1] : phonemes;
    }

    /// <summary>Runs the model on phoneme ids.</summary>
    /// <param name="phonemeIds">From <see cref="PiperVoiceConfig.ToIds"/>.</param>
    /// <returns>Float audio at <see cref="PiperVoiceConfig.SampleRate"/>.</returns>
    public float[] Infer(long[] phonemeIds)
    {
        ArgumentNullException.ThrowIfNull(phonemeIds);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var inputs = new List<(string, int, Array, long[])>(4)
        {
            ("input", OnnxRuntime.TensorInt64, phonemeIds, [1, phonemeIds.Length]),
            ("input_lengths", OnnxRuntime.TensorInt64, new long[] { phonemeIds.Length }, [1]),
            ("scales", OnnxRuntime.TensorFloat, new[] { Config.NoiseScale, Config.LengthScale, Config.NoiseW }, [3]),
        };
        if (Config.NumSpeakers > 1)
        {
            inputs.Add(("sid", OnnxRuntime.TensorInt64, new long[] { _speakerId }, [1]));
        }

        return _runtime.Run(_session, inputs, "output");
    }

    /// <summary>Synthesizes one sentence as 16 kHz mono PCM16.</summary>
    /// <param name="sentence">One sentence.</param>
    /// <returns>16 kHz PCM16.</returns>
    public short[] Synthesize16k(string sentence)
    {
        var started = Stopwatch.GetTimestamp();
        var audio = Infer(Config.ToIds(Phonemize(sentence)));
        var pcm = new short[audio.Length];
        for (var i = 0; i < audio.Length; i++)
        {
            pcm[i] = (short)Math.Clamp(audio[i] * 32767f, short.MinValue, short.MaxValue);
        }

        var result = Config.SampleRate == AudioFormat.SampleRate ? pcm : SpeexResampler.ResampleAll(pcm, Config.SampleRate, AudioFormat.SampleRate);
        Log.PiperSynthesized(_logger, sentence.Length, result.Length, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    /// <summary>Synthesizes text sentence by sentence, each on the thread pool, yielding each sentence's audio when ready.</summary>
    /// <param name="text">The reply.</param>
    /// <param name="cancellationToken">Stops before the next sentence (barge-in).</param>
    /// <returns>16 kHz PCM16, one array per sentence.</returns>
    public async IAsyncEnumerable<short[]> SynthesizeSentencesAsync(string text, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var sentence in SplitSentences(text))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return await Task.Run(() => Synthesize16k(sentence), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _runtime.ReleaseSession(_session);
        }
    }
}
