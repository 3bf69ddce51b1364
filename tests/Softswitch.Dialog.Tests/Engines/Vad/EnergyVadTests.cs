using Shouldly;
using Softswitch.Dialog.Engines.Vad;
using Softswitch.Dialog.Tests.Engines.Sherpa;
using Xunit;

namespace Softswitch.Dialog.Tests.Engines.Vad;

/// <summary>The built-in energy and zero-crossing voice activity detector.</summary>
public sealed class EnergyVadTests
{
    private const double Tolerance = 0.5;

    [ModelFact("jfk.wav")]
    public void Process_Jfk_SegmentsOverlapTheKnownSpeech()
    {
        var samples = TestModels.Jfk();
        var vad = new EnergyVad();
        var segments = new List<(double Start, double End)>();
        for (var offset = 0; offset + 320 <= samples.Length; offset += 320)
        {
            if (vad.Process(samples.AsSpan(offset, 320)) == VoiceActivityEvent.SpeechEnded)
            {
                segments.Add((vad.SegmentStartSample / 16000.0, vad.SegmentEndSample / 16000.0));
            }
        }

        if (vad.Flush() == VoiceActivityEvent.SpeechEnded)
        {
            segments.Add((vad.SegmentStartSample / 16000.0, vad.SegmentEndSample / 16000.0));
        }

        var description = string.Join(", ", segments.Select(s => $"{s.Start:F2}–{s.End:F2} s"));
        foreach (var (start, end) in segments)
        {
            // Every detected segment lies inside known speech (widened by the tolerance).
            TestModels.JfkSpeech.ShouldContain(k => start >= k.Start - Tolerance && end <= k.End + Tolerance, description);
        }

        foreach (var (start, end) in TestModels.JfkSpeech)
        {
            // Every known range begins with a detected segment and is mostly covered.
            segments.ShouldContain(s => Math.Abs(s.Start - start) <= Tolerance, description);
            var covered = segments.Sum(s => Math.Max(0, Math.Min(s.End, end) - Math.Max(s.Start, start)));
            (covered / (end - start)).ShouldBeGreaterThan(0.8, description);
        }
    }

    [Fact]
    public void Process_SilenceThenSteadyNoise_NoSpeech()
    {
        var vad = new EnergyVad();
        var random = new Random(5);
        var frame = new short[320];
        for (var i = 0; i < 100; i++)
        {
            vad.Process(frame).ShouldBe(VoiceActivityEvent.None); // digital silence
        }

        for (var i = 0; i < 500; i++)
        {
            for (var j = 0; j < frame.Length; j++)
            {
                frame[j] = (short)random.Next(-1000, 1001); // white noise at about -35 dBFS, switched on abruptly
            }

            vad.Process(frame).ShouldBe(VoiceActivityEvent.None, $"frame {i}, level {vad.LastLevelDb:F1} dB, floor {vad.NoiseFloorDb:F1} dB, zcr {vad.LastZeroCrossingRate:F2}");
        }

        vad.IsSpeech.ShouldBeFalse();
        vad.NoiseFloorDb.ShouldBeGreaterThan(-45); // the floor learnt the noise
    }

    [Fact]
    public void Process_ToneBurstOverNoise_StartsAfterMinFramesAndEndsAfterHangover()
    {
        var vad = new EnergyVad(new EnergyVadOptions { MinSpeechFrames = 3, HangoverFrames = 15 });
        var random = new Random(7);
        var frame = new short[320];
        var events = new List<(int Frame, VoiceActivityEvent Event)>();
        for (var i = 0; i < 200; i++)
        {
            var tone = i is >= 50 and < 100;
            for (var j = 0; j < frame.Length; j++)
            {
                var noise = random.Next(-100, 101);
                frame[j] = (short)(noise + (tone ? 8000 * Math.Sin(2 * Math.PI * 200 * ((i * 320) + j) / 16000) : 0)); // voiced-like 200 Hz
            }

            var change = vad.Process(frame);
            if (change != VoiceActivityEvent.None)
            {
                events.Add((i, change));
            }
        }

        events.ShouldBe([(52, VoiceActivityEvent.SpeechStarted), (114, VoiceActivityEvent.SpeechEnded)]);
        vad.SegmentStartSample.ShouldBe(50 * 320);
        vad.SegmentEndSample.ShouldBe(100 * 320);
    }

    [Fact]
    public void Process_SteadyState_DoesNotAllocate()
    {
        var vad = new EnergyVad();
        var frame = new short[320];
        for (var j = 0; j < frame.Length; j++)
        {
            frame[j] = (short)(j * 37 % 2000);
        }

        vad.Process(frame);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            vad.Process(frame);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }

    [Fact]
    public void Options_OutOfRange_ErrorNamesTheSetting()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new EnergyVad(new EnergyVadOptions { ThresholdDb = 0 })).Message.ShouldContain("ThresholdDb");
        Should.Throw<ArgumentOutOfRangeException>(() => new EnergyVad(new EnergyVadOptions { HangoverFrames = 0 })).Message.ShouldContain("HangoverFrames");
        Should.Throw<ArgumentOutOfRangeException>(() => new EnergyVad(new EnergyVadOptions { MaxZeroCrossingRate = 0 })).Message.ShouldContain("MaxZeroCrossingRate");
    }
}
