using System.Buffers.Binary;

namespace Softswitch.Media.Rtcp;

/// <summary>
/// A view of one RTCP packet inside a compound packet (<see href="https://www.rfc-editor.org/rfc/rfc3550#section-6.4"/>),
/// produced by <see cref="RtcpReader"/> after the structural checks of RFC 3550 §A.2, so its accessors do not re-validate.
/// </summary>
public readonly ref struct RtcpPacket
{
    /// <summary>Length of the common header (V, P, count, PT, length) in bytes.</summary>
    public const int HeaderLength = 4;

    /// <summary>SDES item type of CNAME (RFC 3550 §6.5.1).</summary>
    public const byte CnameItemType = 1;

    private readonly ReadOnlySpan<byte> _body;

    internal RtcpPacket(byte firstOctet, RtcpPacketType packetType, int length, ReadOnlySpan<byte> body)
    {
        Padding = (firstOctet & 0x20) != 0;
        Count = firstOctet & 0x1F;
        PacketType = packetType;
        Length = length;
        _body = body;
    }

    /// <summary>The P bit: this packet ends with padding octets.</summary>
    public bool Padding { get; }

    /// <summary>The 5-bit count field: report blocks (SR/RR), chunks (SDES), sources (BYE) or subtype (APP).</summary>
    public int Count { get; }

    /// <summary>The PT field.</summary>
    public RtcpPacketType PacketType { get; }

    /// <summary>Total length of the packet in bytes, header and padding included.</summary>
    public int Length { get; }

    /// <summary>The bytes after the 4-byte common header, without padding.</summary>
    public ReadOnlySpan<byte> Body => _body;

    /// <summary>The SSRC of the sender (SR, RR, APP) or of the first chunk or source (SDES, BYE); 0 if the body is empty.</summary>
    public uint Ssrc => _body.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(_body) : 0;

    /// <summary>Number of report blocks: <see cref="Count"/> for SR and RR, otherwise 0.</summary>
    public int ReportBlockCount => PacketType is RtcpPacketType.SenderReport or RtcpPacketType.ReceiverReport ? Count : 0;

    /// <summary>The sender information of an SR (RFC 3550 §6.4.1); default for other types.</summary>
    public RtcpSenderInfo SenderInfo => PacketType == RtcpPacketType.SenderReport ? RtcpSenderInfo.Read(_body.Slice(4)) : default;

    /// <summary>Reads report block <paramref name="index"/> of an SR or RR.</summary>
    /// <param name="index">0 to <see cref="ReportBlockCount"/> − 1.</param>
    /// <returns>The report block.</returns>
    public RtcpReportBlock GetReportBlock(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ReportBlockCount);
        int offset = (PacketType == RtcpPacketType.SenderReport ? 4 + RtcpSenderInfo.Length : 4) + (index * RtcpReportBlock.Length);
        return RtcpReportBlock.Read(_body.Slice(offset));
    }

    /// <summary>Finds the first CNAME item among the chunks of an SDES packet (RFC 3550 §6.5.1).</summary>
    /// <param name="ssrc">SSRC of the chunk that carries the CNAME.</param>
    /// <param name="cname">The CNAME text (UTF-8), a slice of the packet.</param>
    /// <returns>False when this is not an SDES packet or no chunk has a CNAME.</returns>
    public bool TryGetCname(out uint ssrc, out ReadOnlySpan<byte> cname)
    {
        ssrc = 0;
        cname = default;
        if (PacketType != RtcpPacketType.SourceDescription)
        {
            return false;
        }

        int position = 0;
        for (int chunk = 0; chunk < Count; chunk++)
        {
            uint chunkSsrc = BinaryPrimitives.ReadUInt32BigEndian(_body.Slice(position));
            position += 4;
            while (_body[position] != 0)
            {
                int itemLength = _body[position + 1];
                if (_body[position] == CnameItemType)
                {
                    ssrc = chunkSsrc;
                    cname = _body.Slice(position + 2, itemLength);
                    return true;
                }

                position += 2 + itemLength;
            }

            position = (position + 4) & ~3;
        }

        return false;
    }

    /// <summary>Number of SSRCs in a BYE packet: <see cref="Count"/> for BYE, otherwise 0.</summary>
    public int GoodbyeSourceCount => PacketType == RtcpPacketType.Goodbye ? Count : 0;

    /// <summary>Reads SSRC <paramref name="index"/> of a BYE packet (RFC 3550 §6.6).</summary>
    /// <param name="index">0 to <see cref="GoodbyeSourceCount"/> − 1.</param>
    /// <returns>The SSRC.</returns>
    public uint GetGoodbyeSource(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, GoodbyeSourceCount);
        return BinaryPrimitives.ReadUInt32BigEndian(_body.Slice(index * 4));
    }

    /// <summary>The optional reason for leaving of a BYE packet (UTF-8); empty when absent or for other types.</summary>
    public ReadOnlySpan<byte> GoodbyeReason
    {
        get
        {
            int offset = GoodbyeSourceCount * 4;
            return PacketType == RtcpPacketType.Goodbye && _body.Length > offset
                ? _body.Slice(offset + 1, _body[offset])
                : default;
        }
    }
}
