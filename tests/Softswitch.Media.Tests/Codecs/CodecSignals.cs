using Softswitch.Media.Codecs;

namespace Softswitch.Media.Tests.Codecs;

/// <summary>Speech-like test signals and codec quality measures.</summary>
internal static class CodecSignals
{
    /// <summary>
    /// A voiced, speech-like signal: harmonics of a gliding fundamental (110-190 Hz) up to 3.4 kHz (8 kHz) or 7 kHz (16 kHz),
    /// weighted by three formant-like resonances, under a 4 Hz syllabic envelope. RMS about 3000 (-20 dBov).
    /// </summary>
    public static short[] SpeechLike(int sampleRate, double seconds)
    {
        int samples = (int)(sampleRate * seconds);
        double top = sampleRate == 8000 ? 3400 : 7000;
        var pcm = new short[samples];
        var phases = new double[64];
        for (int n = 0; n < samples; n++)
        {
            double t = (double)n / sampleRate;
            double f0 = 150 + (40 * Math.Sin(2 * Math.PI * 0.7 * t)) + (8 * Math.Sin(2 * Math.PI * 5.5 * t));
            double envelope = 0.15 + (0.85 * Math.Pow(Math.Sin(Math.PI * 4 * t), 2));
            double value = 0;
            for (int k = 1; k < phases.Length && k * f0 < top; k++)
            {
                double f = k * f0;
                phases[k] += 2 * Math.PI * f / sampleRate;
                double weight = (Formant(f, 600, 150) + (0.6 * Formant(f, 1400, 200)) + (0.3 * Formant(f, 2600, 300)) + 0.05) / Math.Sqrt(k);
                value += weight * Math.Sin(phases[k]);
            }

            pcm[n] = (short)Math.Round(8000 * envelope * value);
        }

        return pcm;
    }

    /// <summary>Encodes <paramref name="signal"/> 20 ms at a time and decodes each payload in turn.</summary>
    public static short[] RoundTrip(IAudioEncoder encoder, IAudioDecoder decoder, short[] signal)
    {
        int frame = encoder.SampleRate / 50;
        var output = new short[signal.Length];
        var payload = new byte[1500];
        var pcm = new short[decoder.SampleRate * 120 / 1000];
        for (int offset = 0; offset + frame <= signal.Length; offset += frame)
        {
            int bytes = encoder.Encode(signal.AsSpan(offset, frame), payload);
            int samples = bytes == 0 ? decoder.Conceal(pcm) : decoder.Decode(payload.AsSpan(0, bytes), pcm);
            pcm.AsSpan(0, samples).CopyTo(output.AsSpan(offset));
        }

        return output;
    }

    /// <summary>
    /// SNR of <paramref name="decoded"/> against <paramref name="original"/> after finding the codec delay (the lag up to
    /// <paramref name="maxLag"/> with the best normalized cross-correlation), skipping the first <paramref name="skip"/> samples.
    /// Also returns the segmental SNR (mean over 20 ms segments of the per-segment SNR clamped to [-10, 35] dB, segments quieter
    /// than -50 dB of full scale left out) and the correlation.
    /// </summary>
    public static (double Snr, double SegmentalSnr, double Correlation, int Lag) Compare(short[] original, short[] decoded, int sampleRate, int maxLag, int skip)
    {
        var reference = original.AsSpan(skip, original.Length - skip - maxLag);
        var (correlation, lag) = Signals.BestCorrelation(decoded.AsSpan(skip), reference, maxLag);
        var aligned = decoded.AsSpan(skip + lag, reference.Length);
        double signal = 0;
        double noise = 0;
        double segmentSum = 0;
        int segments = 0;
        int segment = sampleRate / 50;
        for (int start = 0; start + segment <= reference.Length; start += segment)
        {
            double s = 0;
            double e = 0;
            for (int i = start; i < start + segment; i++)
            {
                double d = reference[i] - aligned[i];
                s += (double)reference[i] * reference[i];
                e += d * d;
            }

            signal += s;
            noise += e;
            if (s / segment > 100 * 100)
            {
                segmentSum += Math.Clamp(10 * Math.Log10(s / Math.Max(e, 1)), -10, 35);
                segments++;
            }
        }

        return (10 * Math.Log10(signal / Math.Max(noise, 1)), segmentSum / Math.Max(segments, 1), correlation, lag);
    }

    /// <summary>Energy of the difference between two equal-length spans, relative to the first's energy, in dB.</summary>
    public static double ErrorDb(ReadOnlySpan<short> reference, ReadOnlySpan<short> candidate)
    {
        double s = 0;
        double e = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            double d = reference[i] - candidate[i];
            s += (double)reference[i] * reference[i];
            e += d * d;
        }

        return 10 * Math.Log10(Math.Max(e, 1) / Math.Max(s, 1));
    }

    private static double Formant(double f, double centre, double width) => Math.Exp(-0.5 * Math.Pow((f - centre) / width, 2));
}
