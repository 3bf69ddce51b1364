using System.Runtime.InteropServices;
using Shouldly;
using Softswitch.Media.Codecs;
using Softswitch.Media.Native;
using Xunit;

namespace Softswitch.Media.Tests.Codecs;

public sealed class PitchRepetitionConcealerTests
{
    // At 8 kHz the port uses spandsp's constants unchanged, so it must reproduce plc_rx/plc_fillin (up to float rounding).
    [Fact]
    public void Conceal_At8kHz_MatchesSpandsp()
    {
        var concealer = new PitchRepetitionConcealer(8000);
        NativeLibraries.Load(NativeLibraries.SpanDsp);
        using var plc = SpanDsp.PlcInit(IntPtr.Zero);
        short[] signal = CodecSignals.SpeechLike(8000, 1);
        var ours = new short[160];
        var theirs = new short[160];
        int maxDifference = 0;
        for (int frame = 0; frame < 50; frame++)
        {
            bool lost = (frame > 10 && frame % 10 is 4 or 7 or 8) || frame is 30 or 31 or 32 or 33;
            if (lost)
            {
                concealer.Conceal(ours);
                SpanDsp.PlcFillIn(plc, ref MemoryMarshal.GetReference(theirs.AsSpan()), 160);
            }
            else
            {
                signal.AsSpan(frame * 160, 160).CopyTo(ours);
                signal.AsSpan(frame * 160, 160).CopyTo(theirs);
                concealer.Receive(ours);
                SpanDsp.PlcRx(plc, ref MemoryMarshal.GetReference(theirs.AsSpan()), 160);
            }

            for (int i = 0; i < 160; i++)
            {
                maxDifference = Math.Max(maxDifference, Math.Abs(ours[i] - theirs[i]));
            }
        }

        maxDifference.ShouldBeLessThanOrEqualTo(2);
    }

    [Fact]
    public void Conceal_At16kHz_FindsThePitchPeriod()
    {
        var concealer = new PitchRepetitionConcealer(16000);
        short[] tone = Signals.Sine(125, 16000, 1600, 8000); // period 128 samples
        concealer.Receive(tone);
        var frame = new short[320];
        concealer.Conceal(frame);

        // The synthetic signal repeats with the tone's period and continues it in phase.
        var (continuation, _) = Signals.BestCorrelation(frame, Signals.Sine(125, 16000, 1600 + 160, 8000).AsSpan(1600, 160), 0);
        Signals.BestCorrelation(frame.AsSpan(64 + 128), frame.AsSpan(64, 100), 0).Correlation.ShouldBeGreaterThan(0.95);
        continuation.ShouldBeGreaterThan(0.9);
        concealer.MissingSamples.ShouldBe(320);
    }
}
