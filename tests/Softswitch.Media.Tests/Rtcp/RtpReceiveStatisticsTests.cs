using Shouldly;
using Softswitch.Media.Rtcp;
using Xunit;

namespace Softswitch.Media.Tests.Rtcp;

public sealed class RtpReceiveStatisticsTests
{
    private const int ClockRate = 8000;
    private const uint SamplesPerPacket = 160; // 20 ms of G.711

    private static TimeSpan At(int index, double extraMs = 0) => TimeSpan.FromMilliseconds((index * 20) + 100 + extraMs);

    [Fact]
    public void Update_InOrderStream_ZeroLostZeroFraction()
    {
        var stats = new RtpReceiveStatistics(1, ClockRate, 1000);
        for (int i = 0; i < 500; i++)
        {
            stats.Update((ushort)(1000 + i), (uint)(i * SamplesPerPacket), At(i));
        }

        var block = stats.CreateReportBlock(At(500));
        stats.IsValid.ShouldBeTrue();
        block.FractionLost.ShouldBe((byte)0);
        block.CumulativeLost.ShouldBe(0);
        block.ExtendedHighestSequence.ShouldBe(1499u);
        stats.Jitter.ShouldBe(0);
    }

    [Fact]
    public void Update_TenPercentSeededLoss_FractionAboutTwentyFiveOver256()
    {
        var random = new Random(42);
        var stats = new RtpReceiveStatistics(1, ClockRate, 0);
        stats.Update(0, 0, At(0));
        stats.Update(1, SamplesPerPacket, At(1));
        int dropped = 0;
        for (int i = 2; i < 5000; i++)
        {
            if (i < 4999 && random.NextDouble() < 0.10)
            {
                dropped++;
                continue;
            }

            stats.Update((ushort)i, (uint)(i * SamplesPerPacket), At(i));
        }

        var block = stats.CreateReportBlock(At(5000));
        block.CumulativeLost.ShouldBe(dropped);
        ((int)block.FractionLost).ShouldBeInRange(22, 29);
        block.FractionLost.ShouldBe((byte)((dropped << 8) / 4999));
    }

    [Fact]
    public void CreateReportBlock_SecondInterval_FractionCoversOnlyThatInterval()
    {
        var stats = new RtpReceiveStatistics(1, ClockRate, 0);
        for (int i = 0; i < 101; i++)
        {
            stats.Update((ushort)i, (uint)(i * SamplesPerPacket), At(i));
        }

        stats.CreateReportBlock(At(101)).FractionLost.ShouldBe((byte)0);

        // Next interval: 100 expected, every 4th lost.
        for (int i = 101; i <= 200; i++)
        {
            if (i % 4 != 1)
            {
                stats.Update((ushort)i, (uint)(i * SamplesPerPacket), At(i));
            }
        }

        var block = stats.CreateReportBlock(At(201));
        block.FractionLost.ShouldBe((byte)64);
        block.CumulativeLost.ShouldBe(25);
    }

    [Fact]
    public void Update_Reordering_NotCountedAsLoss()
    {
        var stats = new RtpReceiveStatistics(1, ClockRate, 10);
        ushort[] order = [10, 11, 12, 14, 13, 15, 17, 16, 18];
        foreach (ushort seq in order)
        {
            stats.Update(seq, seq * SamplesPerPacket, At(seq)).ShouldBe(seq != 10);
        }

        var block = stats.CreateReportBlock(At(20));
        block.CumulativeLost.ShouldBe(0);
        block.FractionLost.ShouldBe((byte)0);
        block.ExtendedHighestSequence.ShouldBe(18u);
    }

    [Fact]
    public void Update_Duplicate_MakesCumulativeLostNegative()
    {
        var stats = new RtpReceiveStatistics(1, ClockRate, 0);
        foreach (ushort seq in (ushort[])[0, 1, 2, 2, 3])
        {
            stats.Update(seq, seq * SamplesPerPacket, At(seq));
        }

        stats.CreateReportBlock(At(5)).CumulativeLost.ShouldBe(-1);
    }

    [Fact]
    public void Update_SequenceWrap_ExtendsWithCycles()
    {
        var stats = new RtpReceiveStatistics(1, ClockRate, 65530);
        for (int i = 0; i < 20; i++)
        {
            stats.Update((ushort)(65530 + i), (uint)(i * SamplesPerPacket), At(i));
        }

        var block = stats.CreateReportBlock(At(20));
        block.ExtendedHighestSequence.ShouldBe(0x10000u + 13);
        block.CumulativeLost.ShouldBe(0);
        stats.Expected.ShouldBe(19u);
    }

