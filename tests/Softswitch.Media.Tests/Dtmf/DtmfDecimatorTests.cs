using Shouldly;
using Softswitch.Media.Dtmf;
using Xunit;

namespace Softswitch.Media.Tests.Dtmf;

public sealed class DtmfDecimatorTests
{
    [Theory]
    [InlineData(697)]
    [InlineData(1000)]
    [InlineData(1633)]
    [InlineData(2000)]
    public void Process_DtmfBand_PassedWithinHalfDecibel(int frequency) =>
        GainDecibels(frequency).ShouldBeInRange(-0.5, 0.5);

    [Theory]
    [InlineData(4000)]
    [InlineData(5000)]
    [InlineData(6367)]
    [InlineData(7303)]
    public void Process_AboveNewNyquist_AttenuatedAtLeast40Decibels(int frequency) =>
        GainDecibels(frequency).ShouldBeLessThan(-40);

    [Fact]
    public void Process_OddChunks_SameOutputAsOneCall()
    {
        short[] input = Signals.Sine(1000, 16000, 1601);
        var whole = new short[DtmfDecimator.MaxOutputLength(input.Length)];
        int wholeCount = new DtmfDecimator().Process(input, whole);

        var decimator = new DtmfDecimator();
        var pieces = new List<short>();
        var buffer = new short[64];
        for (int offset = 0; offset < input.Length; offset += 33)
        {
            int written = decimator.Process(input.AsSpan(offset, Math.Min(33, input.Length - offset)), buffer);
            pieces.AddRange(buffer.AsSpan(0, written));
        }

        wholeCount.ShouldBe(801);
        pieces.ShouldBe(whole);
    }

    private static double GainDecibels(int frequency)
    {
        short[] input = Signals.Sine(frequency, 16000, 16000, amplitude: 10000);
        var output = new short[8000];
        new DtmfDecimator().Process(input, output).ShouldBe(8000);
        return Signals.Decibels(Math.Max(Signals.Rms(output.AsSpan(100)), 0.1), Signals.Rms(input));
    }
}
