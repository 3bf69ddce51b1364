using Shouldly;
using Softswitch.Media.Rtp;
using Xunit;

namespace Softswitch.Media.Tests.Rtp;

public sealed class RtpHeaderTests
{
    // V=2, P=0, X=0, CC=0, M=1, PT=0, seq=0x1234, ts=0xDEADBEEF, ssrc=0x01020304, payload FF FF
    private static readonly byte[] s_basic = [0x80, 0x80, 0x12, 0x34, 0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0x03, 0x04, 0xFF, 0xFF];

    [Fact]
    public void TryRead_BasicPacket_ReadsAllFields()
    {
        RtpHeader.TryRead(s_basic, out var header, out var payload).ShouldBeTrue();
        header.Version.ShouldBe(2);
        header.Marker.ShouldBeTrue();
        header.PayloadType.ShouldBe((byte)0);
        header.SequenceNumber.ShouldBe((ushort)0x1234);
        header.Timestamp.ShouldBe(0xDEADBEEFu);
        header.Ssrc.ShouldBe(0x01020304u);
        header.Padding.ShouldBeFalse();
        header.Extension.ShouldBeFalse();
        header.CsrcCount.ShouldBe(0);
        header.HeaderLength.ShouldBe(12);
        payload.ToArray().ShouldBe(new byte[] { 0xFF, 0xFF });
    }

    [Fact]
    public void TryRead_CsrcExtensionAndPadding_SkipsThemAll()
    {
        byte[] packet =
        [
            0xB2, 0x08, 0x00, 0x01, 0x00, 0x00, 0x00, 0xA0, 0xCA, 0xFE, 0xBA, 0xBE, // V=2 P=1 X=1 CC=2, PT=8
            0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02,                         // two CSRCs
            0xBE, 0xDE, 0x00, 0x01, 0x11, 0x22, 0x33, 0x44,                         // extension: profile, 1 word
            0xD5, 0xD5, 0xD5,                                                       // payload
            0x00, 0x00, 0x03,                                                       // 3 padding octets
        ];

        RtpHeader.TryRead(packet, out var header, out var payload).ShouldBeTrue();
        header.PayloadType.ShouldBe((byte)8);
        header.Marker.ShouldBeFalse();
        header.CsrcCount.ShouldBe(2);
        header.Extension.ShouldBeTrue();
        header.Padding.ShouldBeTrue();
        header.PaddingLength.ShouldBe(3);
        header.HeaderLength.ShouldBe(28);
        header.Timestamp.ShouldBe(160u);
        payload.ToArray().ShouldBe(new byte[] { 0xD5, 0xD5, 0xD5 });
    }

    [Fact]
    public void TryRead_HeaderOnly_GivesEmptyPayload()
    {
        RtpHeader.TryRead(s_basic.AsSpan(0, 12), out _, out var payload).ShouldBeTrue();
        payload.IsEmpty.ShouldBeTrue();
    }

    public static TheoryData<string, byte[]> Malformed => new()
    {
        { "empty", [] },
        { "short", [0x80, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00] },
        { "version 0", [0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xFF] },
        { "version 1", [0x40, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xFF] },
        { "version 3", [0xC0, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xFF] },
        { "CSRC count beyond length", [0x83, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02] },
        { "extension header missing", [0x90, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xBE, 0xDE] },
        { "extension beyond length", [0x90, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xBE, 0xDE, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00] },
        { "padding beyond length", [0xA0, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xFF, 0x05] },
        { "padding count zero", [0xA0, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xFF, 0x00] },
        { "RTCP sender report", [0x80, 0xC8, 0x00, 0x06, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00] },
        { "RTCP receiver report", [0x81, 0xC9, 0x00, 0x07, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00] },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryRead_Malformed_ReturnsFalse(string name, byte[] packet)
    {
        RtpHeader.TryRead(packet, out var header, out var payload).ShouldBeFalse(name);
        header.ShouldBe(default);
        payload.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void TryRead_EveryPrefixOfValidPacket_NeverThrows()
    {
        byte[] packet = [0xB1, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x09, 0xBE, 0xDE, 0x00, 0x01, 1, 2, 3, 4, 0xFF, 0x00, 0x02];
        for (int length = 0; length <= packet.Length; length++)
        {
            bool ok = RtpHeader.TryRead(packet.AsSpan(0, length), out _, out _);
            ok.ShouldBe(length == packet.Length, $"prefix {length}");
        }
    }

    [Fact]
    public void TryRead_RandomBytes_NeverThrows()
    {
        var random = new Random(1234);
        var buffer = new byte[64];
        for (int i = 0; i < 20000; i++)
        {
            random.NextBytes(buffer);
            int length = random.Next(0, buffer.Length + 1);
            if (RtpHeader.TryRead(buffer.AsSpan(0, length), out var header, out var payload))
            {
                (header.HeaderLength + payload.Length + header.PaddingLength).ShouldBe(length);
            }
        }
    }

    [Fact]
    public void Write_ThenRead_RoundTrips()
    {
        var header = new RtpHeader(8, 65535, 4294967295, 0xCAFEBABE, marker: true);
        Span<byte> buffer = stackalloc byte[RtpHeader.FixedLength];
        header.Write(buffer).ShouldBe(12);
        buffer.ToArray().ShouldBe(new byte[] { 0x80, 0x88, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xCA, 0xFE, 0xBA, 0xBE });

        RtpHeader.TryRead(buffer, out var read, out _).ShouldBeTrue();
        read.PayloadType.ShouldBe((byte)8);
        read.Marker.ShouldBeTrue();
        read.SequenceNumber.ShouldBe((ushort)65535);
        read.Timestamp.ShouldBe(uint.MaxValue);
        read.Ssrc.ShouldBe(0xCAFEBABEu);
    }

    [Fact]
    public void Write_ShortDestination_Throws()
    {
        var header = new RtpHeader(0, 1, 2, 3);
        Should.Throw<ArgumentException>(() => header.Write(new byte[11]));
    }

    [Fact]
    public void Constructor_PayloadTypeAbove127_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new RtpHeader(128, 0, 0, 0));
    }
}
