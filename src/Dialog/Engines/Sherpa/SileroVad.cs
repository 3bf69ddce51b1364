using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Softswitch.Dialog.Engines.Vad;

namespace Softswitch.Dialog.Engines.Sherpa;

/// <summary>
/// Silero VAD through sherpa-onnx's voice activity detector, for one call: feed 20 ms frames of 16 kHz PCM16 with
/// <see cref="Process"/> and get speech start/end events; <see cref="LastSegment"/> holds the finished segment's bounds.
/// Not thread-safe (one call = one actor). <see cref="Process"/> does not allocate: samples collect into one 512-sample window
/// (32 ms, Silero's window at 16 kHz), handed to the model when full.
/// </summary>
public sealed class SileroVad : IDisposable
{
    /// <summary>Input sample rate.</summary>
    public const int SampleRate = 16000;

    /// <summary>Silero's window at 16 kHz.</summary>
    public const int WindowSamples = 512;

    private readonly SafeDetectorHandle _detector;
    private readonly float[] _window = new float[WindowSamples];
    private int _windowFill;
    private long _samplesIn;
    private bool _inSpeech;

    private SileroVad(SafeDetectorHandle detector) => _detector = detector;

    /// <summary>Whether the detector is inside speech (after <see cref="VoiceActivityEvent.SpeechStarted"/>).</summary>
    public bool IsSpeech => _inSpeech;

    /// <summary>Samples fed so far.</summary>
    public long SamplesProcessed => _samplesIn;

    /// <summary>The last finished segment (start and length in samples at 16 kHz, from the start of the stream).</summary>
    public (long StartSample, int LengthSamples) LastSegment { get; private set; }

    /// <summary>Loads the model.</summary>
    /// <param name="options">Settings; validated first.</param>
    /// <param name="logger">Logger, or null.</param>
    /// <returns>The detector.</returns>
    /// <exception cref="FileNotFoundException">The model file is missing (named, with where to get it).</exception>
    /// <exception cref="DllNotFoundException">sherpa-onnx or ONNX Runtime is missing (named, with <c>./softswitch setup</c>).</exception>
    /// <exception cref="InvalidOperationException">sherpa-onnx refused the model.</exception>
    public static SileroVad Create(SileroVadOptions options, ILogger<SileroVad>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        SherpaOnnx.EnsureLoaded();

        var model = Marshal.StringToCoTaskMemUTF8(Path.GetFullPath(options.ModelPath));
        var provider = Marshal.StringToCoTaskMemUTF8("cpu");
        var config = IntPtr.Zero;
        try
        {
            config = SherpaOnnx.AllocConfig(new SherpaOnnx.VadModelConfig
            {
                SileroVad = new SherpaOnnx.SileroVadModelConfig
                {
                    Model = model,
                    Threshold = options.Threshold,
                    MinSilenceDuration = (float)options.MinSilenceDuration.TotalSeconds,
                    MinSpeechDuration = (float)options.MinSpeechDuration.TotalSeconds,
                    WindowSize = WindowSamples,
                    MaxSpeechDuration = (float)options.MaxSpeechDuration.TotalSeconds,
                },
                SampleRate = SampleRate,
                NumThreads = options.NumThreads,
                Provider = provider,
            });

            // The ring buffer must hold the longest segment: max speech plus the silence that ends it, with margin.
            var bufferSeconds = (float)(options.MaxSpeechDuration + options.MinSilenceDuration).TotalSeconds + 10f;
            var handle = SherpaOnnx.CreateVoiceActivityDetector(config, bufferSeconds);
            if (handle == IntPtr.Zero)
            {
                throw new InvalidOperationException($"sherpa-onnx could not create a Silero VAD from '{options.ModelPath}' (see its message on stderr).");
            }

            Log.SileroVadLoaded(logger ?? (ILogger)NullLogger.Instance, options.ModelPath, Marshal.PtrToStringUTF8(SherpaOnnx.GetVersionStr()) ?? "?", options.Threshold, options.NumThreads);
            return new SileroVad(new SafeDetectorHandle(handle));
        }
        finally
        {
            Marshal.FreeHGlobal(config);
            Marshal.FreeCoTaskMem(model);
            Marshal.FreeCoTaskMem(provider);
        }
    }

