using Shouldly;
using Softswitch.Media.Dtmf;
using Xunit;

namespace Softswitch.Media.Tests.Dtmf;

public sealed class TelephoneEventTests
{
    [Fact]
    public void Write_Rfc4733Layout_EventEVolumeDurationBigEndian()
    {
        var payload = new byte[4];
        new TelephoneEvent(11, end: true, volume: 10, duration: 0x1234).Write(payload).ShouldBe(4);
        payload.ShouldBe(new byte[] { 11, 0x80 | 10, 0x12, 0x34 });
    }

    [Fact]
    public void TryRead_IgnoresReservedBit()
    {
        TelephoneEvent.TryRead([5, 0x40 | 0x3F, 0xFF, 0xFF], out var value).ShouldBeTrue();
        value.EventCode.ShouldBe((byte)5);
        value.End.ShouldBeFalse();
        value.Volume.ShouldBe((byte)63);
        value.Duration.ShouldBe((ushort)0xFFFF);
        value.IsDtmf.ShouldBeTrue();
    }

    [Fact]
    public void TryRead_ShortPayload_ReturnsFalse()
    {
        TelephoneEvent.TryRead([5, 0x80, 0x01], out _).ShouldBeFalse();
        TelephoneEvent.TryRead([], out _).ShouldBeFalse();
    }

    [Fact]
    public void WriteThenRead_RoundTrips()
    {
        var payload = new byte[4];
        new TelephoneEvent(16, end: false, volume: 0, duration: 160).Write(payload);
        TelephoneEvent.TryRead(payload, out var value).ShouldBeTrue();
        value.EventCode.ShouldBe((byte)16);
        value.IsDtmf.ShouldBeFalse();
        value.Duration.ShouldBe((ushort)160);
    }

    [Fact]
    public void Mapping_AllSixteenKeys_MatchRfc4733Table7()
    {
        const string Keys = "0123456789*#ABCD";
        for (int code = 0; code < 16; code++)
        {
            TelephoneEvent.TryGetDigit(code, out char digit).ShouldBeTrue();
            digit.ShouldBe(Keys[code]);
            TelephoneEvent.TryGetEventCode(digit, out byte back).ShouldBeTrue();
            back.ShouldBe((byte)code);
        }

        TelephoneEvent.TryGetEventCode('b', out byte lower).ShouldBeTrue();
        lower.ShouldBe((byte)13);
        TelephoneEvent.TryGetDigit(16, out _).ShouldBeFalse();
        TelephoneEvent.TryGetDigit(-1, out _).ShouldBeFalse();
        TelephoneEvent.TryGetEventCode('E', out _).ShouldBeFalse();
        TelephoneEvent.TryGetEventCode('x', out _).ShouldBeFalse();
    }

    [Fact]
    public void Constructor_OutOfRange_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new TelephoneEvent(256, false, 10, 0));
        Should.Throw<ArgumentOutOfRangeException>(() => new TelephoneEvent(1, false, 64, 0));
        Should.Throw<ArgumentOutOfRangeException>(() => new TelephoneEvent(1, false, 10, 0x10000));
        Should.Throw<ArgumentException>(() => new TelephoneEvent(1, false, 10, 0).Write(new byte[3]));
    }
}
