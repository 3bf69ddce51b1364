using System.Text;
using Shouldly;
using Softswitch.Media.Rtcp;
using Xunit;

namespace Softswitch.Media.Tests.Rtcp;

public sealed class RtcpPacketTests
{
    // SR (1 block) + SDES CNAME "ab" + BYE "x", built by hand from RFC 3550 §6.4.1, §6.5.1 and §6.6.
    private static readonly byte[] s_compound =
    [
        // SR: V=2 P=0 RC=1 PT=200 length=12 words (52 bytes)
        0x81, 0xC8, 0x00, 0x0C,
        0x11, 0x22, 0x33, 0x44,                         // sender SSRC
        0xE8, 0x00, 0x00, 0x01, 0x80, 0x00, 0x00, 0x00, // NTP timestamp
        0x00, 0x00, 0x1F, 0x40,                         // RTP timestamp 8000
        0x00, 0x00, 0x00, 0x32,                         // packet count 50
        0x00, 0x00, 0x1F, 0x40,                         // octet count 8000
        0xAA, 0xBB, 0xCC, 0xDD,                         // block SSRC
        0x19, 0xFF, 0xFF, 0xFE,                         // fraction 25, cumulative -2
        0x00, 0x01, 0x00, 0x05,                         // extended highest seq: 1 cycle, seq 5
        0x00, 0x00, 0x00, 0x10,                         // jitter 16
        0x00, 0x01, 0x80, 0x00,                         // LSR
        0x00, 0x00, 0x80, 0x00,                         // DLSR 0.5 s
        // SDES: SC=1 PT=202 length=3 words (16 bytes)
        0x81, 0xCA, 0x00, 0x03,
        0x11, 0x22, 0x33, 0x44,
        0x01, 0x02, (byte)'a', (byte)'b',
        0x00, 0x00, 0x00, 0x00,
        // BYE: SC=1 PT=203 length=2 words (12 bytes), reason "x"
        0x81, 0xCB, 0x00, 0x02,
        0x11, 0x22, 0x33, 0x44,
        0x01, (byte)'x', 0x00, 0x00,
    ];

    private static readonly RtcpSenderInfo s_senderInfo = new(0xE800000180000000, 8000, 50, 8000);

    private static readonly RtcpReportBlock s_block = new(0xAABBCCDD, 25, -2, 0x00010005, 16, 0x00018000, 0x00008000);

    [Fact]
    public void TryRead_HandBuiltCompound_ReadsEveryField()
    {
        var reader = new RtcpReader(s_compound);

        reader.TryRead(out var sr).ShouldBeTrue();
        sr.PacketType.ShouldBe(RtcpPacketType.SenderReport);
        sr.Length.ShouldBe(52);
        sr.Ssrc.ShouldBe(0x11223344u);
        sr.SenderInfo.ShouldBe(s_senderInfo);
        sr.ReportBlockCount.ShouldBe(1);
        sr.GetReportBlock(0).ShouldBe(s_block);

        reader.TryRead(out var sdes).ShouldBeTrue();
        sdes.PacketType.ShouldBe(RtcpPacketType.SourceDescription);
        sdes.TryGetCname(out uint ssrc, out var cname).ShouldBeTrue();
        ssrc.ShouldBe(0x11223344u);
        Encoding.UTF8.GetString(cname).ShouldBe("ab");

        reader.TryRead(out var bye).ShouldBeTrue();
        bye.PacketType.ShouldBe(RtcpPacketType.Goodbye);
        bye.GoodbyeSourceCount.ShouldBe(1);
        bye.GetGoodbyeSource(0).ShouldBe(0x11223344u);
        Encoding.UTF8.GetString(bye.GoodbyeReason).ShouldBe("x");

        reader.TryRead(out _).ShouldBeFalse();
        reader.IsInvalid.ShouldBeFalse();
        reader.IsComplete.ShouldBeTrue();
    }

    [Fact]
    public void Write_SrSdesBye_MatchesHandBuiltBytes()
    {
        var buffer = new byte[RtcpWriter.MaxCompoundLength];
        var writer = new RtcpWriter(buffer);
        writer.WriteSenderReport(0x11223344, s_senderInfo, [s_block]).ShouldBe(52);
        writer.WriteSourceDescription(0x11223344, "ab"u8).ShouldBe(16);
        writer.WriteGoodbye(0x11223344, "x"u8).ShouldBe(12);

        buffer.AsSpan(0, writer.BytesWritten).ToArray().ShouldBe(s_compound);
    }

