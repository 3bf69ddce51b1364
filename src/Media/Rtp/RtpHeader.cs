using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Softswitch.Media.Rtp;

/// <summary>
/// The RTP fixed header (<see href="https://www.rfc-editor.org/rfc/rfc3550#section-5.1"/>): a value read from or written to a
/// packet without allocating. <see cref="TryRead"/> applies the validity checks of RFC 3550 §A.1; <see cref="Write"/> writes the
/// 12-byte fixed header (no CSRC list, no extension).
/// </summary>
public readonly struct RtpHeader
{
    /// <summary>Length of the fixed header in bytes (RFC 3550 §5.1).</summary>
    public const int FixedLength = 12;

    /// <summary>The only RTP version in use (RFC 3550 §5.1).</summary>
    public const int RtpVersion = 2;

    /// <summary>Creates a header to write.</summary>
    /// <param name="payloadType">Payload type, 0–127 (RFC 3551 §6).</param>
    /// <param name="sequenceNumber">Sequence number (RFC 3550 §5.1).</param>
    /// <param name="timestamp">Sampling instant of the first octet, in codec clock units.</param>
    /// <param name="ssrc">Synchronization source identifier.</param>
    /// <param name="marker">Marker bit; for audio, the first packet of a talkspurt (RFC 3551 §4.1).</param>
    public RtpHeader(int payloadType, ushort sequenceNumber, uint timestamp, uint ssrc, bool marker = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadType);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadType, 127);
        PayloadType = (byte)payloadType;
        SequenceNumber = sequenceNumber;
        Timestamp = timestamp;
        Ssrc = ssrc;
        Marker = marker;
        HeaderLength = FixedLength;
    }

    private RtpHeader(byte firstOctet, byte secondOctet, ushort sequenceNumber, uint timestamp, uint ssrc, int headerLength, int paddingLength)
    {
        Padding = (firstOctet & 0x20) != 0;
        Extension = (firstOctet & 0x10) != 0;
        CsrcCount = firstOctet & 0x0F;
        Marker = (secondOctet & 0x80) != 0;
        PayloadType = (byte)(secondOctet & 0x7F);
        SequenceNumber = sequenceNumber;
        Timestamp = timestamp;
        Ssrc = ssrc;
        HeaderLength = headerLength;
        PaddingLength = paddingLength;
    }

    /// <summary>The version field; always <see cref="RtpVersion"/> for a header that was read successfully.</summary>
    public int Version => RtpVersion;

    /// <summary>The P bit: the packet ends with padding octets (RFC 3550 §5.1).</summary>
    public bool Padding { get; }

    /// <summary>The X bit: a header extension follows the CSRC list (RFC 3550 §5.3.1).</summary>
    public bool Extension { get; }

    /// <summary>The CC field: number of CSRC identifiers (0–15).</summary>
    public int CsrcCount { get; }

    /// <summary>The M bit.</summary>
    public bool Marker { get; }

    /// <summary>The PT field (RFC 3551 §6).</summary>
    public byte PayloadType { get; }

    /// <summary>The sequence number.</summary>
    public ushort SequenceNumber { get; }

    /// <summary>The RTP timestamp.</summary>
    public uint Timestamp { get; }

    /// <summary>The SSRC identifier.</summary>
    public uint Ssrc { get; }

    /// <summary>Bytes before the payload: fixed header, CSRC list and header extension.</summary>
    public int HeaderLength { get; }

    /// <summary>Padding octets at the end of the packet, including the count octet; 0 when <see cref="Padding"/> is false.</summary>
    public int PaddingLength { get; }

    /// <summary>
    /// Reads and validates an RTP packet (RFC 3550 §5.1 and §A.1). Never throws: malformed input returns false.
    /// Rejected: fewer than 12 bytes, a version other than 2, a CSRC list or header extension running past the end, a padding
    /// count of zero or larger than the payload, and the RTCP SR/RR/SDES/BYE/APP packet types (RFC 5761 §4).
    /// </summary>
    /// <param name="packet">The UDP datagram.</param>
    /// <param name="header">The header read.</param>
    /// <param name="payload">The payload, without CSRC list, extension and padding.</param>
    /// <returns>True when <paramref name="packet"/> is a valid RTP packet.</returns>
    public static bool TryRead(ReadOnlySpan<byte> packet, out RtpHeader header, out ReadOnlySpan<byte> payload)
    {
        header = default;
        payload = default;
        if (packet.Length < FixedLength)
        {
            return false;
        }

        byte first = packet[0];
        byte second = packet[1];
        if (first >> 6 != RtpVersion || second is >= 200 and <= 204)
        {
            return false;
        }

        int headerLength = FixedLength + ((first & 0x0F) * 4);
        if ((first & 0x10) != 0)
        {
            // RFC 3550 §5.3.1: 16-bit profile, 16-bit length in 32-bit words, then the extension.
            if (packet.Length < headerLength + 4)
            {
                return false;
            }

            headerLength += 4 + (BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(headerLength + 2)) * 4);
        }

        if (packet.Length < headerLength)
        {
            return false;
        }

        int paddingLength = 0;
        if ((first & 0x20) != 0)
        {
            paddingLength = packet[^1];
            if (paddingLength == 0 || paddingLength > packet.Length - headerLength)
            {
                return false;
            }
        }

        header = new RtpHeader(
            first,
            second,
            BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(2)),
            BinaryPrimitives.ReadUInt32BigEndian(packet.Slice(4)),
            BinaryPrimitives.ReadUInt32BigEndian(packet.Slice(8)),
            headerLength,
            paddingLength);
        payload = packet.Slice(headerLength, packet.Length - headerLength - paddingLength);
        return true;
    }

    /// <summary>Writes the 12-byte fixed header: version 2, no padding, no extension, no CSRC.</summary>
    /// <param name="destination">At least <see cref="FixedLength"/> bytes.</param>
    /// <returns>The number of bytes written (<see cref="FixedLength"/>).</returns>
    public int Write(Span<byte> destination)
    {
        if (destination.Length < FixedLength)
        {
            ThrowDestinationTooShort();
        }

        destination[0] = RtpVersion << 6;
        destination[1] = (byte)((Marker ? 0x80 : 0) | PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(2), SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(4), Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(8), Ssrc);
        return FixedLength;
    }

    [DoesNotReturn]
    private static void ThrowDestinationTooShort() => throw new ArgumentException("The destination is shorter than the 12-byte RTP header.", "destination");
}
