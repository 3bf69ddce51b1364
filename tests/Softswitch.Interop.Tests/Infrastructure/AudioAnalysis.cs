namespace Softswitch.Interop.Tests.Infrastructure;

/// <summary>
/// Measures what peers heard and what the gateway recorded: voiced seconds, channels of interleaved audio, decimation, and the
/// best normalized cross-correlation of a known signal against a recording. Also the test signals sent to the gateway.
/// </summary>
internal static class AudioAnalysis
{
    /// <summary>RMS of a 20 ms frame above which it counts as voiced.</summary>
    public const double VoicedRms = 300;

    /// <summary>Seconds of 20 ms frames whose RMS is above <see cref="VoicedRms"/>.</summary>
    /// <param name="samples">Mono PCM.</param>
    /// <param name="rate">Its sample rate.</param>
    public static double VoicedSeconds(short[] samples, int rate)
    {
        var frame = rate / 50;
        var voiced = 0;
        for (var start = 0; start + frame <= samples.Length; start += frame)
        {
            double sum = 0;
            for (var i = start; i < start + frame; i++)
            {
                sum += (double)samples[i] * samples[i];
            }

            if (Math.Sqrt(sum / frame) > VoicedRms)
            {
                voiced++;
            }
        }

        return voiced * 0.02;
    }

    /// <summary>One channel of interleaved PCM.</summary>
    /// <param name="interleaved">Interleaved samples.</param>
    /// <param name="channel">Which channel, from 0.</param>
    /// <param name="channels">How many channels are interleaved. Defaults to 2.</param>
    public static short[] Channel(short[] interleaved, int channel, int channels = 2)
    {
        var result = new short[interleaved.Length / channels];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = interleaved[(channels * i) + channel];
        }

