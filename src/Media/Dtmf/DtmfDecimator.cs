using System.Numerics;
using System.Runtime.InteropServices;

namespace Softswitch.Media.Dtmf;

/// <summary>
/// 16 kHz to 8 kHz for the DTMF detector: a 31-tap Hamming-windowed sinc low-pass (cut-off 3 kHz; flat to about 2.1 kHz,
/// which covers the highest DTMF tone of 1633 Hz; more than 50 dB down from about 3.9 kHz) keeping every second sample.
/// Stateful across calls (filter history and decimation phase); allocation-free after construction. The taps are padded with
/// a zero (against the oldest sample) to 32 so that each output is a dot product of whole <see cref="Vector{T}"/>s.
/// </summary>
internal sealed class DtmfDecimator
{
    private const int Taps = 31;
    private const int Length = 32; // Taps plus a zero coefficient: a whole number of Vector<float> (4, 8 or 16 lanes)
    private const int History = Length - 1;
    private const int MaxChunk = 320;
    private const double CutoffHz = 3000;
    private const double InputRate = 16000;

    private static readonly float[] s_coefficients = Design();

    // The last History input samples, then the chunk being filtered, as floats. Converting a whole chunk before filtering it
    // keeps the vector loads of the dot products away from freshly stored samples (no store-forwarding stalls).
    private readonly float[] _buffer = new float[History + MaxChunk];

    // Index, in the next chunk, of the first sample that ends an output (0 or 1).
    private int _phase;

    /// <summary>Most output samples for <paramref name="inputLength"/> input samples.</summary>
    public static int MaxOutputLength(int inputLength) => (inputLength + 1) / 2;

    /// <summary>Filters and decimates.</summary>
    /// <param name="input">16 kHz samples.</param>
    /// <param name="output">At least <see cref="MaxOutputLength"/> samples.</param>
    /// <returns>8 kHz samples written.</returns>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        int written = 0;
        while (!input.IsEmpty)
        {
            int length = Math.Min(input.Length, MaxChunk);
            written += ProcessChunk(input.Slice(0, length), output.Slice(written));
            input = input.Slice(length);
        }

        return written;
    }

    private int ProcessChunk(ReadOnlySpan<short> input, Span<short> output)
    {
        float[] buffer = _buffer;
        for (int i = 0; i < input.Length; i++)
        {
            buffer[History + i] = input[i];
        }

        // Input sample i is buffer[History + i]; the window ending there is buffer[i .. i + Length), oldest first.
        ReadOnlySpan<Vector<float>> coefficients = MemoryMarshal.Cast<float, Vector<float>>(s_coefficients);
        int written = 0;
        int next = _phase;
        for (; next < input.Length; next += 2)
        {
            ReadOnlySpan<Vector<float>> window = MemoryMarshal.Cast<float, Vector<float>>(buffer.AsSpan(next, Length));
            Vector<float> sum = coefficients[0] * window[0];
            for (int k = 1; k < window.Length; k++)
            {
                sum += coefficients[k] * window[k];
            }

            output[written++] = (short)Math.Clamp(MathF.Round(Vector.Sum(sum)), short.MinValue, short.MaxValue);
        }

        _phase = next - input.Length;
        buffer.AsSpan(input.Length, History).CopyTo(buffer);
        return written;
    }

    private static float[] Design()
    {
        var coefficients = new float[Length];
        double fc = CutoffHz / InputRate;
        double sum = 0;
        var taps = new double[Taps];
        for (int n = 0; n < Taps; n++)
        {
            int m = n - ((Taps - 1) / 2);
            double sinc = m == 0 ? 2 * fc : Math.Sin(2 * Math.PI * fc * m) / (Math.PI * m);
            double hamming = 0.54 - (0.46 * Math.Cos(2 * Math.PI * n / (Taps - 1)));
            taps[n] = sinc * hamming;
            sum += taps[n];
        }

        for (int n = 0; n < Taps; n++)
        {
            coefficients[n + 1] = (float)(taps[n] / sum); // unity gain at DC; [0], against the oldest sample, stays 0
        }

        return coefficients;
    }
}
