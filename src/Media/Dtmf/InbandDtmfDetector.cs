using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Softswitch.Media.Native;

namespace Softswitch.Media.Dtmf;

/// <summary>
/// Finds DTMF key presses in received audio with the spandsp 0.0.6 DTMF receiver (Debian <c>libspandsp2</c>; ITU-T Q.24
/// compliant, 102-sample Goertzel blocks, good talk-off). Feed decoded audio frame by frame with
/// <see cref="Process(ReadOnlySpan{short})"/> (8 kHz) or <see cref="Process(ReadOnlySpan{short}, int)"/> (8 or 16 kHz) and
/// take finished digits with <see cref="TryDequeue"/>. Allocation-free after construction; not thread-safe (one instance per
/// received stream).
/// </summary>
/// <remarks>
/// <para>
/// spandsp reports through its realtime callback (<c>dtmf_rx_set_realtime_callback</c>, present in 0.0.6): the key when a
/// tone is confirmed and 0 when it ends, each time with the number of samples since the previous report. A digit is queued
/// when its tone ends (or when another key's tone directly replaces it), with the samples between its start and end reports
/// as its duration, plus <see cref="DurationBiasSamples"/>: the blocks that straddle the tone's start and end rarely count
/// as tone, so the raw figure runs short by about half a 102-sample block on average (measured: -8 ms over the 16 keys,
/// 40-250 ms tones, through G.711 with noise). With the correction, durations come out within about ±13 ms (one block).
/// A tone still sounding when the stream stops is not reported.
/// </para>
/// <para>
/// The callback is a static <see cref="UnmanagedCallersOnlyAttribute"/> method whose address is taken once through
/// <see cref="RuntimeMethodHandle.GetFunctionPointer"/> (documented to return the native-callable entry point for such
/// methods), so no delegate is created or kept alive and no <c>unsafe</c> code is needed. Its <c>user_data</c> is a weak
/// <see cref="GCHandle"/> to this detector, owned and freed by the <see cref="SafeHandle"/> that frees the spandsp state.
/// </para>
/// </remarks>
public sealed class InbandDtmfDetector : IDisposable
{
    /// <summary>Default capacity of the digit queue.</summary>
    public const int DefaultQueueCapacity = 16;

    /// <summary>The detector's own rate in Hz; other rates are converted to it.</summary>
    public const int SampleRate = 8000;

    /// <summary>Added to the measured length of each tone: 8 ms, about half of spandsp's 102-sample detection block (see remarks).</summary>
    public const int DurationBiasSamples = 64;

    // 16 kHz input is decimated in chunks of this many input samples (one 20 ms frame).
    private const int WidebandChunk = 320;

    private static readonly IntPtr s_toneReport = typeof(InbandDtmfDetector)
        .GetMethod(nameof(OnToneReport), BindingFlags.NonPublic | BindingFlags.Static)!
        .MethodHandle.GetFunctionPointer();

    private readonly SpanDspDtmfRxHandle _state;
    private readonly DtmfDigit[] _queue;
    private readonly DtmfDecimator _decimator = new();
    private readonly short[] _narrowband = new short[DtmfDecimator.MaxOutputLength(WidebandChunk)];
    private int _head;
    private int _count;
    private char _toneDigit;

    /// <summary>Creates a detector with spandsp's defaults (no dial-tone filter) and a queue of <see cref="DefaultQueueCapacity"/>.</summary>
    /// <exception cref="DllNotFoundException">libspandsp.so.2 is not installed; the message names the package.</exception>
    public InbandDtmfDetector()
        : this(DefaultQueueCapacity, filterDialTone: false)
    {
    }

    /// <summary>Creates a detector.</summary>
    /// <param name="queueCapacity">Finished digits kept until <see cref="TryDequeue"/> takes them.</param>
    /// <param name="filterDialTone">Filter out 350/440 Hz dial tone before detection (spandsp's <c>filter_dialtone</c>).</param>
    /// <exception cref="DllNotFoundException">libspandsp.so.2 is not installed; the message names the package.</exception>
    public InbandDtmfDetector(int queueCapacity, bool filterDialTone)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(queueCapacity);
        NativeLibraries.Load(NativeLibraries.SpanDsp);
        _queue = new DtmfDigit[queueCapacity];
        _state = SpanDspDtmf.RxInit(IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
        if (_state.IsInvalid)
        {
            _state.Dispose();
            throw new InvalidOperationException("dtmf_rx_init failed.");
        }

        var owner = GCHandle.Alloc(this, GCHandleType.Weak);
        _state.SetOwner(owner);
        SpanDspDtmf.RxSetRealtimeCallback(_state, s_toneReport, GCHandle.ToIntPtr(owner));
        if (filterDialTone)
        {
            SpanDspDtmf.RxParms(_state, filterDialtone: 1, twist: -1, reverseTwist: -1, threshold: -99);
        }
    }

