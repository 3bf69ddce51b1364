using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Softswitch.Media.Native;

namespace Softswitch.Media.Resampling;

/// <summary>
/// Mono PCM16 sample-rate converter over the speexdsp resampler (Debian <c>libspeexdsp1</c>). Stateful: feed a stream's
/// consecutive chunks to the same instance. <see cref="Process(ReadOnlySpan{short}, Span{short})"/> writes into the caller's
/// buffer and does not allocate. Not thread-safe: one instance per stream direction.
/// </summary>
public sealed class SpeexResampler : IDisposable
{
    /// <summary>Quality suited to telephony (speexdsp's <c>SPEEX_RESAMPLER_QUALITY_VOIP</c>).</summary>
    public const int QualityVoip = 3;

    /// <summary>speexdsp's default quality.</summary>
    public const int QualityDefault = 4;

    /// <summary>Highest quality.</summary>
    public const int QualityMax = 10;

    private readonly SpeexResamplerHandle _handle;

    /// <summary>Creates a mono resampler.</summary>
    /// <param name="inputRate">Input rate in Hz (8000, 16000, 22050, 48000...).</param>
    /// <param name="outputRate">Output rate in Hz.</param>
    /// <param name="quality">0 (fastest) to 10 (best). Defaults to <see cref="QualityVoip"/>.</param>
    /// <exception cref="DllNotFoundException">libspeexdsp.so.1 is not installed; the message names the package.</exception>
    public SpeexResampler(int inputRate, int outputRate, int quality = QualityVoip)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        ArgumentOutOfRangeException.ThrowIfNegative(quality);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, QualityMax);
        NativeLibraries.Load(NativeLibraries.SpeexDsp);
        _handle = SpeexDsp.ResamplerInit(1, (uint)inputRate, (uint)outputRate, quality, out int error);
        if (_handle.IsInvalid || error != SpeexDsp.Success)
        {
            _handle.Dispose();
            throw new InvalidOperationException($"speex_resampler_init({inputRate}, {outputRate}, {quality}) failed with error {error}.");
        }

        InputRate = inputRate;
        OutputRate = outputRate;
    }

    /// <summary>Input rate in Hz.</summary>
    public int InputRate { get; }

    /// <summary>Output rate in Hz.</summary>
    public int OutputRate { get; }

    /// <summary>Filter delay in input samples; feed this many zeros at the end of a finite stream to flush its tail.</summary>
    public int InputLatency => SpeexDsp.ResamplerGetInputLatency(_handle);

    /// <summary>The output buffer length that always suffices for <paramref name="inputLength"/> input samples.</summary>
    /// <param name="inputLength">Input samples.</param>
    /// <returns>Output samples, rounded up plus one.</returns>
    public int MaxOutputLength(int inputLength) => (int)(((long)inputLength * OutputRate + InputRate - 1) / InputRate) + 1;

    /// <summary>Converts as much of <paramref name="input"/> as fits in <paramref name="output"/>.</summary>
    /// <param name="input">Input samples.</param>
    /// <param name="output">Output buffer.</param>
    /// <param name="consumed">Input samples consumed.</param>
    /// <param name="written">Output samples written.</param>
    public void Process(ReadOnlySpan<short> input, Span<short> output, out int consumed, out int written)
    {
        uint inLength = (uint)input.Length;
        uint outLength = (uint)output.Length;
        int result = SpeexDsp.ResamplerProcessInt(
            _handle,
            0,
            ref MemoryMarshal.GetReference(input),
            ref inLength,
            ref MemoryMarshal.GetReference(output),
            ref outLength);
        if (result != SpeexDsp.Success)
        {
            ThrowProcessFailed(result);
        }

        consumed = (int)inLength;
        written = (int)outLength;
    }

    /// <summary>Converts all of <paramref name="input"/>.</summary>
    /// <param name="input">Input samples.</param>
    /// <param name="output">At least <see cref="MaxOutputLength"/> samples.</param>
    /// <returns>Output samples written.</returns>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        int total = 0;
        while (true)
        {
            Process(input, output.Slice(total), out int consumed, out int written);
            total += written;
            input = input.Slice(consumed);
            if (input.IsEmpty)
            {
                return total;
            }

            if (written == 0 && consumed == 0)
            {
                ThrowOutputTooShort();
            }
        }
    }

    /// <summary>
    /// Drops the filter's leading zeros so output sample 0 lines up with input sample 0 (<c>speex_resampler_skip_zeros</c>).
    /// Call once before the first <see cref="Process(ReadOnlySpan{short}, Span{short})"/> of a finite stream.
    /// </summary>
    public void SkipZeros() => SpeexDsp.ResamplerSkipZeros(_handle);

    /// <summary>Clears the filter memory, as for a new stream.</summary>
    public void Reset() => SpeexDsp.ResamplerResetMem(_handle);

    /// <summary>Loads libspeexdsp now, so a missing library fails where a session is set up, with the file and package named.</summary>
    /// <exception cref="DllNotFoundException">libspeexdsp.so.1 is not installed.</exception>
    public static void EnsureAvailable() => NativeLibraries.Load(NativeLibraries.SpeexDsp);

    /// <summary>
    /// Converts a whole finite signal, aligned and with its tail flushed, into a new array of about
    /// <c>input.Length * outputRate / inputRate</c> samples. For files and TTS, not for the packet path.
    /// </summary>
    /// <param name="input">The signal.</param>
    /// <param name="inputRate">Its rate in Hz.</param>
    /// <param name="outputRate">The wanted rate in Hz.</param>
    /// <param name="quality">0–10; defaults to <see cref="QualityDefault"/>.</param>
    /// <returns>The converted signal.</returns>
    public static short[] ResampleAll(ReadOnlySpan<short> input, int inputRate, int outputRate, int quality = QualityDefault)
    {
        if (inputRate == outputRate)
        {
            return input.ToArray();
        }

        using var resampler = new SpeexResampler(inputRate, outputRate, quality);
        resampler.SkipZeros();
        int expected = (int)((long)input.Length * outputRate / inputRate);
        // Flush the filter's tail with zeros; twice its latency (plus a little) always covers it.
        int flush = (2 * resampler.InputLatency) + 16;
        var output = new short[resampler.MaxOutputLength(input.Length + flush)];
        int written = resampler.Process(input, output);
        Span<short> zeros = stackalloc short[16];
        zeros.Clear();
        for (int fed = 0; fed < flush && written < expected; fed += zeros.Length)
        {
            written += resampler.Process(zeros, output.AsSpan(written));
        }

        return output.AsSpan(0, Math.Min(written, expected)).ToArray();
    }

    /// <inheritdoc/>
    public void Dispose() => _handle.Dispose();

    [DoesNotReturn]
    private static void ThrowProcessFailed(int error) => throw new InvalidOperationException($"speex_resampler_process_int failed with error {error}.");

    [DoesNotReturn]
    private static void ThrowOutputTooShort() => throw new ArgumentException("The output buffer is too short; size it with MaxOutputLength.", "output");
}