        return result;
    }

    /// <summary>Every <paramref name="factor"/>-th sample starting at <paramref name="phase"/> (no filter: for band-limited signals).</summary>
    /// <param name="samples">The input.</param>
    /// <param name="phase">The first sample taken, below <paramref name="factor"/>.</param>
    /// <param name="factor">The decimation factor. Defaults to 2 (16 kHz to 8 kHz).</param>
    public static short[] Decimate(short[] samples, int phase, int factor = 2)
    {
        var result = new short[(samples.Length - phase) / factor];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = samples[(factor * i) + phase];
        }

        return result;
    }

    /// <summary>The highest normalized cross-correlation of <paramref name="needle"/> over every position in <paramref name="haystack"/>.</summary>
    /// <param name="haystack">The recording.</param>
    /// <param name="needle">The known signal.</param>
    public static (double Correlation, int Lag) BestCorrelation(short[] haystack, ReadOnlySpan<short> needle)
    {
        double needleEnergy = 0;
        foreach (var s in needle)
        {
            needleEnergy += (double)s * s;
        }

        var best = 0.0;
        var bestLag = -1;
        for (var lag = 0; lag + needle.Length <= haystack.Length; lag++)
        {
            double dot = 0, energy = 0;
            for (var i = 0; i < needle.Length; i++)
            {
                double h = haystack[lag + i];
                dot += h * needle[i];
                energy += h * h;
            }

            if (energy > 0)
            {
                var c = dot / Math.Sqrt(energy * needleEnergy);
                if (c > best)
                {
                    best = c;
                    bestLag = lag;
                }
            }
        }

        return (best, bestLag);
    }

    /// <summary>
    /// The best correlation of <paramref name="needle"/>, sampled at <paramref name="needleRate"/> (8 or 16 kHz), against the
    /// caller (left) channel of a gateway recording at 16 kHz; an 8 kHz needle is tried against both decimation phases.
    /// </summary>
    /// <param name="recording16k">The caller channel of the recording, 16 kHz.</param>
    /// <param name="needle">The known signal.</param>
    /// <param name="needleRate">Its sample rate: 8000 or 16000.</param>
    public static (double Correlation, int Lag) BestCorrelationWithRecording(short[] recording16k, ReadOnlySpan<short> needle, int needleRate)
    {
        if (needleRate == 16000)
        {
            return BestCorrelation(recording16k, needle);
        }

        if (needleRate != 8000)
        {
            throw new ArgumentOutOfRangeException(nameof(needleRate), needleRate, "8000 or 16000");
        }

        var even = BestCorrelation(Decimate(recording16k, 0), needle);
        var odd = BestCorrelation(Decimate(recording16k, 1), needle);
        return even.Correlation >= odd.Correlation ? even : odd;
    }

    /// <summary>
    /// <paramref name="seconds"/> of seeded noise through a two-tap average at <paramref name="rate"/>, placed after
    /// <paramref name="leadSeconds"/> of silence in a buffer of <paramref name="totalSeconds"/>: a sharp correlation peak that
    /// resampling and G.711 keep, so a correlation measures loss, not filtering.
    /// </summary>
    /// <param name="rate">Sample rate.</param>
    /// <param name="leadSeconds">Silence before the noise.</param>
    /// <param name="seconds">Length of the noise.</param>
    /// <param name="totalSeconds">Length of the whole buffer.</param>
    /// <param name="seed">The noise seed.</param>
    /// <param name="amplitude">Peak of the raw noise. Defaults to 12000.</param>
    public static short[] LowPassedNoise(int rate, double leadSeconds, double seconds, double totalSeconds, int seed, int amplitude = 12000)
    {
        var samples = new short[(int)(rate * totalSeconds)];
        var random = new Random(seed);
        var previous = 0;
        var start = (int)(rate * leadSeconds);
        var end = Math.Min(samples.Length, start + (int)(rate * seconds));
        for (var i = start; i < end; i++)
        {
            var next = random.Next(-amplitude, amplitude);
            samples[i] = (short)((next + previous) / 2);
            previous = next;
        }

        return samples;
    }

    /// <summary>
    /// A speech-like signal: a 130 Hz glottal pulse train (with slow vibrato) through three formant resonators whose frequencies
    /// glide like vowels, in syllables of 200 ms with 50 ms gaps. Codecs built for speech (G.729, Opus) keep it where they smear
    /// white noise, and it never repeats within a second, so the correlation peak is unique.
    /// </summary>
    /// <param name="rate">Sample rate.</param>
    /// <param name="leadSeconds">Silence before the signal.</param>
    /// <param name="seconds">Length of the signal.</param>
    /// <param name="totalSeconds">Length of the whole buffer.</param>
    /// <param name="seed">Seeds the vowel sequence.</param>
    public static short[] SpeechLike(int rate, double leadSeconds, double seconds, double totalSeconds, int seed)
    {
        var samples = new short[(int)(rate * totalSeconds)];
        var random = new Random(seed);
        var start = (int)(rate * leadSeconds);
        var count = Math.Min(samples.Length - start, (int)(rate * seconds));
        var syllable = rate / 5;
        var gap = rate / 20;
        double[] from = [700, 1200, 2500];
        double[] to = [300, 2200, 2900];
        var y1 = new double[3];
        var y2 = new double[3];
        double phase = 0;
        var peak = 1.0;
        var buffer = new double[count];
        for (var i = 0; i < count; i++)
        {
            var position = i % (syllable + gap);
            if (position == 0)
            {
                from = to;
                to = [250 + random.Next(600), 800 + random.Next(1600), 2300 + random.Next(800)];
            }

            if (position >= syllable)
            {
                buffer[i] = 0;
                continue;
            }

            var t = (double)position / syllable;
            var pitch = 130 + (15 * Math.Sin(2 * Math.PI * 3 * i / rate)) + (30 * t);
            phase += pitch / rate;
            var excitation = 0.0;
            if (phase >= 1)
            {
                phase -= 1;
                excitation = 1;
            }

            var envelope = Math.Sin(Math.PI * t);
            var value = 0.0;
            for (var f = 0; f < 3; f++)
            {
                var frequency = from[f] + ((to[f] - from[f]) * t);
                const double Bandwidth = 90;
                var r = Math.Exp(-Math.PI * Bandwidth / rate);
                var a1 = 2 * r * Math.Cos(2 * Math.PI * frequency / rate);
                var a2 = -r * r;
                var y = excitation + (a1 * y1[f]) + (a2 * y2[f]);
                y2[f] = y1[f];
                y1[f] = y;
                value += y / (f + 1);
            }

            buffer[i] = value * envelope;
            peak = Math.Max(peak, Math.Abs(buffer[i]));
        }

        for (var i = 0; i < count; i++)
        {
            samples[start + i] = (short)(buffer[i] / peak * 12000);
        }

        return samples;
    }
}
