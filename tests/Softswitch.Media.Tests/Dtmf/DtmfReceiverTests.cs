using Shouldly;
using Softswitch.Media.Dtmf;
using Xunit;

namespace Softswitch.Media.Tests.Dtmf;

public sealed class DtmfReceiverTests
{
    private static readonly long s_packetTicks = TimeSpan.FromMilliseconds(20).Ticks;
    private readonly byte[] _payload = new byte[4];
    private long _now = TimeSpan.FromSeconds(10).Ticks;

    [Fact]
    public void TryProcess_UpdatesThenThreeEndPackets_OneDigitWithDuration()
    {
        var receiver = new DtmfReceiver(8000);
        var digits = new List<DtmfDigit>();
        Feed(receiver, 1000, '5', [160, 320, 480, 640], endDuration: 800, endCopies: 3, digits);

        digits.ShouldHaveSingleItem().ShouldBe(new DtmfDigit('5', TimeSpan.FromMilliseconds(100), DtmfSource.Rfc4733));
        receiver.IsEventActive.ShouldBeFalse();
    }

    [Fact]
    public void TryProcess_DigitReportedOnFirstEndPacket()
    {
        var receiver = new DtmfReceiver(8000);
        Packet(receiver, 1000, '7', 160, end: false, marker: true, out _).ShouldBeFalse();
        receiver.IsEventActive.ShouldBeTrue();
        Packet(receiver, 1000, '7', 320, end: true, marker: false, out var digit).ShouldBeTrue();
        digit.Digit.ShouldBe('7');
        digit.Duration.ShouldBe(TimeSpan.FromMilliseconds(40));
        Packet(receiver, 1000, '7', 320, end: true, marker: false, out _).ShouldBeFalse();
    }

    [Fact]
    public void TryProcess_DuplicatesAndLateRetransmissions_Ignored()
    {
        var receiver = new DtmfReceiver(8000);
        var digits = new List<DtmfDigit>();
        Feed(receiver, 1000, '1', [160, 160, 320, 320, 480], endDuration: 640, endCopies: 3, digits);
        Feed(receiver, 3000, '2', [160, 320], endDuration: 480, endCopies: 3, digits);

        // Late copies of the first event (an update and an end packet) after the second one finished.
        Packet(receiver, 1000, '1', 480, end: false, marker: false, out _).ShouldBeFalse();
        Packet(receiver, 1000, '1', 640, end: true, marker: false, out _).ShouldBeFalse();
        receiver.IsEventActive.ShouldBeFalse();
        receiver.TryExpire(_now + TimeSpan.FromSeconds(5).Ticks, out _).ShouldBeFalse();

        digits.Select(d => d.Digit).ShouldBe(['1', '2']);
        digits[0].Duration.ShouldBe(TimeSpan.FromMilliseconds(80));
        digits[1].Duration.ShouldBe(TimeSpan.FromMilliseconds(60));
    }

    [Fact]
    public void TryProcess_ReorderedUpdate_DurationNeverShrinks()
    {
        var receiver = new DtmfReceiver(8000);
        Packet(receiver, 1000, '3', 480, end: false, marker: false, out _);
        Packet(receiver, 1000, '3', 160, end: false, marker: true, out _);
        receiver.TryExpire(_now + DtmfReceiver.DefaultExpiry.Ticks, out var digit).ShouldBeTrue();
        digit.Duration.ShouldBe(TimeSpan.FromMilliseconds(60));
    }

    [Fact]
    public void TryProcess_EndPacketsLost_DigitReportedWhenNextEventStarts()
    {
        var receiver = new DtmfReceiver(8000);
        var digits = new List<DtmfDigit>();
        Feed(receiver, 1000, '1', [160, 320, 480, 640], endDuration: null, endCopies: 0, digits);
        digits.ShouldBeEmpty();

        Packet(receiver, 4000, '2', 160, end: false, marker: true, out var first).ShouldBeTrue();
        first.ShouldBe(new DtmfDigit('1', TimeSpan.FromMilliseconds(80), DtmfSource.Rfc4733));

        Feed(receiver, 4000, '2', [320], endDuration: 480, endCopies: 3, digits);
        digits.ShouldHaveSingleItem().ShouldBe(new DtmfDigit('2', TimeSpan.FromMilliseconds(60), DtmfSource.Rfc4733));
    }

    [Fact]
    public void TryExpire_EndPacketsLost_DigitReportedAfterExpiry()
    {
        var receiver = new DtmfReceiver(8000, TimeSpan.FromMilliseconds(300));
        var digits = new List<DtmfDigit>();
        Feed(receiver, 1000, '9', [160, 320, 480], endDuration: null, endCopies: 0, digits);
        long last = _now - s_packetTicks;

        receiver.TryExpire(last + TimeSpan.FromMilliseconds(299).Ticks, out _).ShouldBeFalse();
        receiver.TryExpire(last + TimeSpan.FromMilliseconds(300).Ticks, out var digit).ShouldBeTrue();
        digit.ShouldBe(new DtmfDigit('9', TimeSpan.FromMilliseconds(60), DtmfSource.Rfc4733));
        receiver.IsEventActive.ShouldBeFalse();

        // The end packet finally arrives: already reported.
        Packet(receiver, 1000, '9', 640, end: true, marker: false, out _).ShouldBeFalse();
        receiver.TryExpire(_now + TimeSpan.FromSeconds(1).Ticks, out _).ShouldBeFalse();
    }

