using Shouldly;
using Softswitch.Media.Resampling;
using Xunit;

namespace Softswitch.Media.Tests.Resampling;

public sealed class SpeexResamplerTests
{
    [Fact]
    public void Process_8kTo16kSine_KeepsFrequencyAndEnergy()
    {
        short[] input = Signals.Sine(1000, 8000, 8000);
        using var resampler = new SpeexResampler(8000, 16000);
        var output = new short[16000 + 64];
        int written = 0;
        for (int offset = 0; offset < input.Length; offset += 160)
        {
            written += resampler.Process(input.AsSpan(offset, 160), output.AsSpan(written));
        }

        written.ShouldBe(16000);
        // Skip the filter's start-up transient.
        ReadOnlySpan<short> steady = output.AsSpan(400, 15000);
        double seconds = steady.Length / 16000.0;
        (Signals.ZeroCrossings(steady) / seconds).ShouldBeInRange(1990, 2010); // 1 kHz: 2000 crossings per second
        Signals.Decibels(Signals.Rms(steady), Signals.Rms(input)).ShouldBeInRange(-1, 1);
    }

    [Fact]
    public void Process_16kTo8kIn20msFrames_GivesExactly160PerFrame()
    {
        short[] input = Signals.Sine(1000, 16000, 16000);
        using var resampler = new SpeexResampler(16000, 8000);
        var frame = new short[resampler.MaxOutputLength(320)];
        var all = new List<short>();
        for (int offset = 0; offset < input.Length; offset += 320)
        {
            int written = resampler.Process(input.AsSpan(offset, 320), frame);
            written.ShouldBe(160);
            all.AddRange(frame.AsSpan(0, written));
        }

        short[] steady = all.Skip(200).Take(7600).ToArray();
        (Signals.ZeroCrossings(steady) / (steady.Length / 8000.0)).ShouldBeInRange(1990, 2010);
        Signals.Decibels(Signals.Rms(steady), Signals.Rms(input)).ShouldBeInRange(-1, 1);
    }

    [Fact]
    public void Process_16kTo8kToneAboveNyquist_IsFilteredOut()
    {
        using var resampler = new SpeexResampler(16000, 8000);
        var output = new short[8000 + 8];
        int written = resampler.Process(Signals.Sine(5000, 16000, 16000), output);
        Signals.Rms(output.AsSpan(200, written - 400)).ShouldBeLessThan(8000 / Math.Sqrt(2) / 10); // at least 20 dB down
    }

    [Fact]
    public void ResampleAll_22050To16000_GivesAlignedSignalOfExpectedLength()
    {
        short[] input = Signals.Sine(440, 22050, 22050);
        short[] output = SpeexResampler.ResampleAll(input, 22050, 16000);
        output.Length.ShouldBe(16000);
        (Signals.ZeroCrossings(output.AsSpan(100, 15800)) / (15800 / 16000.0)).ShouldBeInRange(875, 885);
        Signals.Decibels(Signals.Rms(output.AsSpan(100, 15800)), Signals.Rms(input)).ShouldBeInRange(-1, 1);

        // Aligned: skip_zeros removes the filter delay, so the output matches a sine generated at 16 kHz.
        short[] reference = Signals.Sine(440, 16000, 16000);
        var (correlation, lag) = Signals.BestCorrelation(output, reference.AsSpan(0, 8000), 10);
        correlation.ShouldBeGreaterThan(0.99);
        lag.ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public void Process_OutputTooShort_ReportsPartialProgress()
    {
        using var resampler = new SpeexResampler(8000, 16000);
        resampler.Process(new short[160], new short[100], out int consumed, out int written);
        written.ShouldBeLessThanOrEqualTo(100);
        consumed.ShouldBeLessThan(160);
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new SpeexResampler(0, 16000));
        Should.Throw<ArgumentOutOfRangeException>(() => new SpeexResampler(8000, 16000, 11));
    }

    [Fact]
    public void Process_SteadyState_DoesNotAllocate()
    {
        using var resampler = new SpeexResampler(16000, 8000);
        var input = Signals.Sine(1000, 16000, 320);
        var output = new short[200];
        resampler.Process(input, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            resampler.Process(input, output);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }
}