    [Fact]
    public void Write_ReceiverReportWithTwoBlocks_RoundTrips()
    {
        var second = new RtcpReportBlock(7, 255, RtcpReportBlock.MaxCumulativeLost, 0xFFFFFFFF, 0, 0, 0);
        var buffer = new byte[RtcpWriter.MaxCompoundLength];
        var writer = new RtcpWriter(buffer);
        writer.WriteReceiverReport(0x01020304, [s_block, second]).ShouldBe(8 + 48);
        writer.WriteSourceDescription(0x01020304, "user@host"u8);

        var reader = new RtcpReader(buffer.AsSpan(0, writer.BytesWritten));
        reader.TryRead(out var rr).ShouldBeTrue();
        rr.PacketType.ShouldBe(RtcpPacketType.ReceiverReport);
        rr.Ssrc.ShouldBe(0x01020304u);
        rr.SenderInfo.ShouldBe(default);
        rr.ReportBlockCount.ShouldBe(2);
        rr.GetReportBlock(0).ShouldBe(s_block);
        rr.GetReportBlock(1).ShouldBe(second);
        reader.TryRead(out var sdes).ShouldBeTrue();
        sdes.TryGetCname(out _, out var cname).ShouldBeTrue();
        Encoding.UTF8.GetString(cname).ShouldBe("user@host");
        reader.IsComplete.ShouldBeTrue();
    }

    [Fact]
    public void Write_EmptyReceiverReport_IsEightBytes()
    {
        Span<byte> buffer = stackalloc byte[8];
        var writer = new RtcpWriter(buffer);
        writer.WriteReceiverReport(0xCAFEBABE, []).ShouldBe(8);
        buffer.ToArray().ShouldBe(new byte[] { 0x80, 0xC9, 0x00, 0x01, 0xCA, 0xFE, 0xBA, 0xBE });
    }

    [Theory]
    [InlineData(0, 4)]  // empty CNAME: type, length, two null octets
    [InlineData(1, 4)]
    [InlineData(2, 8)]  // needs at least one null octet
    [InlineData(5, 8)]
    [InlineData(6, 12)]
    [InlineData(255, 260)]
    public void WriteSourceDescription_CnameLength_PadsItemsToWordBoundary(int cnameLength, int itemsLength)
    {
        var cname = new byte[cnameLength];
        cname.AsSpan().Fill((byte)'c');
        var buffer = new byte[RtcpWriter.MaxCompoundLength];
        var writer = new RtcpWriter(buffer);
        writer.WriteReceiverReport(1, []);
        writer.WriteSourceDescription(1, cname).ShouldBe(8 + itemsLength);

        var reader = new RtcpReader(buffer.AsSpan(0, writer.BytesWritten));
        reader.TryRead(out _).ShouldBeTrue();
        reader.TryRead(out var sdes).ShouldBeTrue();
        sdes.TryGetCname(out _, out var read).ShouldBeTrue();
        read.ToArray().ShouldBe(cname);
        reader.IsComplete.ShouldBeTrue();
    }

    [Fact]
    public void WriteGoodbye_NoReason_IsEightBytes()
    {
        var buffer = new byte[64];
        var writer = new RtcpWriter(buffer);
        writer.WriteReceiverReport(1, []);
        writer.WriteGoodbye(1).ShouldBe(8);

        var reader = new RtcpReader(buffer.AsSpan(0, writer.BytesWritten));
        reader.TryRead(out _).ShouldBeTrue();
        reader.TryRead(out var bye).ShouldBeTrue();
        bye.GoodbyeReason.IsEmpty.ShouldBeTrue();
        reader.IsComplete.ShouldBeTrue();
    }

    [Fact]
    public void Write_DestinationTooShort_Throws()
    {
        var buffer = new byte[20];
        Should.Throw<ArgumentException>(() => new RtcpWriter(buffer).WriteSenderReport(1, s_senderInfo, []));
    }

    [Fact]
    public void TryRead_EveryTruncation_ReturnsFalseOrStopsAtPacketBoundary()
    {
        int[] boundaries = [52, 68, 80];
        for (int length = 0; length < s_compound.Length; length++)
        {
            var reader = new RtcpReader(s_compound.AsSpan(0, length));
            int consumed = 0;
            while (reader.TryRead(out var packet))
            {
                consumed += packet.Length;
            }

            if (Array.IndexOf(boundaries, length) >= 0)
            {
                reader.IsComplete.ShouldBeTrue($"prefix {length}");
            }
            else
            {
                reader.IsComplete.ShouldBe(length == 0, $"prefix {length}");
                RtcpReader.Validate(s_compound.AsSpan(0, length)).ShouldBeFalse($"prefix {length}");
                consumed.ShouldBeLessThan(length + 1);
            }
        }

        RtcpReader.Validate(s_compound).ShouldBeTrue();
    }