    [Fact]
    public void TryProcess_SameDigitTwiceWithDifferentTimestamps_TwoDigits()
    {
        var receiver = new DtmfReceiver(8000);
        var digits = new List<DtmfDigit>();
        Feed(receiver, 1000, '4', [160, 320], endDuration: 480, endCopies: 3, digits);
        Feed(receiver, 2280, '4', [160, 320], endDuration: 480, endCopies: 3, digits);
        digits.Count.ShouldBe(2);
        digits.ShouldAllBe(d => d.Digit == '4' && d.Duration == TimeSpan.FromMilliseconds(60));
    }

    [Fact]
    public void TryProcess_48kClock_DurationInClockUnits()
    {
        var receiver = new DtmfReceiver(48000);
        var digits = new List<DtmfDigit>();
        Feed(receiver, 96000, '#', [960, 1920, 2880, 3840], endDuration: 4800, endCopies: 3, digits);
        digits.ShouldHaveSingleItem().ShouldBe(new DtmfDigit('#', TimeSpan.FromMilliseconds(100), DtmfSource.Rfc4733));
    }

    [Fact]
    public void TryProcess_ShortPayloadOrNonDtmfEvent_Ignored()
    {
        var receiver = new DtmfReceiver(8000);
        receiver.TryProcess(1000, true, [5, 0x80, 0x01], _now, out _).ShouldBeFalse();
        receiver.TryProcess(1000, true, [], _now, out _).ShouldBeFalse();
        receiver.TryProcess(1000, true, [16, 0x80 | 10, 0x01, 0x00], _now, out _).ShouldBeFalse(); // flash
        receiver.IsEventActive.ShouldBeFalse();
        receiver.TryExpire(_now + TimeSpan.FromSeconds(5).Ticks, out _).ShouldBeFalse();
    }

    [Fact]
    public void TryProcess_NewEventAlreadyEndedWhilePreviousUnfinished_BothReportedInOrder()
    {
        var receiver = new DtmfReceiver(8000);
        Packet(receiver, 1000, '1', 320, end: false, marker: true, out _).ShouldBeFalse();
        Packet(receiver, 2000, '2', 400, end: true, marker: true, out var first).ShouldBeTrue();
        first.Digit.ShouldBe('1');
        Packet(receiver, 2000, '2', 400, end: true, marker: false, out var second).ShouldBeTrue(); // a repeat: returns the kept digit
        second.ShouldBe(new DtmfDigit('2', TimeSpan.FromMilliseconds(50), DtmfSource.Rfc4733));
        Packet(receiver, 2000, '2', 400, end: true, marker: false, out _).ShouldBeFalse();

        Packet(receiver, 3000, '3', 320, end: false, marker: true, out _).ShouldBeFalse();
        Packet(receiver, 4000, '4', 400, end: true, marker: true, out first).ShouldBeTrue();
        first.Digit.ShouldBe('3');
        receiver.TryExpire(_now, out second).ShouldBeTrue(); // the next tick hands over the kept digit
        second.Digit.ShouldBe('4');
    }

    [Fact]
    public void TryProcess_LongEventInSegments_OneDigitWithSummedDuration()
    {
        var receiver = new DtmfReceiver(8000);
        var digits = new List<DtmfDigit>();
        // 10 s of '0': the first segment reports up to 0xFFFF, the second starts at timestamp + 0xFFFF (RFC 4733 §2.5.1.3).
        const uint Start = 0xFFFFF000; // the second segment's timestamp wraps past 2^32
        Feed(receiver, Start, '0', [160, 32000, 65000, 0xFFFF], endDuration: null, endCopies: 0, digits);
        Feed(receiver, unchecked(Start + 0xFFFF), '0', [1000, 10000], endDuration: 80000 - 0xFFFF, endCopies: 3, digits, firstMarker: false);
        digits.ShouldHaveSingleItem().ShouldBe(new DtmfDigit('0', TimeSpan.FromSeconds(10), DtmfSource.Rfc4733));

        // Late packets of the first segment are not a new event.
        Packet(receiver, Start, '0', 65000, end: false, marker: false, out _).ShouldBeFalse();
        receiver.IsEventActive.ShouldBeFalse();
    }

    [Fact]
    public void Reset_ForgetsActiveEvent()
    {
        var receiver = new DtmfReceiver(8000);
        Packet(receiver, 1000, '1', 160, end: false, marker: true, out _);
        receiver.Reset();
        receiver.IsEventActive.ShouldBeFalse();
        receiver.TryExpire(_now + TimeSpan.FromSeconds(5).Ticks, out _).ShouldBeFalse();
    }

    private void Feed(DtmfReceiver receiver, uint timestamp, char key, int[] updates, int? endDuration, int endCopies, List<DtmfDigit> digits, bool firstMarker = true)
    {
        for (int i = 0; i < updates.Length; i++)
        {
            if (Packet(receiver, timestamp, key, updates[i], end: false, marker: firstMarker && i == 0, out var digit))
            {
                digits.Add(digit);
            }
        }

        for (int i = 0; i < endCopies; i++)
        {
            if (Packet(receiver, timestamp, key, endDuration!.Value, end: true, marker: false, out var digit))
            {
                digits.Add(digit);
            }
        }
    }

    private bool Packet(DtmfReceiver receiver, uint timestamp, char key, int duration, bool end, bool marker, out DtmfDigit digit)
    {
        TelephoneEvent.TryGetEventCode(key, out byte code).ShouldBeTrue();
        new TelephoneEvent(code, end, 10, duration).Write(_payload);
        bool result = receiver.TryProcess(timestamp, marker, _payload, _now, out digit);
        _now += s_packetTicks;
        return result;
    }
}
