using System.Buffers;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Softswitch.Dialog.Engines.Whisper;

/// <summary>
/// Speech to text with whisper.cpp: the model is loaded once (one engine per process, a singleton), each transcription runs
/// on its own whisper state (pooled), so calls may transcribe at the same time. Input is 16 kHz mono PCM.
/// Dispose only when no transcription is running.
/// </summary>
public sealed partial class WhisperEngine : IDisposable
{
    /// <summary>Sample rate of the audio the engine takes.</summary>
    public const int SampleRate = WhisperNative.SampleRate;

    private static readonly WhisperNative.AbortCallback s_abort = OnAbort;
    private static readonly WhisperNative.NewSegmentCallback s_newSegment = OnNewSegment;
    private static readonly WhisperNative.LogCallback s_log = OnNativeLog;
    private static readonly IntPtr s_abortPointer = Marshal.GetFunctionPointerForDelegate(s_abort);
    private static readonly IntPtr s_newSegmentPointer = Marshal.GetFunctionPointerForDelegate(s_newSegment);
    private static readonly IntPtr s_logPointer = Marshal.GetFunctionPointerForDelegate(s_log);
    private static volatile ILogger? s_nativeLogger;

    private readonly ILogger _logger;
    private readonly WhisperOptions _options;
    private readonly ConcurrentBag<IntPtr> _states = [];
    private readonly IntPtr _language;
    private readonly WhisperFullParams _parameters;
    private IntPtr _context;

    /// <summary>Loads the model.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="logger">The logger; whisper.cpp's own messages come here too (at Debug, warnings and errors above).</param>
    /// <exception cref="ValidationException">The settings are invalid.</exception>
    /// <exception cref="FileNotFoundException">The model file is missing: the message names it and says how to get one.</exception>
    /// <exception cref="DllNotFoundException">libwhisper.so is missing: the message names it and says to run <c>./softswitch setup</c>.</exception>
    /// <exception cref="InvalidDataException">whisper.cpp could not load the file as a model.</exception>
    public WhisperEngine(IOptions<WhisperOptions> options, ILogger<WhisperEngine> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _logger = logger;
        Validator.ValidateObject(_options, new ValidationContext(_options), validateAllProperties: true);

        ModelPath = Path.GetFullPath(_options.ModelPath);
        if (!File.Exists(ModelPath))
        {
            ThrowModelMissing(ModelPath);
        }

        WhisperNative.Load();
        s_nativeLogger = logger;
        WhisperNative.SetLog(s_logPointer, IntPtr.Zero);
        if (WhisperNative.LanguageId(_options.Language) < 0)
        {
            throw new ValidationException($"Language '{_options.Language}' is not a language whisper.cpp knows.");
        }

        Version = Marshal.PtrToStringUTF8(WhisperNative.Version()) ?? string.Empty;
        var contextParameters = WhisperNative.ContextDefaultParams();
        contextParameters.UseGpu = _options.UseGpu ? (byte)1 : (byte)0;
        var started = Stopwatch.GetTimestamp();
        _context = WhisperNative.InitFromFileNoState(ModelPath, contextParameters);
        if (_context == IntPtr.Zero)
        {
            throw new InvalidDataException($"whisper.cpp {Version} could not load '{ModelPath}' as a ggml Whisper model (wrong format or damaged file).");
        }

        ModelType = Marshal.PtrToStringUTF8(WhisperNative.ModelTypeReadable(_context)) ?? string.Empty;
        IsMultilingual = WhisperNative.IsMultilingual(_context) != 0;
        _language = Marshal.StringToCoTaskMemUTF8(_options.Language);
        _parameters = CreateParameters(_options.Threads, _language);
        Log.ModelLoaded(_logger, ModelPath, ModelType, Version, Stopwatch.GetElapsedTime(started).TotalMilliseconds, _options.Threads);
    }

    /// <summary>Full path of the model file.</summary>
    public string ModelPath { get; }

    /// <summary>The whisper.cpp version (<c>whisper_version</c>), e.g. <c>1.9.1</c>.</summary>
    public string Version { get; }

    /// <summary>The model's size class as whisper.cpp reads it, e.g. <c>tiny</c> or <c>base</c>.</summary>
    public string ModelType { get; }

    /// <summary>Whether the model is multilingual (false for the <c>.en</c> models).</summary>
    public bool IsMultilingual { get; }