    /// <summary>Finished digits waiting in the queue.</summary>
    public int Count => _count;

    /// <summary>Digits lost because the queue was full (the oldest are kept).</summary>
    public long DroppedDigits { get; private set; }

    /// <summary>The key whose tone is sounding now, or '\0'.</summary>
    public char CurrentDigit => _toneDigit;

    /// <summary>Feeds 8 kHz audio.</summary>
    /// <param name="pcm8k">Linear 16-bit samples at 8 kHz, any length.</param>
    public void Process(ReadOnlySpan<short> pcm8k)
    {
        ObjectDisposedException.ThrowIf(_state.IsClosed, this);
        if (!pcm8k.IsEmpty)
        {
            SpanDspDtmf.Rx(_state, ref MemoryMarshal.GetReference(pcm8k), pcm8k.Length);
        }
    }

    /// <summary>Feeds audio at 8 kHz, or at 16 kHz through a 2:1 decimating low-pass (DTMF tones are below 1.7 kHz).</summary>
    /// <param name="pcm">Linear 16-bit samples, any length; keep the rate the same for the life of the detector.</param>
    /// <param name="sampleRate">8000 or 16000.</param>
    public void Process(ReadOnlySpan<short> pcm, int sampleRate)
    {
        if (sampleRate == SampleRate)
        {
            Process(pcm);
            return;
        }

        if (sampleRate != 2 * SampleRate)
        {
            ThrowUnsupportedRate(sampleRate);
        }

        while (!pcm.IsEmpty)
        {
            ReadOnlySpan<short> chunk = pcm.Slice(0, Math.Min(pcm.Length, WidebandChunk));
            pcm = pcm.Slice(chunk.Length);
            int written = _decimator.Process(chunk, _narrowband);
            Process(_narrowband.AsSpan(0, written));
        }
    }

    /// <summary>Takes the oldest finished digit.</summary>
    /// <param name="digit">The digit, with <see cref="DtmfSource.InBand"/>.</param>
    /// <returns>False when none is waiting.</returns>
    public bool TryDequeue(out DtmfDigit digit)
    {
        if (_count == 0)
        {
            digit = default;
            return false;
        }

        digit = _queue[_head];
        _head = (_head + 1) % _queue.Length;
        _count--;
        return true;
    }

    /// <summary>Frees the spandsp state.</summary>
    public void Dispose() => _state.Dispose();

    // tone_report_func_t: void (*)(void *user_data, int code, int level, int delay). Must never throw.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnToneReport(IntPtr userData, int code, int level, int delay)
    {
        if (GCHandle.FromIntPtr(userData).Target is InbandDtmfDetector detector)
        {
            detector.OnTone(code, delay);
        }
    }

    private void OnTone(int code, int samplesSinceLastReport)
    {
        if (_toneDigit != '\0')
        {
            // The tone ended, or another key's tone replaced it without a gap.
            long samples = (long)samplesSinceLastReport + DurationBiasSamples;
            Enqueue(new DtmfDigit(_toneDigit, TimeSpan.FromTicks(samples * TimeSpan.TicksPerSecond / SampleRate), DtmfSource.InBand));
        }

        _toneDigit = code is > 0 and <= char.MaxValue ? (char)code : '\0';
    }

    private void Enqueue(DtmfDigit digit)
    {
        if (_count == _queue.Length)
        {
            DroppedDigits++;
            return;
        }

        _queue[(_head + _count) % _queue.Length] = digit;
        _count++;
    }

    [DoesNotReturn]
    private static void ThrowUnsupportedRate(int sampleRate) => throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "Only 8000 and 16000 Hz are supported.");
}