    [Fact]
    public void TryRead_VersionOne_ReturnsFalse()
    {
        var packet = (byte[])s_compound.Clone();
        packet[0] = 0x41;
        AssertInvalid(packet);
    }

    [Fact]
    public void TryRead_FirstPacketSdes_ReturnsFalse()
    {
        AssertInvalid(s_compound.AsSpan(52).ToArray());
    }

    [Fact]
    public void TryRead_LengthBeyondBuffer_ReturnsFalse()
    {
        var packet = (byte[])s_compound.Clone();
        packet[3] = 0x40;
        AssertInvalid(packet);
    }

    [Fact]
    public void TryRead_ReportCountBeyondLength_ReturnsFalse()
    {
        var packet = (byte[])s_compound.Clone();
        packet[0] = 0x82; // RC=2 but room for one block
        AssertInvalid(packet);
    }

    [Fact]
    public void TryRead_PaddingOnFirstOfSeveral_ReturnsFalse()
    {
        var packet = (byte[])s_compound.Clone();
        packet[0] |= 0x20;
        AssertInvalid(packet);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void TryRead_BadPaddingCount_ReturnsFalse(byte padding)
    {
        // RR with no blocks, P=1, one padding word whose last octet is the count.
        byte[] packet = [0xA0, 0xC9, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, padding];
        AssertInvalid(packet);
    }

    [Fact]
    public void TryRead_ValidPaddingOnLast_StripsIt()
    {
        byte[] packet = [0xA0, 0xC9, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x04];
        var reader = new RtcpReader(packet);
        reader.TryRead(out var rr).ShouldBeTrue();
        rr.Padding.ShouldBeTrue();
        rr.Body.Length.ShouldBe(4);
        rr.Ssrc.ShouldBe(1u);
        reader.IsComplete.ShouldBeTrue();
    }

    [Fact]
    public void TryRead_SdesItemRunsPastPacket_ReturnsFalse()
    {
        var packet = (byte[])s_compound.Clone();
        packet[52 + 9] = 0x09; // CNAME length 9 in a 16-byte SDES
        AssertInvalid(packet);
    }

    [Fact]
    public void TryRead_ByeReasonRunsPastPacket_ReturnsFalse()
    {
        var packet = (byte[])s_compound.Clone();
        packet[68 + 8] = 0x04;
        AssertInvalid(packet);
    }

    [Fact]
    public void TryRead_RandomBytes_NeverThrows()
    {
        var random = new Random(1234);
        var packet = new byte[64];
        for (int i = 0; i < 10_000; i++)
        {
            random.NextBytes(packet);
            packet[0] = (byte)(0x80 | (packet[0] & 0x3F));
            packet[1] = (byte)(200 + (packet[1] % 5));
            var reader = new RtcpReader(packet.AsSpan(0, random.Next(packet.Length + 1)));
            while (reader.TryRead(out var p))
            {
                _ = p.TryGetCname(out _, out _);
                _ = p.GoodbyeReason;
                for (int b = 0; b < p.ReportBlockCount; b++)
                {
                    _ = p.GetReportBlock(b);
                }
            }
        }
    }

    [Fact]
    public void ReadAndWrite_CompoundPacket_DoesNotAllocate()
    {
        Span<byte> buffer = stackalloc byte[RtcpWriter.MaxCompoundLength];
        Span<RtcpReportBlock> blocks = stackalloc RtcpReportBlock[1];
        blocks[0] = s_block;
        RoundTrip(buffer, blocks);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int total = 0;
        for (int i = 0; i < 1000; i++)
        {
            total += RoundTrip(buffer, blocks);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.ShouldBe(0);
        total.ShouldBe(1000 * (52 + 16 + 12 + 3));
    }

    private static int RoundTrip(Span<byte> buffer, ReadOnlySpan<RtcpReportBlock> blocks)
    {
        var writer = new RtcpWriter(buffer);
        writer.WriteSenderReport(0x11223344, s_senderInfo, blocks);
        writer.WriteSourceDescription(0x11223344, "ab"u8);
        writer.WriteGoodbye(0x11223344, "x"u8);

        var reader = new RtcpReader(buffer.Slice(0, writer.BytesWritten));
        int result = writer.BytesWritten;
        while (reader.TryRead(out var packet))
        {
            result++;
            if (packet.ReportBlockCount > 0 && packet.GetReportBlock(0).Jitter != 16)
            {
                return -1;
            }

            _ = packet.TryGetCname(out _, out _);
        }

        return result;
    }

    private static void AssertInvalid(ReadOnlySpan<byte> packet)
    {
        var reader = new RtcpReader(packet);
        while (reader.TryRead(out _))
        {
        }

        reader.IsInvalid.ShouldBeTrue();
        RtcpReader.Validate(packet).ShouldBeFalse();
    }
}