    [Fact]
    public void Update_LargeJumpThenSequential_RestartsSource()
    {
        var stats = new RtpReceiveStatistics(1, ClockRate, 0);
        for (int i = 0; i < 10; i++)
        {
            stats.Update((ushort)i, (uint)(i * SamplesPerPacket), At(i));
        }

        stats.Update(20000, 0, At(10)).ShouldBeFalse();
        stats.Update(20001, SamplesPerPacket, At(11)).ShouldBeTrue();
        stats.Update(20002, 2 * SamplesPerPacket, At(12)).ShouldBeTrue();
        stats.CreateReportBlock(At(13)).CumulativeLost.ShouldBe(0);
        stats.ExtendedHighestSequence.ShouldBe(20002u);
    }

    [Fact]
    public void Update_ProbationBroken_StillInvalid()
    {
        var stats = new RtpReceiveStatistics(1, ClockRate, 0);
        stats.Update(0, 0, At(0)).ShouldBeFalse();
        stats.Update(5, 0, At(1)).ShouldBeFalse();
        stats.IsValid.ShouldBeFalse();
        stats.Update(6, 0, At(2)).ShouldBeTrue();
        stats.IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Update_ConstantDelay_JitterZero()
    {
        var stats = new RtpReceiveStatistics(1, ClockRate, 0);
        for (int i = 0; i < 200; i++)
        {
            stats.Update((ushort)i, 0xFFFF0000u + (uint)(i * SamplesPerPacket), At(i, 37)); // timestamps wrap too
        }

        stats.Jitter.ShouldBe(0);
        stats.CreateReportBlock(At(200)).Jitter.ShouldBe(0u);
    }

    [Fact]
    public void Update_PlusMinusTenMsJitter_InExpectedRange()
    {
        // Delay uniform in [-10, +10] ms: E|D| for the difference of two uniforms is 20/3 ≈ 6.7 ms.
        var random = new Random(7);
        var stats = new RtpReceiveStatistics(1, ClockRate, 0);
        for (int i = 0; i < 3000; i++)
        {
            stats.Update((ushort)i, (uint)(i * SamplesPerPacket), At(i, (random.NextDouble() * 20) - 10));
        }

        stats.JitterMilliseconds.ShouldBeInRange(4.5, 9.0);
        ((double)stats.CreateReportBlock(At(3000)).Jitter).ShouldBeInRange(4.5 * 8, 9.0 * 8);
    }

    [Fact]
    public void CreateReportBlock_AfterSenderReport_CarriesLsrAndDlsr()
    {
        var stats = new RtpReceiveStatistics(1, ClockRate, 0);
        stats.Update(0, 0, At(0));
        stats.Update(1, SamplesPerPacket, At(1));
        stats.CreateReportBlock(At(2)).LastSenderReport.ShouldBe(0u);

        stats.OnSenderReport(0x0000_1234_5678_0000, TimeSpan.FromSeconds(10));
        var block = stats.CreateReportBlock(TimeSpan.FromSeconds(11.5));
        block.LastSenderReport.ShouldBe(0x1234_5678u);
        block.DelaySinceLastSenderReport.ShouldBe(0x0001_8000u);
    }

    [Fact]
    public void TryGetRoundTripTime_RfcExample_Exact()
    {
        // RFC 3550 §6.4.1 figure: LSR 0xB705:2000 (46853.125 s), DLSR 0x0005:4000 (5.25 s), A 0xB710:8000 (46864.5 s) → 6.125 s.
        var block = new RtcpReportBlock(1, 0, 0, 0, 0, 0xB7052000, 0x00054000);
        ulong arrival = 0xB7108000UL << 16;
        block.TryGetRoundTripTime(arrival, out var rtt).ShouldBeTrue();
        rtt.ShouldBe(TimeSpan.FromSeconds(6.125));
    }

    [Fact]
    public void TryGetRoundTripTime_NoLsr_ReturnsFalse()
    {
        new RtcpReportBlock(1, 0, 0, 0, 0, 0, 0).TryGetRoundTripTime(0xB7108000UL << 16, out _).ShouldBeFalse();
    }

    [Fact]
    public void NtpTime_FromDateTimeOffset_UnixEpochIsOffset()
    {
        ulong ntp = NtpTime.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddSeconds(0.5));
        (ntp >> 32).ShouldBe((ulong)NtpTime.UnixEpochOffsetSeconds);
        (ntp & 0xFFFFFFFF).ShouldBe(0x80000000UL);
    }
}
