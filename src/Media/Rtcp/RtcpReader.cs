using System.Buffers.Binary;

namespace Softswitch.Media.Rtcp;

/// <summary>
/// Iterates the packets of a compound RTCP packet (<see href="https://www.rfc-editor.org/rfc/rfc3550#section-6.1"/>) without
/// allocating and without throwing. Each packet is checked as in RFC 3550 §A.2 before it is returned: version 2, a length field
/// within the buffer, padding only on the last packet with a count between 1 and the packet body, the first packet an SR or RR,
/// and an SR/RR/SDES/BYE body consistent with its count field.
/// </summary>
/// <example>
/// <code>
/// var reader = new RtcpReader(datagram);
/// while (reader.TryRead(out RtcpPacket packet)) { ... }
/// if (reader.IsInvalid) { /* drop the datagram */ }
/// </code>
/// </example>
public ref struct RtcpReader
{
    /// <summary>The only RTCP version in use (RFC 3550 §6.4.1).</summary>
    public const int RtcpVersion = 2;

    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    /// <summary>Creates a reader over one compound RTCP packet (one UDP datagram).</summary>
    /// <param name="compoundPacket">The datagram.</param>
    public RtcpReader(ReadOnlySpan<byte> compoundPacket)
    {
        _buffer = compoundPacket;
        _position = 0;
        IsInvalid = false;
    }

    /// <summary>True once a malformed packet was met; <see cref="TryRead"/> then always returns false.</summary>
    public bool IsInvalid { get; private set; }

    /// <summary>True when every byte of the buffer was consumed by valid packets.</summary>
    public readonly bool IsComplete => !IsInvalid && _position == _buffer.Length;

    /// <summary>Reads the next packet.</summary>
    /// <param name="packet">The packet read.</param>
    /// <returns>False at the end of the buffer or on malformed input (then <see cref="IsInvalid"/> is set).</returns>
    public bool TryRead(out RtcpPacket packet)
    {
        packet = default;
        if (IsInvalid || _position == _buffer.Length)
        {
            return false;
        }

        if (!TryParse(_buffer.Slice(_position), _position == 0, out packet))
        {
            IsInvalid = true;
            packet = default;
            return false;
        }

        _position += packet.Length;
        return true;
    }

    /// <summary>
    /// Whether a datagram on a port shared by RTP and RTCP is RTCP (<see href="https://www.rfc-editor.org/rfc/rfc5761#section-4"/>):
    /// version 2 and a second octet of 192-223, which RTP payload types 64-95 with the marker bit would give (never used).
    /// </summary>
    /// <param name="datagram">The datagram.</param>
    /// <returns>True when it is to be read as RTCP.</returns>
    public static bool LooksLikeRtcp(ReadOnlySpan<byte> datagram) =>
        datagram.Length >= 8 && (datagram[0] >> 6) == RtcpVersion && datagram[1] is >= 192 and <= 223;

    /// <summary>Checks a whole compound packet (RFC 3550 §A.2) without returning its packets.</summary>
    /// <param name="compoundPacket">The datagram.</param>
    /// <returns>True when the datagram is a valid compound RTCP packet.</returns>
    public static bool Validate(ReadOnlySpan<byte> compoundPacket)
    {
        var reader = new RtcpReader(compoundPacket);
        while (reader.TryRead(out _))
        {
        }

        return compoundPacket.Length > 0 && reader.IsComplete;
    }

    private static bool TryParse(ReadOnlySpan<byte> remaining, bool first, out RtcpPacket packet)
    {
        packet = default;
        if (remaining.Length < RtcpPacket.HeaderLength)
        {
            return false;
        }

        byte firstOctet = remaining[0];
        var packetType = (RtcpPacketType)remaining[1];
        if (firstOctet >> 6 != RtcpVersion)
        {
            return false;
        }

        if (first && packetType is not (RtcpPacketType.SenderReport or RtcpPacketType.ReceiverReport))
        {
            return false;
        }

        int length = (BinaryPrimitives.ReadUInt16BigEndian(remaining.Slice(2)) + 1) * 4;
        if (length > remaining.Length)
        {
            return false;
        }

        int bodyLength = length - RtcpPacket.HeaderLength;
        if ((firstOctet & 0x20) != 0)
        {
            // RFC 3550 §A.2: padding only on the last packet of the compound; the count includes itself.
            int padding = remaining[length - 1];
            if (length != remaining.Length || padding == 0 || padding > bodyLength)
            {
                return false;
            }

            bodyLength -= padding;
        }

        ReadOnlySpan<byte> body = remaining.Slice(RtcpPacket.HeaderLength, bodyLength);
        int count = firstOctet & 0x1F;
        bool bodyValid = packetType switch
        {
            RtcpPacketType.SenderReport => body.Length >= 4 + RtcpSenderInfo.Length + (count * RtcpReportBlock.Length),
            RtcpPacketType.ReceiverReport => body.Length >= 4 + (count * RtcpReportBlock.Length),
            RtcpPacketType.SourceDescription => IsValidSdes(body, count),
            RtcpPacketType.Goodbye => IsValidGoodbye(body, count),
            _ => true,
        };
        if (!bodyValid)
        {
            return false;
        }

        packet = new RtcpPacket(firstOctet, packetType, length, body);
        return true;
    }

    private static bool IsValidSdes(ReadOnlySpan<byte> body, int chunkCount)
    {
        int position = 0;
        for (int chunk = 0; chunk < chunkCount; chunk++)
        {
            position += 4;
            while (true)
            {
                if (position >= body.Length)
                {
                    return false;
                }

                if (body[position] == 0)
                {
                    break;
                }

                if (position + 2 > body.Length || position + 2 + body[position + 1] > body.Length)
                {
                    return false;
                }

                position += 2 + body[position + 1];
            }

            // RFC 3550 §6.5: the item list ends with one or more null octets up to the next 32-bit boundary.
            position = (position + 4) & ~3;
            if (position > body.Length)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidGoodbye(ReadOnlySpan<byte> body, int sourceCount)
    {
        int offset = sourceCount * 4;
        if (body.Length < offset)
        {
            return false;
        }

        return body.Length == offset || offset + 1 + body[offset] <= body.Length;
    }
}