    /// <summary>Transcribes one utterance of 16 kHz mono PCM.</summary>
    /// <param name="pcm">The audio, 16 kHz mono signed 16-bit.</param>
    /// <param name="cancellationToken">
    /// Aborts whisper.cpp through its abort callback, which it checks after the encoder pass and after each decoder step: the
    /// latency is at most one encoder pass over the 30 s window (about 1 s for tiny on one thread).
    /// </param>
    /// <returns>The transcript.</returns>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="InvalidOperationException">whisper.cpp failed.</exception>
    public WhisperTranscript Transcribe(ReadOnlySpan<short> pcm, CancellationToken cancellationToken) => Transcribe(pcm, onSegment: null, cancellationToken);

    /// <summary>Transcribes one utterance, handing each segment to <paramref name="onSegment"/> as soon as whisper.cpp has decoded it.</summary>
    /// <param name="pcm">The audio, 16 kHz mono signed 16-bit.</param>
    /// <param name="onSegment">Called on the transcribing thread with each new segment (partial results of a long utterance), or null.</param>
    /// <param name="cancellationToken">Aborts whisper.cpp between compute steps.</param>
    /// <returns>The transcript.</returns>
    public WhisperTranscript Transcribe(ReadOnlySpan<short> pcm, Action<WhisperSegment>? onSegment, CancellationToken cancellationToken)
    {
        var samples = ArrayPool<float>.Shared.Rent(Math.Max(1, pcm.Length));
        try
        {
            ToFloat(pcm, samples);
            return Run(samples.AsSpan(0, pcm.Length), singleSegment: false, onSegment, cancellationToken);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(samples);
        }
    }

    /// <summary>
    /// A buffer for one utterance that the call fills frame by frame while the caller speaks, for partial and final results.
    /// Allocate one per call at call setup.
    /// </summary>
    /// <returns>The empty utterance.</returns>
    public WhisperUtterance CreateUtterance() => new(this, (int)(_options.MaxUtterance.TotalSeconds * SampleRate));

    /// <inheritdoc/>
    public void Dispose()
    {
        var context = Interlocked.Exchange(ref _context, IntPtr.Zero);
        if (context == IntPtr.Zero)
        {
            return;
        }

        while (_states.TryTake(out var state))
        {
            WhisperNative.FreeState(state);
        }

        WhisperNative.Free(context);
        Marshal.FreeCoTaskMem(_language);
    }

    internal static void ToFloat(ReadOnlySpan<short> pcm, Span<float> samples)
    {
        for (var i = 0; i < pcm.Length; i++)
        {
            samples[i] = pcm[i] / 32768f;
        }
    }

    internal WhisperTranscript Run(ReadOnlySpan<float> samples, bool singleSegment, Action<WhisperSegment>? onSegment, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_context == IntPtr.Zero, this);
        cancellationToken.ThrowIfCancellationRequested();
        var audio = TimeSpan.FromSeconds((double)samples.Length / SampleRate);
        if (samples.IsEmpty)
        {
            return new WhisperTranscript(string.Empty, [], audio, TimeSpan.Zero);
        }

