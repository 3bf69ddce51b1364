namespace Softswitch.Benchmarks.Media;

/// <summary>A speech-like test signal: voiced, with pitch movement and syllables, so codecs work as hard as on speech.</summary>
internal static class SpeechSignal
{
    /// <summary>Harmonics of a gliding 110-190 Hz fundamental under a 4 Hz syllabic envelope, about -20 dBov.</summary>
    /// <param name="pcm">Filled from the start.</param>
    /// <param name="sampleRate">Its rate.</param>
    public static void Fill(short[] pcm, int sampleRate)
    {
        double phase = 0;
        for (int n = 0; n < pcm.Length; n++)
        {
            double t = (double)n / sampleRate;
            phase += 2 * Math.PI * (150 + (40 * Math.Sin(2 * Math.PI * 0.7 * t))) / sampleRate;
            double value = 0;
            for (int k = 1; k <= 12; k++)
            {
                value += Math.Sin(k * phase) / k;
            }

            pcm[n] = (short)(5000 * (0.15 + (0.85 * Math.Pow(Math.Sin(Math.PI * 4 * t), 2))) * value);
        }
    }
}
