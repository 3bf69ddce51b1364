using System.Buffers.Binary;

namespace Softswitch.Media.Rtcp;

/// <summary>
/// One reception report block of an SR or RR (<see href="https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1"/>).
/// </summary>
/// <param name="Ssrc">SSRC of the source this block reports on.</param>
/// <param name="FractionLost">Packets lost since the previous report, as a fixed-point fraction of 1/256.</param>
/// <param name="CumulativeLost">Packets lost since reception began (24-bit signed; duplicates can make it negative).</param>
/// <param name="ExtendedHighestSequence">Highest sequence number received, with the count of wraps in the upper 16 bits.</param>
/// <param name="Jitter">Interarrival jitter in RTP timestamp units (RFC 3550 §6.4.1, §A.8).</param>
/// <param name="LastSenderReport">LSR: middle 32 bits of the NTP timestamp of the last SR received from the source; 0 if none.</param>
/// <param name="DelaySinceLastSenderReport">DLSR: delay since that SR was received, in units of 1/65536 s; 0 if none.</param>
public readonly record struct RtcpReportBlock(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint ExtendedHighestSequence,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    /// <summary>Length of a report block in bytes.</summary>
    public const int Length = 24;

    /// <summary>Largest value of the 24-bit signed cumulative-lost field.</summary>
    public const int MaxCumulativeLost = 0x7FFFFF;

    /// <summary>Smallest value of the 24-bit signed cumulative-lost field.</summary>
    public const int MinCumulativeLost = -0x800000;

    /// <summary>Reads a report block from the first <see cref="Length"/> bytes of <paramref name="source"/>.</summary>
    /// <param name="source">At least <see cref="Length"/> bytes.</param>
    /// <returns>The report block.</returns>
    public static RtcpReportBlock Read(ReadOnlySpan<byte> source)
    {
        uint lossWord = BinaryPrimitives.ReadUInt32BigEndian(source.Slice(4));
        return new RtcpReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(source),
            (byte)(lossWord >> 24),
            (int)(lossWord << 8) >> 8,
            BinaryPrimitives.ReadUInt32BigEndian(source.Slice(8)),
            BinaryPrimitives.ReadUInt32BigEndian(source.Slice(12)),
            BinaryPrimitives.ReadUInt32BigEndian(source.Slice(16)),
            BinaryPrimitives.ReadUInt32BigEndian(source.Slice(20)));
    }

    /// <summary>
    /// Writes the block into the first <see cref="Length"/> bytes of <paramref name="destination"/>. <see cref="CumulativeLost"/> is
    /// clamped to the 24-bit signed range (RFC 3550 §6.4.1).
    /// </summary>
    /// <param name="destination">At least <see cref="Length"/> bytes.</param>
    public void Write(Span<byte> destination)
    {
        int lost = Math.Clamp(CumulativeLost, MinCumulativeLost, MaxCumulativeLost);
        BinaryPrimitives.WriteUInt32BigEndian(destination, Ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(4), ((uint)FractionLost << 24) | ((uint)lost & 0xFFFFFF));
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(8), ExtendedHighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(12), Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(16), LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(20), DelaySinceLastSenderReport);
    }

    /// <summary>
    /// Computes the round-trip time from this block as received back from the peer
    /// (<see href="https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1"/>): A − LSR − DLSR, where A is the arrival time.
    /// </summary>
    /// <param name="arrivalNtpTimestamp">64-bit NTP timestamp at which the report carrying this block arrived.</param>
    /// <param name="roundTripTime">The round-trip time, with a resolution of 1/65536 s.</param>
    /// <returns>False when the block carries no LSR (no SR received yet) or the result would be negative.</returns>
    public bool TryGetRoundTripTime(ulong arrivalNtpTimestamp, out TimeSpan roundTripTime)
    {
        roundTripTime = TimeSpan.Zero;
        if (LastSenderReport == 0)
        {
            return false;
        }

        // Modular 32-bit arithmetic in 16.16 fixed point; a "negative" result (clock skew) has the top bit set.
        uint rtt = NtpTime.Middle32(arrivalNtpTimestamp) - LastSenderReport - DelaySinceLastSenderReport;
        if ((int)rtt < 0)
        {
            return false;
        }

        roundTripTime = NtpTime.FromShortFormat(rtt);
        return true;
    }
}
