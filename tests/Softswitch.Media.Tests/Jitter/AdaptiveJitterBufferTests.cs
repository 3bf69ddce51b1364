using Shouldly;
using Softswitch.Media.Jitter;
using Xunit;

namespace Softswitch.Media.Tests.Jitter;

public sealed class AdaptiveJitterBufferTests
{
    private static double Spread(Random random, double low, double high) => low + (random.NextDouble() * (high - low));

    [Fact]
    public void TryRead_InOrderStream_PlaysEverythingWith40MsDelay()
    {
        var buffer = new AdaptiveJitterBuffer();
        var network = new NetworkSimulator(buffer, seed: 1);
        network.Send(500);
        buffer.TargetDelayMs.ShouldBe(40);
        buffer.CurrentDelayMs.ShouldBe(40);
        network.Drain();

        network.EmptyBeforeFirstFrame.ShouldBe(2); // two 20 ms ticks of buffering
        network.Played.ShouldBe(500);
        network.OutOfOrder.ShouldBe(0);
        buffer.Lost.ShouldBe(0);
        buffer.Late.ShouldBe(0);
        network.Quality.ShouldBe(1.0);
    }

    [Fact]
    public void TryRead_BurstAfterReceiveStall_CatchesUpToTheTargetAtOnce()
    {
        const long TicksPerFrame = TimeSpan.TicksPerMillisecond * 20;
        var buffer = new AdaptiveJitterBuffer();
        var payload = new byte[160];
        var destination = new byte[buffer.MaxPayloadBytes];
        ushort sequence = 0;
        long now = 0;
        for (int i = 0; i < 20; i++, now += TicksPerFrame)
        {
            buffer.Insert(sequence, (uint)(sequence * 160), i == 0, payload, now);
            sequence++;
            buffer.TryRead(destination, out _, out _);
        }

        // The receive side stalls for 600 ms (30 ticks go by), then 30 packets arrive at once.
        for (int i = 0; i < 30; i++, now += TicksPerFrame)
        {
            buffer.TryRead(destination, out _, out _);
        }

        for (int i = 0; i < 30; i++)
        {
            buffer.Insert(sequence, (uint)(sequence * 160), false, payload, now);
            sequence++;
        }

        buffer.TryRead(destination, out _, out _).ShouldBeTrue(); // the oldest of the burst, 600 ms late
        buffer.TryRead(destination, out _, out var result).ShouldBeTrue();
        result.ShouldBe(JitterReadResult.Frame);
        buffer.CurrentDelayMs.ShouldBeLessThanOrEqualTo(AdaptiveJitterBuffer.MaxTargetDelayMs); // not 600 ms behind for seconds
        buffer.Discarded.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void TryRead_FivePercentLoss_ReportsAboutFivePercentMissing()
    {
        var buffer = new AdaptiveJitterBuffer();
        var network = new NetworkSimulator(buffer, seed: 2);
        network.Send(3000, lossRate: 0.05, extraDelayMs: r => Spread(r, 0, 4));
        network.Drain();

        double missing = (double)network.Missing / network.Sent;
        missing.ShouldBeInRange(0.035, 0.065);
        network.OutOfOrder.ShouldBe(0);
        buffer.Late.ShouldBe(0);
        buffer.Lost.ShouldBe(network.Sent - network.Played);
        network.Quality.ShouldBeGreaterThan(0.93);
    }

    [Fact]
    public void TryRead_ReorderingWithin60Ms_NoLossOnceBufferGrows()
    {
        var buffer = new AdaptiveJitterBuffer();
        var network = new NetworkSimulator(buffer, seed: 3);
        Func<Random, double> reorder = r => r.NextDouble() < 0.1 ? Spread(r, 20, 60) : 0;
        network.Send(500, extraDelayMs: reorder);
        long lostWhileGrowing = buffer.Lost;
        long lateWhileGrowing = buffer.Late;

        network.Send(3000, extraDelayMs: reorder);
        network.Drain();

        buffer.Lost.ShouldBe(lostWhileGrowing);
        buffer.Late.ShouldBe(lateWhileGrowing);
        buffer.TargetDelayMs.ShouldBeGreaterThanOrEqualTo(80);
        network.OutOfOrder.ShouldBe(0);
        network.Quality.ShouldBeGreaterThan(0.98);
    }

    [Fact]
    public void TargetDelay_Jitter30Ms_GrowsAbove40ButNotAbove200()
    {
        var buffer = new AdaptiveJitterBuffer();
        var network = new NetworkSimulator(buffer, seed: 4);
        network.Send(3000, extraDelayMs: r => Spread(r, 0, 60)); // ±30 ms around a 30 ms mean
        network.Drain();

        buffer.TargetDelayMs.ShouldBeGreaterThan(40);
        network.MaxTargetDelayMs.ShouldBeLessThanOrEqualTo(200);
        buffer.JitterMs.ShouldBeInRange(10, 30);
        network.OutOfOrder.ShouldBe(0);
        network.Quality.ShouldBeGreaterThan(0.95);
    }

    [Fact]
    public void TargetDelay_ExtremeJitter_NeverExceeds200()
    {
        var buffer = new AdaptiveJitterBuffer();
        var network = new NetworkSimulator(buffer, seed: 5);
        network.Send(2000, extraDelayMs: r => Spread(r, 0, 600));
        network.Drain();

        network.MaxTargetDelayMs.ShouldBe(200);
        buffer.CurrentDelayMs.ShouldBeLessThanOrEqualTo(260);
        network.OutOfOrder.ShouldBe(0);
        network.Quality.ShouldBeGreaterThan(0.5);
    }

    [Fact]
    public void TargetDelay_CalmAfterJitter_ShrinksBackTo40()
    {
        var buffer = new AdaptiveJitterBuffer();
        var network = new NetworkSimulator(buffer, seed: 6);
        network.Send(1500, extraDelayMs: r => Spread(r, 0, 60));
        int jitteryTarget = buffer.TargetDelayMs;
        jitteryTarget.ShouldBeGreaterThan(40);

        network.Send(1500, extraDelayMs: r => Spread(r, 0, 2)); // 30 s of calm
        buffer.TargetDelayMs.ShouldBe(40);
        buffer.CurrentDelayMs.ShouldBeLessThanOrEqualTo(60);
        buffer.Discarded.ShouldBeGreaterThan(0);
        network.Drain();

        network.OutOfOrder.ShouldBe(0);
        network.Quality.ShouldBeGreaterThan(0.95);
    }

    [Fact]
    public void Insert_Duplicates_CountedAndNeverPlayedTwice()
    {
        var buffer = new AdaptiveJitterBuffer();
        var network = new NetworkSimulator(buffer, seed: 7);
        network.Send(2000, extraDelayMs: r => Spread(r, 0, 10), duplicateRate: 0.1);
        network.Drain();

        network.DuplicatesSent.ShouldBeGreaterThan(100);
        buffer.Duplicates.ShouldBe(network.DuplicatesSent);
        network.Played.ShouldBe(2000);
        network.OutOfOrder.ShouldBe(0);
        network.Quality.ShouldBe(1.0);
    }

    [Fact]
    public void TryRead_SequenceAndTimestampWrapAround_PlaysInOrder()
    {
        var buffer = new AdaptiveJitterBuffer();
        var network = new NetworkSimulator(buffer, seed: 8, firstSequence: 65400, firstTimestamp: uint.MaxValue - (100 * 160));
        network.Send(400, extraDelayMs: r => Spread(r, 0, 30));
        network.Drain();

        network.Played.ShouldBe(400);
        network.OutOfOrder.ShouldBe(0);
        buffer.Lost.ShouldBe(0);
        buffer.Resynchronizations.ShouldBe(0);
        network.Quality.ShouldBe(1.0);
    }

    [Fact]
    public void TryRead_TalkspurtsAfterSilence_PlaysEveryFrame()
    {
        var buffer = new AdaptiveJitterBuffer();
        var network = new NetworkSimulator(buffer, seed: 9);
        for (int spurt = 0; spurt < 10; spurt++)
        {
            network.Send(100, extraDelayMs: r => Spread(r, 0, 20), silenceFrames: spurt == 0 ? 0 : 50);
        }

        network.Drain();
        network.Played.ShouldBe(1000);
        buffer.Lost.ShouldBe(0);
        network.OutOfOrder.ShouldBe(0);
    }

    [Fact]
    public void Insert_AfterPlayTime_DroppedAndCountedLate()
    {
        var buffer = new AdaptiveJitterBuffer();
        var destination = new byte[buffer.MaxPayloadBytes];
        byte[] payload = [1, 2, 3];
        for (ushort sequence = 10; sequence < 20; sequence++)
        {
            if (sequence != 12)
            {
                buffer.Insert(sequence, (uint)(sequence * 160), false, payload, sequence * 200_000L);
            }

            buffer.TryRead(destination, out _, out _);
        }

        buffer.Lost.ShouldBe(1);
        buffer.Insert(12, 12 * 160, false, payload, 20 * 200_000L).ShouldBe(JitterInsertResult.Late);
        buffer.Late.ShouldBe(1);
    }

    [Fact]
    public void Insert_BigSequenceJump_ResynchronisesAfterSecondPacket()
    {
        var buffer = new AdaptiveJitterBuffer();
        var destination = new byte[buffer.MaxPayloadBytes];
        byte[] payload = [1];
        long time = 0;
        for (ushort sequence = 0; sequence < 20; sequence++, time += 200_000)
        {
            buffer.Insert(sequence, (uint)(sequence * 160), false, payload, time);
            buffer.TryRead(destination, out _, out _);
        }

        buffer.Insert(30000, 5000, false, payload, time).ShouldBe(JitterInsertResult.Probation);
        buffer.Insert(30001, 5160, false, payload, time).ShouldBe(JitterInsertResult.Buffered);
        buffer.Resynchronizations.ShouldBe(1);
        for (ushort sequence = 30002; sequence < 30010; sequence++)
        {
            time += 200_000;
            buffer.Insert(sequence, (uint)(5000 + ((sequence - 30000) * 160)), false, payload, time);
            buffer.TryRead(destination, out _, out _);
        }

        buffer.Played.ShouldBeGreaterThan(20);
    }

    [Fact]
    public void Reset_NewSource_PlaysNewStream()
    {
        var buffer = new AdaptiveJitterBuffer();
        var first = new NetworkSimulator(buffer, seed: 10, firstSequence: 100, firstTimestamp: 1000);
        first.Send(100);
        buffer.Reset();
        buffer.BufferedFrames.ShouldBe(0);

        var second = new NetworkSimulator(buffer, seed: 11, firstSequence: 50000, firstTimestamp: 900_000);
        second.Send(200);
        second.Drain();
        second.Played.ShouldBeGreaterThanOrEqualTo(198);
        second.OutOfOrder.ShouldBe(0);
    }

    [Fact]
    public void Insert_PayloadTooLarge_Rejected()
    {
        var buffer = new AdaptiveJitterBuffer(maxPayloadBytes: 160);
        buffer.Insert(1, 160, false, new byte[161], 0).ShouldBe(JitterInsertResult.TooLarge);
        buffer.BufferedFrames.ShouldBe(0);
    }

    [Fact]
    public void InsertAndTryRead_SteadyState_AllocateNothing()
    {
        var buffer = new AdaptiveJitterBuffer();
        var destination = new byte[buffer.MaxPayloadBytes];
        byte[] payload = new byte[160];
        ushort sequence = 0;
        long time = 0;

        void Step(int count)
        {
            for (int i = 0; i < count; i++, sequence++, time += 200_000)
            {
                // a little reordering and a duplicate now and then exercise every path
                ushort sent = (i % 7) switch { 3 => (ushort)(sequence + 1), 4 => (ushort)(sequence - 1), _ => sequence };
                buffer.Insert(sent, (uint)(sent * 160), i % 100 == 0, payload, time);
                if (i % 13 == 0)
                {
                    buffer.Insert(sent, (uint)(sent * 160), false, payload, time);
                }

                buffer.TryRead(destination, out _, out _);
            }
        }

        Step(1000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Step(1000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.ShouldBe(0);
        buffer.Played.ShouldBeGreaterThan(1900);
    }
}
