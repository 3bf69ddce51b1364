using Shouldly;
using Softswitch.Media.Codecs;
using Xunit;

namespace Softswitch.Media.Tests.Codecs;

public sealed class ComfortNoiseTests
{
    [Theory]
    [InlineData(new byte[] { 0x40 }, 64)]
    [InlineData(new byte[] { 0x00 }, 0)]
    [InlineData(new byte[] { 0x7F }, 127)]
    [InlineData(new byte[] { 0xC0 }, 64)] // reserved bit ignored
    [InlineData(new byte[] { 0x3C, 0x81, 0x7A, 0x10 }, 60)] // reflection coefficients ignored
    public void TryReadLevel_Payload_GivesLevel(byte[] payload, int level)
    {
        ComfortNoise.TryReadLevel(payload, out int read).ShouldBeTrue();
        read.ShouldBe(level);
    }

    [Fact]
    public void TryReadLevel_Empty_ReturnsFalse()
    {
        ComfortNoise.TryReadLevel([], out _).ShouldBeFalse();
    }

    [Fact]
    public void WriteLevel_WritesOneByte()
    {
        var payload = new byte[4];
        ComfortNoise.WriteLevel(55, payload).ShouldBe(1);
        payload[0].ShouldBe((byte)55);
        Should.Throw<ArgumentOutOfRangeException>(() => ComfortNoise.WriteLevel(128, payload));
        Should.Throw<ArgumentOutOfRangeException>(() => ComfortNoise.WriteLevel(-1, payload));
    }

    [Theory]
    [InlineData(20, 8000)]
    [InlineData(40, 8000)]
    [InlineData(55, 16000)]
    [InlineData(70, 8000)]
    [InlineData(80, 16000)]
    public void Fill_Level_RmsWithinTwoDecibels(int level, int sampleRate)
    {
        var generator = new ComfortNoiseGenerator { Level = level };
        var pcm = new short[sampleRate];
        for (int offset = 0; offset < pcm.Length; offset += sampleRate / 50)
        {
            generator.Fill(sampleRate, pcm.AsSpan(offset)).ShouldBe(sampleRate / 50);
        }

        double rms = Signals.Rms(pcm);
        Signals.Decibels(rms, ComfortNoise.LevelToRms(level)).ShouldBeInRange(-2, 2);
        ComfortNoise.MeasureLevel(pcm).ShouldBeInRange(level - 2, level + 2);
    }

    [Fact]
    public void Fill_SameSeed_SameNoise()
    {
        var a = new short[160];
        var b = new short[160];
        new ComfortNoiseGenerator(42) { Level = 30 }.Fill(a);
        new ComfortNoiseGenerator(42) { Level = 30 }.Fill(b);
        a.ShouldBe(b);
        Signals.ZeroCrossings(a).ShouldBeGreaterThan(40); // white-ish, not a tone
    }

    [Fact]
    public void Update_FromPayload_SetsLevel()
    {
        var generator = new ComfortNoiseGenerator();
        generator.Level.ShouldBe(70);
        generator.Update([0x2D]).ShouldBeTrue();
        generator.Level.ShouldBe(45);
        generator.Update([]).ShouldBeFalse();
        generator.Level.ShouldBe(45);
    }

    [Fact]
    public void MeasureLevel_SilenceAndFullScale()
    {
        ComfortNoise.MeasureLevel(new short[160]).ShouldBe(127);
        ComfortNoise.MeasureLevel([]).ShouldBe(127);
        short[] square = Enumerable.Range(0, 160).Select(i => (short)(i % 2 == 0 ? 32767 : -32767)).ToArray();
        ComfortNoise.MeasureLevel(square).ShouldBe(0);
    }

    [Fact]
    public void Fill_AllocatesNothing()
    {
        var generator = new ComfortNoiseGenerator();
        var pcm = new short[320];
        generator.Fill(16000, pcm);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            generator.Fill(16000, pcm);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }
}
