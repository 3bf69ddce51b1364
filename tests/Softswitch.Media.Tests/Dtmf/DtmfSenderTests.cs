using Shouldly;
using Softswitch.Media.Dtmf;
using Xunit;

namespace Softswitch.Media.Tests.Dtmf;

public sealed class DtmfSenderTests
{
    private readonly record struct Sent(int Tick, uint TickTimestamp, bool Marker, uint Timestamp, TelephoneEvent Event);

    [Fact]
    public void TryNextPacket_OneDigit_MarkerFirstGrowingDurationThreeEndPacketsThenIdle()
    {
        var sender = new DtmfSender(8000);
        sender.IsIdle.ShouldBeTrue();
        sender.Start('5', TimeSpan.FromMilliseconds(100), 1000).ShouldBeTrue();
        sender.IsIdle.ShouldBeFalse();

        List<Sent> packets = Run(sender, 1000, out _);

        packets.Count.ShouldBe(7);
        packets.Select(p => p.Marker).ShouldBe([true, false, false, false, false, false, false]);
        packets.ShouldAllBe(p => p.Timestamp == 1000 && p.Event.EventCode == 5 && p.Event.Volume == DtmfSender.DefaultVolume);
        packets.Select(p => (int)p.Event.Duration).ShouldBe([160, 320, 480, 640, 800, 800, 800]);
        packets.Select(p => p.Event.End).ShouldBe([false, false, false, false, true, true, true]);
        packets.Select(p => p.Tick).ShouldBe([0, 1, 2, 3, 4, 5, 6]);
        sender.IsIdle.ShouldBeTrue();
        sender.IsSending.ShouldBeFalse();
        sender.TryNextPacket(new byte[4], out int length, out _, out _).ShouldBeFalse();
        length.ShouldBe(0);
    }

    [Fact]
    public void IsSending_TrueFromFirstToLastEndPacket()
    {
        var sender = new DtmfSender(8000);
        sender.Start('1', TimeSpan.FromMilliseconds(40), 0);
        sender.IsSending.ShouldBeFalse(); // starts on the next tick
        var payload = new byte[4];
        var states = new List<bool>();
        while (sender.TryNextPacket(payload, out _, out _, out _))
        {
            states.Add(sender.IsSending);
        }

        states.ShouldBe([true, true, true, false]); // 320 units: one update, then three end packets
    }

    [Fact]
    public void TryNextPacket_QueuedDigits_SentInOrderWithGap()
    {
        var sender = new DtmfSender(8000);
        sender.Start("12#", TimeSpan.FromMilliseconds(100), 5000).ShouldBe(3);
        sender.QueuedCount.ShouldBe(3);

        List<Sent> packets = Run(sender, 5000, out int ticks);

        var events = packets.GroupBy(p => p.Timestamp).ToList();
        events.Select(g => g.First().Event.EventCode).ShouldBe([(byte)1, (byte)2, (byte)11]);
        foreach (var group in events)
        {
            group.Count().ShouldBe(7);
            group.First().Marker.ShouldBeTrue();
            group.Skip(1).ShouldAllBe(p => !p.Marker);
            group.First().TickTimestamp.ShouldBe(group.Key); // the event starts at the tick's sampling instant
        }

        for (int i = 1; i < events.Count; i++)
        {
            uint previousEnd = events[i - 1].Key + 800;
            (events[i].Key - previousEnd).ShouldBe(480u); // 60 ms from the end of one tone to the start of the next
        }

        // Each event takes 7 ticks; the 3 gap ticks between them send nothing (audio flows).
        ticks.ShouldBe((3 * 7) + (2 * 1));
        sender.IsIdle.ShouldBeTrue();
    }

    [Fact]
    public void Start_WhileIdleButWithinGapOfPreviousTone_Waits()
    {
        var sender = new DtmfSender(8000);
        sender.Start('1', TimeSpan.FromMilliseconds(100), 0);
        Run(sender, 0, out int ticks);
        ticks.ShouldBe(7);
        uint now = 7 * 160; // the tone ended at 800; 1120 is 40 ms later
        sender.Start('2', TimeSpan.FromMilliseconds(100), now);
        List<Sent> packets = Run(sender, now, out _);
        packets[0].Timestamp.ShouldBe(800u + 480u);
        packets[0].Tick.ShouldBe(1);
    }

