namespace Softswitch.Media.Tests;

/// <summary>Test signals and measurements.</summary>
internal static class Signals
{
    public static short[] Sine(double frequency, int sampleRate, int samples, double amplitude = 8000)
    {
        var pcm = new short[samples];
        for (int i = 0; i < samples; i++)
        {
            pcm[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
        }

        return pcm;
    }

    public static double Rms(ReadOnlySpan<short> pcm)
    {
        if (pcm.IsEmpty)
        {
            return 0;
        }

        double sum = 0;
        foreach (short s in pcm)
        {
            sum += (double)s * s;
        }

        return Math.Sqrt(sum / pcm.Length);
    }

    public static int ZeroCrossings(ReadOnlySpan<short> pcm)
    {
        int crossings = 0;
        for (int i = 1; i < pcm.Length; i++)
        {
            if ((pcm[i - 1] < 0 && pcm[i] >= 0) || (pcm[i - 1] >= 0 && pcm[i] < 0))
            {
                crossings++;
            }
        }

        return crossings;
    }

    public static double Decibels(double rmsA, double rmsB) => 20 * Math.Log10(rmsA / rmsB);

    /// <summary>Best normalized cross-correlation of <paramref name="reference"/> against <paramref name="signal"/> over lags 0..maxLag.</summary>
    public static (double Correlation, int Lag) BestCorrelation(ReadOnlySpan<short> signal, ReadOnlySpan<short> reference, int maxLag)
    {
        double refEnergy = 0;
        foreach (short s in reference)
        {
            refEnergy += (double)s * s;
        }

        double best = double.MinValue;
        int bestLag = -1;
        for (int lag = 0; lag <= maxLag && lag + reference.Length <= signal.Length; lag++)
        {
            double dot = 0;
            double energy = 0;
            for (int i = 0; i < reference.Length; i++)
            {
                double x = signal[lag + i];
                dot += x * reference[i];
                energy += x * x;
            }

            double c = energy == 0 ? 0 : dot / Math.Sqrt(energy * refEnergy);
            if (c > best)
            {
                best = c;
                bestLag = lag;
            }
        }

        return (best, bestLag);
    }
}
