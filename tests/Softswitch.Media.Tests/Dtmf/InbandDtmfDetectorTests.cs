using Shouldly;
using Softswitch.Media.Codecs;
using Softswitch.Media.Dtmf;
using Xunit;

namespace Softswitch.Media.Tests.Dtmf;

public sealed class InbandDtmfDetectorTests
{
    private const string Keys = "0123456789*#ABCD";
    private static readonly TimeSpan s_tolerance = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void Process_AllKeysThroughMuLawWithNoise_DetectedInOrderWithDurations()
    {
        // 100 ms tones, 100 ms gaps, white noise about 35 dB below the tones, then G.711 μ-law both ways.
        short[] pcm = Sequence(8000, Keys, toneMs: 100, gapMs: 100, noiseRms: 100, seed: 1);
        var law = new byte[pcm.Length];
        G711.EncodeMuLaw(pcm, law);
        G711.DecodeMuLaw(law, pcm);

        using var detector = new InbandDtmfDetector();
        List<DtmfDigit> digits = Detect(detector, pcm, 8000, frame: 160);

        new string(digits.Select(d => d.Digit).ToArray()).ShouldBe(Keys);
        digits.ShouldAllBe(d => d.Source == DtmfSource.InBand);
        foreach (var digit in digits)
        {
            digit.Duration.ShouldBeInRange(TimeSpan.FromMilliseconds(100) - s_tolerance, TimeSpan.FromMilliseconds(100) + s_tolerance, digit.ToString());
        }
    }

    [Theory]
    [InlineData(40)]
    [InlineData(250)]
    [InlineData(1000)]
    public void Process_ToneLength_MeasuredWithin20Ms(int toneMs)
    {
        short[] pcm = Sequence(8000, "5#", toneMs, gapMs: 100, noiseRms: 50, seed: 2);
        using var detector = new InbandDtmfDetector();
        List<DtmfDigit> digits = Detect(detector, pcm, 8000, frame: 160);
        digits.Select(d => d.Digit).ShouldBe(['5', '#']);
        digits.ShouldAllBe(d => (d.Duration - TimeSpan.FromMilliseconds(toneMs)).Duration() <= s_tolerance);
    }

    [Fact]
    public void Process_VoicedSpeechLikeSignal_NoDigits()
    {
        // 20 s of syllables of 80-300 ms under a raised-cosine envelope, with short pauses: harmonics of a pitch of 90-250 Hz
        // that glides by up to ±15 % (intonation), shaped by three random formants, falling off with harmonic number.
        var random = new Random(7);
        var pcm = new List<short>();
        double phase = 0;
        while (pcm.Count < 8000 * 20)
        {
            int length = random.Next(640, 2400);
            double pitchFrom = random.Next(90, 250);
            double pitchTo = pitchFrom * (0.85 + (0.3 * random.NextDouble()));
            double[] formants = [random.Next(300, 900), random.Next(900, 2500), random.Next(2000, 3200)];
            double gain = random.Next(2000, 12000);
            for (int n = 0; n < length; n++)
            {
                double envelope = 0.5 - (0.5 * Math.Cos(2 * Math.PI * n / length));
                double pitch = pitchFrom + ((pitchTo - pitchFrom) * n / length);
                phase += 2 * Math.PI * pitch / 8000;
                double value = 0;
                double power = 0;
                for (int k = 1; k * pitch < 3400; k++)
                {
                    double amplitude = 0;
                    foreach (double formant in formants)
                    {
                        double x = ((k * pitch) - formant) / 120;
                        amplitude += 1 / (1 + (x * x));
                    }

                    amplitude /= k;
                    value += amplitude * Math.Sin(k * phase);
                    power += amplitude * amplitude;
                }

                pcm.Add((short)Math.Clamp(gain * envelope * value / Math.Sqrt(power), short.MinValue, short.MaxValue));
            }

            pcm.AddRange(new short[random.Next(0, 800)]);
        }

        using var detector = new InbandDtmfDetector();
        Detect(detector, pcm.ToArray(), 8000, frame: 160).ShouldBeEmpty();
    }

    [Fact]
    public void Process_ThreeSinesOffTheDtmfGrid_NoDigits()
    {
        // 20 s of bursts of 80-300 ms: three random sines (150-3000 Hz) under a raised-cosine envelope. Frequencies within
        // ±3.5 % of a DTMF tone are redrawn: a steady pair inside the ±1.5 % acceptance band of a row and a column frequency
        // is DTMF by definition (ITU-T Q.24), and ±3.5 % is where Q.24 requires rejection.
        int[] dtmf = [697, 770, 852, 941, 1209, 1336, 1477, 1633];
        var random = new Random(7);
        var pcm = new List<short>();
        double[] phases = new double[3];
        while (pcm.Count < 8000 * 20)
        {
            int length = random.Next(640, 2400);
            double[] frequencies = new double[3];
            double[] amplitudes = new double[3];
            for (int k = 0; k < 3; k++)
            {
                do
                {
                    frequencies[k] = random.Next(150, 3000);
                }
                while (dtmf.Any(f => Math.Abs(frequencies[k] - f) <= f * 0.035));
                amplitudes[k] = random.Next(1000, 8000);
            }

            for (int n = 0; n < length; n++)
            {
                double envelope = 0.5 - (0.5 * Math.Cos(2 * Math.PI * n / length));
                double value = 0;
                for (int k = 0; k < 3; k++)
                {
                    phases[k] += 2 * Math.PI * frequencies[k] / 8000;
                    value += amplitudes[k] * Math.Sin(phases[k]);
                }

                pcm.Add((short)Math.Clamp(envelope * value, short.MinValue, short.MaxValue));
            }

            pcm.AddRange(new short[random.Next(0, 800)]);
        }

        using var detector = new InbandDtmfDetector();
        Detect(detector, pcm.ToArray(), 8000, frame: 160).ShouldBeEmpty();
    }

