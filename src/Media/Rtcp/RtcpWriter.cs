using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Softswitch.Media.Rtcp;

/// <summary>
/// Writes a compound RTCP packet (<see href="https://www.rfc-editor.org/rfc/rfc3550#section-6.1"/>) into a caller buffer without
/// allocating: an SR or RR first, then SDES with the CNAME, then optionally BYE. No padding is written (no SRTCP here).
/// </summary>
/// <example>
/// <code>
/// Span&lt;byte&gt; buffer = stackalloc byte[RtcpWriter.MaxCompoundLength];
/// var writer = new RtcpWriter(buffer);
/// writer.WriteSenderReport(ssrc, senderInfo, blocks);
/// writer.WriteSourceDescription(ssrc, cname);
/// socket.Send(buffer[..writer.BytesWritten]);
/// </code>
/// </example>
public ref struct RtcpWriter
{
    /// <summary>Most report blocks one SR or RR can carry (5-bit count).</summary>
    public const int MaxReportBlocks = 31;

    /// <summary>Longest SDES item text or BYE reason (8-bit length).</summary>
    public const int MaxTextLength = 255;

    /// <summary>
    /// A buffer this long holds an SR or RR with up to 16 report blocks, SDES with a CNAME and BYE with a reason of any length.
    /// Under 1,024 bytes, a compound packet also stays clear of path-MTU trouble.
    /// </summary>
    public const int MaxCompoundLength = 1024;

    private readonly Span<byte> _destination;

    /// <summary>Creates a writer over <paramref name="destination"/>.</summary>
    /// <param name="destination">The buffer to write into.</param>
    public RtcpWriter(Span<byte> destination)
    {
        _destination = destination;
        BytesWritten = 0;
    }

    /// <summary>Bytes written so far: the length of the compound packet.</summary>
    public int BytesWritten { get; private set; }

    /// <summary>Writes a Sender Report (RFC 3550 §6.4.1).</summary>
    /// <param name="ssrc">SSRC of the sender.</param>
    /// <param name="senderInfo">The sender information.</param>
    /// <param name="reportBlocks">Up to <see cref="MaxReportBlocks"/> report blocks.</param>
    /// <returns>Bytes written by this call.</returns>
    public int WriteSenderReport(uint ssrc, in RtcpSenderInfo senderInfo, scoped ReadOnlySpan<RtcpReportBlock> reportBlocks)
    {
        int length = RtcpPacket.HeaderLength + 4 + RtcpSenderInfo.Length + (CheckBlockCount(reportBlocks) * RtcpReportBlock.Length);
        Span<byte> packet = Reserve(length);
        WriteHeader(packet, reportBlocks.Length, RtcpPacketType.SenderReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(packet.Slice(4), ssrc);
        senderInfo.Write(packet.Slice(8));
        WriteBlocks(packet.Slice(8 + RtcpSenderInfo.Length), reportBlocks);
        return length;
    }

    /// <summary>Writes a Receiver Report (RFC 3550 §6.4.2).</summary>
    /// <param name="ssrc">SSRC of the packet sender.</param>
    /// <param name="reportBlocks">Up to <see cref="MaxReportBlocks"/> report blocks; empty is allowed.</param>
    /// <returns>Bytes written by this call.</returns>
    public int WriteReceiverReport(uint ssrc, scoped ReadOnlySpan<RtcpReportBlock> reportBlocks)
    {
        int length = RtcpPacket.HeaderLength + 4 + (CheckBlockCount(reportBlocks) * RtcpReportBlock.Length);
        Span<byte> packet = Reserve(length);
        WriteHeader(packet, reportBlocks.Length, RtcpPacketType.ReceiverReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(packet.Slice(4), ssrc);
        WriteBlocks(packet.Slice(8), reportBlocks);
        return length;
    }

    /// <summary>Writes an SDES packet with one chunk holding one CNAME item (RFC 3550 §6.5.1).</summary>
    /// <param name="ssrc">SSRC of the chunk.</param>
    /// <param name="cname">The CNAME in UTF-8, at most <see cref="MaxTextLength"/> bytes.</param>
    /// <returns>Bytes written by this call.</returns>
    public int WriteSourceDescription(uint ssrc, scoped ReadOnlySpan<byte> cname)
    {
        CheckTextLength(cname);

        // Item (type, length, text), then at least one null octet, up to the next 32-bit boundary.
        int itemsLength = (2 + cname.Length + 4) & ~3;
        int length = RtcpPacket.HeaderLength + 4 + itemsLength;
        Span<byte> packet = Reserve(length);
        WriteHeader(packet, 1, RtcpPacketType.SourceDescription, length);
        BinaryPrimitives.WriteUInt32BigEndian(packet.Slice(4), ssrc);
        packet[8] = RtcpPacket.CnameItemType;
        packet[9] = (byte)cname.Length;
        cname.CopyTo(packet.Slice(10));
        packet.Slice(10 + cname.Length).Clear();
        return length;
    }

    /// <summary>Writes a BYE packet for one source (RFC 3550 §6.6).</summary>
    /// <param name="ssrc">The SSRC leaving.</param>
    /// <param name="reason">Optional reason in UTF-8, at most <see cref="MaxTextLength"/> bytes; empty for none.</param>
    /// <returns>Bytes written by this call.</returns>
    public int WriteGoodbye(uint ssrc, scoped ReadOnlySpan<byte> reason = default)
    {
        CheckTextLength(reason);
        int reasonLength = reason.IsEmpty ? 0 : (1 + reason.Length + 3) & ~3;
        int length = RtcpPacket.HeaderLength + 4 + reasonLength;
        Span<byte> packet = Reserve(length);
        WriteHeader(packet, 1, RtcpPacketType.Goodbye, length);
        BinaryPrimitives.WriteUInt32BigEndian(packet.Slice(4), ssrc);
        if (!reason.IsEmpty)
        {
            packet[8] = (byte)reason.Length;
            reason.CopyTo(packet.Slice(9));
            packet.Slice(9 + reason.Length).Clear();
        }

        return length;
    }

    private Span<byte> Reserve(int length)
    {
        if (_destination.Length - BytesWritten < length)
        {
            ThrowDestinationTooShort();
        }

        Span<byte> packet = _destination.Slice(BytesWritten, length);
        BytesWritten += length;
        return packet;
    }

    private static void WriteHeader(Span<byte> packet, int count, RtcpPacketType packetType, int length)
    {
        packet[0] = (byte)((RtcpReader.RtcpVersion << 6) | count);
        packet[1] = (byte)packetType;
        BinaryPrimitives.WriteUInt16BigEndian(packet.Slice(2), (ushort)((length / 4) - 1));
    }

    private static void WriteBlocks(Span<byte> destination, scoped ReadOnlySpan<RtcpReportBlock> reportBlocks)
    {
        for (int i = 0; i < reportBlocks.Length; i++)
        {
            reportBlocks[i].Write(destination.Slice(i * RtcpReportBlock.Length));
        }
    }

    private static int CheckBlockCount(ReadOnlySpan<RtcpReportBlock> reportBlocks)
    {
        if (reportBlocks.Length > MaxReportBlocks)
        {
            ThrowTooManyBlocks();
        }

        return reportBlocks.Length;
    }

    private static void CheckTextLength(ReadOnlySpan<byte> text)
    {
        if (text.Length > MaxTextLength)
        {
            ThrowTextTooLong();
        }
    }

    [DoesNotReturn]
    private static void ThrowDestinationTooShort() => throw new ArgumentException("The destination is too short for the RTCP packet.", "destination");

    [DoesNotReturn]
    private static void ThrowTooManyBlocks() => throw new ArgumentException("An SR or RR carries at most 31 report blocks.", "reportBlocks");

    [DoesNotReturn]
    private static void ThrowTextTooLong() => throw new ArgumentException("SDES items and BYE reasons are at most 255 bytes.", "text");
}