    /// <summary>Feeds one frame (normally 320 samples, 20 ms; at most <see cref="WindowSamples"/>).</summary>
    /// <param name="frame">16 kHz mono PCM16.</param>
    /// <returns>The change this frame caused.</returns>
    public VoiceActivityEvent Process(ReadOnlySpan<short> frame)
    {
        if (frame.Length > WindowSamples)
        {
            ThrowFrameTooLong(frame.Length);
        }

        var result = VoiceActivityEvent.None;
        foreach (var sample in frame)
        {
            _window[_windowFill++] = sample * (1f / 32768f);
            if (_windowFill == WindowSamples)
            {
                _windowFill = 0;
                var windowEvent = FeedWindow();
                if (windowEvent != VoiceActivityEvent.None)
                {
                    result = windowEvent;
                }
            }
        }

        _samplesIn += frame.Length;
        return result;
    }

    /// <summary>Ends the stream: a segment still open is closed (<see cref="VoiceActivityEvent.SpeechEnded"/>).</summary>
    /// <returns>The change.</returns>
    public VoiceActivityEvent Flush()
    {
        var pointer = _detector.DangerousGetHandle();
        if (_windowFill > 0)
        {
            SherpaOnnx.VoiceActivityDetectorAcceptWaveform(pointer, in _window[0], _windowFill);
            _windowFill = 0;
        }

        SherpaOnnx.VoiceActivityDetectorFlush(pointer);
        return DrainSegments() || _inSpeech ? EndSpeech() : VoiceActivityEvent.None;
    }

    /// <summary>Forgets the stream (new call or new turn).</summary>
    public void Reset()
    {
        SherpaOnnx.VoiceActivityDetectorReset(_detector.DangerousGetHandle());
        _windowFill = 0;
        _samplesIn = 0;
        _inSpeech = false;
        LastSegment = default;
    }

    /// <inheritdoc/>
    public void Dispose() => _detector.Dispose();

    private VoiceActivityEvent FeedWindow()
    {
        var pointer = _detector.DangerousGetHandle();
        SherpaOnnx.VoiceActivityDetectorAcceptWaveform(pointer, in _window[0], WindowSamples);
        if (DrainSegments())
        {
            return EndSpeech();
        }

        if (!_inSpeech && SherpaOnnx.VoiceActivityDetectorDetected(pointer) != 0)
        {
            _inSpeech = true;
            return VoiceActivityEvent.SpeechStarted;
        }

        return VoiceActivityEvent.None;
    }

    private VoiceActivityEvent EndSpeech()
    {
        _inSpeech = false;
        return VoiceActivityEvent.SpeechEnded;
    }

    /// <summary>Pops every finished segment (freeing sherpa's copy of its samples), keeping the last one's bounds.</summary>
    private bool DrainSegments()
    {
        var pointer = _detector.DangerousGetHandle();
        var any = false;
        while (SherpaOnnx.VoiceActivityDetectorEmpty(pointer) == 0)
        {
            var segment = SherpaOnnx.VoiceActivityDetectorFront(pointer);
            if (segment != IntPtr.Zero)
            {
                LastSegment = (Marshal.ReadInt32(segment, SherpaOnnx.SpeechSegmentStartOffset), Marshal.ReadInt32(segment, SherpaOnnx.SpeechSegmentLengthOffset));
                SherpaOnnx.DestroySpeechSegment(segment);
                any = true;
            }

            SherpaOnnx.VoiceActivityDetectorPop(pointer);
        }

        return any;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowFrameTooLong(int length) =>
        throw new ArgumentOutOfRangeException("frame", length, $"A frame holds at most {WindowSamples} samples (normally 320: 20 ms at 16 kHz).");

    private sealed class SafeDetectorHandle : SafeHandle
    {
        public SafeDetectorHandle(IntPtr handle)
            : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

        public override bool IsInvalid => handle == IntPtr.Zero;

        protected override bool ReleaseHandle()
        {
            SherpaOnnx.DestroyVoiceActivityDetector(handle);
            return true;
        }
    }
}