        var state = RentState();
        var run = new RunState(cancellationToken, onSegment);
        var handle = GCHandle.Alloc(run);
        try
        {
            var parameters = _parameters;
            parameters.SingleSegment = singleSegment ? (byte)1 : (byte)0;
            parameters.AbortCallbackUserData = GCHandle.ToIntPtr(handle);
            if (onSegment is not null)
            {
                parameters.NewSegmentCallback = s_newSegmentPointer;
                parameters.NewSegmentCallbackUserData = GCHandle.ToIntPtr(handle);
            }

            var started = Stopwatch.GetTimestamp();
            var result = WhisperNative.FullWithState(_context, state, parameters, ref MemoryMarshal.GetReference(samples), samples.Length);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (cancellationToken.IsCancellationRequested)
            {
                ThrowCancelled(result, cancellationToken);
            }

            if (run.CallbackError is { } error)
            {
                throw new InvalidOperationException("The segment callback failed.", error);
            }

            if (result != 0)
            {
                throw new InvalidOperationException($"whisper_full_with_state failed with {result} on {audio.TotalSeconds:0.00} s of audio.");
            }

            var count = WhisperNative.SegmentCount(state);
            var segments = new WhisperSegment[count];
            for (var i = 0; i < count; i++)
            {
                segments[i] = ReadSegment(state, i);
            }

            var text = string.Join(' ', segments.Where(s => s.Text.Length > 0).Select(s => s.Text));
            Log.Transcribed(_logger, audio.TotalMilliseconds, elapsed.TotalMilliseconds, count, text.Length);
            return new WhisperTranscript(text, segments, audio, elapsed);
        }
        finally
        {
            handle.Free();
            _states.Add(state);
        }
    }

    private static WhisperFullParams CreateParameters(int threads, IntPtr language)
    {
        var parameters = WhisperNative.FullDefaultParams(WhisperNative.SamplingGreedy);
        parameters.ThreadCount = threads;
        parameters.Language = language;
        parameters.DetectLanguage = 0;
        parameters.Translate = 0;
        parameters.NoContext = 1;
        parameters.NoTimestamps = 0;
        parameters.PrintProgress = 0;
        parameters.PrintRealtime = 0;
        parameters.PrintTimestamps = 0;
        parameters.PrintSpecial = 0;
        parameters.AbortCallback = s_abortPointer;
        return parameters;
    }

    private static WhisperSegment ReadSegment(IntPtr state, int index) => new(
        TimeSpan.FromMilliseconds(WhisperNative.SegmentStart(state, index) * 10), // centiseconds
        TimeSpan.FromMilliseconds(WhisperNative.SegmentEnd(state, index) * 10),
        (Marshal.PtrToStringUTF8(WhisperNative.SegmentText(state, index)) ?? string.Empty).Trim(),
        WhisperNative.SegmentNoSpeechProbability(state, index));

    private static bool OnAbort(IntPtr userData) =>
        GCHandle.FromIntPtr(userData).Target is RunState run && (run.CancellationToken.IsCancellationRequested || run.CallbackError is not null);

    private static void OnNewSegment(IntPtr context, IntPtr state, int newSegments, IntPtr userData)
    {
        if (GCHandle.FromIntPtr(userData).Target is not RunState { OnSegment: { } onSegment } run || run.CallbackError is not null)
        {
            return;
        }

        try
        {
            var count = WhisperNative.SegmentCount(state);
            for (var i = Math.Max(0, count - newSegments); i < count; i++)
            {
                onSegment(ReadSegment(state, i));
            }
        }
        catch (Exception exception)
        {
            run.CallbackError = exception; // never let it unwind into native code; rethrown after whisper_full returns
        }
    }

    private static void OnNativeLog(int level, IntPtr text, IntPtr userData)
    {
        // ggml_log_level: 1 debug, 2 info, 3 warn, 4 error, 5 continuation.
        var logger = s_nativeLogger;
        var logLevel = level switch { 4 => LogLevel.Error, 3 => LogLevel.Warning, _ => LogLevel.Debug };
        if (logger is null || !logger.IsEnabled(logLevel))
        {
            return;
        }

        var message = (Marshal.PtrToStringUTF8(text) ?? string.Empty).TrimEnd();
        if (message.Length > 0)
        {
            Log.Native(logger, logLevel, message);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowCancelled(int result, CancellationToken cancellationToken) => throw new OperationCanceledException(
        result == 0 ? "Transcription cancelled after whisper.cpp had finished." : $"Transcription cancelled: whisper.cpp aborted (whisper_full_with_state returned {result}).",
        cancellationToken);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowModelMissing(string path) => throw new FileNotFoundException(
        $"Whisper model file '{path}' was not found. Download a ggml Whisper model ({Softswitch.Dialog.Models.ModelCatalog.PullHint("whisper-base-en")}, " +
        "or ggml-base.en.bin from https://huggingface.co/ggerganov/whisper.cpp) and set ModelPath to it.", path);

    private IntPtr RentState()
    {
        if (_states.TryTake(out var state))
        {
            return state;
        }

        state = WhisperNative.InitState(_context);
        return state != IntPtr.Zero ? state : throw new InvalidOperationException($"whisper_init_state failed for '{ModelPath}' (out of memory?).");
    }

    private sealed class RunState(CancellationToken cancellationToken, Action<WhisperSegment>? onSegment)
    {
        public CancellationToken CancellationToken { get; } = cancellationToken;

        public Action<WhisperSegment>? OnSegment { get; } = onSegment;

        public Exception? CallbackError { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(3350, LogLevel.Information, "Whisper model {Path} loaded ({ModelType}, whisper.cpp {Version}) in {ElapsedMs:0} ms; {Threads} thread(s)")]
        public static partial void ModelLoaded(ILogger logger, string path, string modelType, string version, double elapsedMs, int threads);

        [LoggerMessage(3351, LogLevel.Debug, "Whisper transcribed {AudioMs:0} ms of audio in {ElapsedMs:0} ms: {Segments} segment(s), {Characters} characters")]
        public static partial void Transcribed(ILogger logger, double audioMs, double elapsedMs, int segments, int characters);

        [LoggerMessage(EventId = 3352, Message = "whisper.cpp: {Message}")]
        public static partial void Native(ILogger logger, LogLevel level, string message);
    }
}