    [Fact]
    public void Process_16kInput_DetectedThroughDecimator()
    {
        short[] pcm = Sequence(16000, "19*D", toneMs: 100, gapMs: 100, noiseRms: 100, seed: 3);
        using var detector = new InbandDtmfDetector();
        List<DtmfDigit> digits = Detect(detector, pcm, 16000, frame: 320);
        new string(digits.Select(d => d.Digit).ToArray()).ShouldBe("19*D");
        digits.ShouldAllBe(d => (d.Duration - TimeSpan.FromMilliseconds(100)).Duration() <= s_tolerance);
    }

    [Fact]
    public void Process_16kTonesAbove4kHz_FilteredNotAliasedIntoDigits()
    {
        // 7303 + 6791 Hz would fold onto 697 + 1209 Hz ('1') if the 16 kHz input were decimated without the low-pass.
        const int Samples = 16000;
        var pcm = new short[Samples];
        for (int n = 0; n < Samples; n++)
        {
            pcm[n] = (short)((7000 * Math.Sin(2 * Math.PI * 7303 * n / 16000)) + (7000 * Math.Sin(2 * Math.PI * 6791 * n / 16000)));
        }

        using var detector = new InbandDtmfDetector();
        Detect(detector, pcm, 16000, frame: 320).ShouldBeEmpty();
    }

    [Fact]
    public void Process_OddFrameSizes_SameDigits()
    {
        short[] pcm = Sequence(16000, "42", toneMs: 120, gapMs: 80, noiseRms: 0, seed: 4);
        using var detector = new InbandDtmfDetector();
        Detect(detector, pcm, 16000, frame: 77).Select(d => d.Digit).ShouldBe(['4', '2']);
    }

    [Fact]
    public void Process_AfterDispose_Throws()
    {
        var detector = new InbandDtmfDetector();
        detector.Dispose();
        Should.Throw<ObjectDisposedException>(() => detector.Process(new short[160]));
        Should.Throw<ArgumentOutOfRangeException>(() => new InbandDtmfDetector().Process(new short[160], 44100));
    }

    [Fact]
    public void ToneGenerator_RowAndColumnFrequencies_ItuQ23()
    {
        DtmfToneGenerator.TryGetFrequencies('5', out int low, out int high).ShouldBeTrue();
        (low, high).ShouldBe((770, 1336));
        DtmfToneGenerator.TryGetFrequencies('d', out low, out high).ShouldBeTrue();
        (low, high).ShouldBe((941, 1633));
        DtmfToneGenerator.TryGetFrequencies('x', out _, out _).ShouldBeFalse();

        // -10 dBm0 per tone: each sine's RMS is 10 dB below a 0 dBm0 sine (peak 22826, RMS 16140).
        var generator = new DtmfToneGenerator(8000);
        generator.Start('1');
        var pcm = new short[8000];
        generator.Generate(pcm);
        Signals.Decibels(Signals.Rms(pcm), 16140 * Math.Sqrt(2)).ShouldBeInRange(-10.2, -9.8);
    }

    // Leading gap, then each key as tone + gap, with seeded white noise throughout.
    private static short[] Sequence(int sampleRate, string keys, int toneMs, int gapMs, double noiseRms, int seed)
    {
        var random = new Random(seed);
        var generator = new DtmfToneGenerator(sampleRate);
        int tone = sampleRate * toneMs / 1000;
        int gap = sampleRate * gapMs / 1000;
        var pcm = new short[gap + (keys.Length * (tone + gap))];
        int position = gap;
        foreach (char key in keys)
        {
            generator.Start(key);
            generator.Generate(pcm.AsSpan(position, tone));
            position += tone + gap;
        }

        for (int i = 0; i < pcm.Length; i++)
        {
            // Uniform noise of the given RMS: amplitude sqrt(3) * rms.
            double noise = (random.NextDouble() * 2 - 1) * Math.Sqrt(3) * noiseRms;
            pcm[i] = (short)Math.Clamp(pcm[i] + noise, short.MinValue, short.MaxValue);
        }

        return pcm;
    }

    private static List<DtmfDigit> Detect(InbandDtmfDetector detector, short[] pcm, int sampleRate, int frame)
    {
        var digits = new List<DtmfDigit>();
        for (int offset = 0; offset < pcm.Length; offset += frame)
        {
            detector.Process(pcm.AsSpan(offset, Math.Min(frame, pcm.Length - offset)), sampleRate);
            while (detector.TryDequeue(out var digit))
            {
                digits.Add(digit);
            }
        }

        return digits;
    }
}