    [Fact]
    public void Start_QueueFull_ReturnsFalse()
    {
        var sender = new DtmfSender(8000, DtmfSender.DefaultVolume, queueCapacity: 2);
        sender.Start("123", TimeSpan.FromMilliseconds(100), 0).ShouldBe(2);
        sender.Start('4', TimeSpan.FromMilliseconds(100), 0).ShouldBeFalse();
        sender.ClearQueue();
        sender.IsIdle.ShouldBeTrue();
    }

    [Fact]
    public void Start_InvalidDigitOrDuration_Throws()
    {
        var sender = new DtmfSender(8000);
        Should.Throw<ArgumentException>(() => sender.Start('x', TimeSpan.FromMilliseconds(100), 0));
        Should.Throw<ArgumentOutOfRangeException>(() => sender.Start('1', TimeSpan.Zero, 0));
    }

    [Fact]
    public void TryNextPacket_LongEventAt48k_SegmentsEvery0xFFFFUnits()
    {
        var sender = new DtmfSender(48000);
        sender.Start('*', TimeSpan.FromSeconds(3), 100);
        List<Sent> packets = Run(sender, 100, out _);

        // 3 s = 144000 units: segments at 100, 100 + 65535, 100 + 131070.
        packets.Select(p => p.Timestamp).Distinct().ShouldBe([100u, 100u + 65535, 100u + 131070]);
        packets.Count(p => p.Marker).ShouldBe(1);
        packets.Where(p => p.Timestamp == 100).Last().Event.Duration.ShouldBe((ushort)0xFFFF);
        packets.Where(p => p.Timestamp == 100).ShouldAllBe(p => !p.Event.End);
        packets.TakeLast(3).ShouldAllBe(p => p.Event.End && p.Event.Duration == 144000 - 131070);
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(48000)]
    public void SenderToReceiver_AllKeys_SameDigitsAndDurations(int clockRate)
    {
        const string Keys = "0123456789*#ABCD";
        var sender = new DtmfSender(clockRate);
        var receiver = new DtmfReceiver(clockRate);
        var expected = new List<DtmfDigit>();
        for (int i = 0; i < Keys.Length; i++)
        {
            var duration = TimeSpan.FromMilliseconds(40 + (i * 37)); // not a multiple of 20 ms
            sender.Start(Keys[i], duration, 1234).ShouldBeTrue();
            expected.Add(new DtmfDigit(Keys[i], duration, DtmfSource.Rfc4733));
        }

        sender.Start('9', TimeSpan.FromSeconds(2), 0).ShouldBeTrue(); // longer than 0xFFFF units at 48 kHz
        expected.Add(new DtmfDigit('9', TimeSpan.FromSeconds(2), DtmfSource.Rfc4733));

        var received = new List<DtmfDigit>();
        var payload = new byte[4];
        long now = 0;
        while (!sender.IsIdle)
        {
            if (sender.TryNextPacket(payload, out int length, out bool marker, out uint timestamp)
                && receiver.TryProcess(timestamp, marker, payload.AsSpan(0, length), now, out var digit))
            {
                received.Add(digit);
            }

            if (receiver.TryExpire(now, out var expired))
            {
                received.Add(expired);
            }

            now += TimeSpan.FromMilliseconds(20).Ticks;
        }

        received.ShouldBe(expected);
    }

    // Drives the sender one tick at a time until idle, as the RTP session does.
    private static List<Sent> Run(DtmfSender sender, uint firstTickTimestamp, out int ticks)
    {
        var packets = new List<Sent>();
        var payload = new byte[4];
        ticks = 0;
        uint tickTimestamp = firstTickTimestamp;
        while (!sender.IsIdle)
        {
            ticks.ShouldBeLessThan(100_000);
            if (sender.TryNextPacket(payload, out int length, out bool marker, out uint timestamp))
            {
                length.ShouldBe(4);
                TelephoneEvent.TryRead(payload, out var value).ShouldBeTrue();
                packets.Add(new Sent(ticks, tickTimestamp, marker, timestamp, value));
            }

            ticks++;
            tickTimestamp += (uint)(sender.ClockRate / 50);
        }

        return packets;
    }
}
