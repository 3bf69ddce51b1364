using System.Buffers.Binary;

namespace Softswitch.Media.Rtcp;

/// <summary>
/// The sender information section of a Sender Report (<see href="https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1"/>).
/// </summary>
/// <param name="NtpTimestamp">Wallclock time of the report as a 64-bit NTP timestamp (see <see cref="NtpTime"/>).</param>
/// <param name="RtpTimestamp">The same instant in the units of the RTP media clock.</param>
/// <param name="PacketCount">RTP data packets sent since the start of transmission.</param>
/// <param name="OctetCount">RTP payload octets sent since the start of transmission (headers and padding excluded).</param>
public readonly record struct RtcpSenderInfo(ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount)
{
    /// <summary>Length of the sender information in bytes.</summary>
    public const int Length = 20;

    /// <summary>Reads the sender information from the first <see cref="Length"/> bytes of <paramref name="source"/>.</summary>
    /// <param name="source">At least <see cref="Length"/> bytes.</param>
    /// <returns>The sender information.</returns>
    public static RtcpSenderInfo Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadUInt64BigEndian(source),
        BinaryPrimitives.ReadUInt32BigEndian(source.Slice(8)),
        BinaryPrimitives.ReadUInt32BigEndian(source.Slice(12)),
        BinaryPrimitives.ReadUInt32BigEndian(source.Slice(16)));

    /// <summary>Writes the sender information into the first <see cref="Length"/> bytes of <paramref name="destination"/>.</summary>
    /// <param name="destination">At least <see cref="Length"/> bytes.</param>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(8), RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(12), PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(16), OctetCount);
    }
}
