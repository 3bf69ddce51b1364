using System.Buffers.Binary;

namespace Softswitch.Interop.Tests.Infrastructure;

/// <summary>
/// Writes an RTP stream as a libpcap capture (Ethernet link type, IPv4, UDP) for sipp's <c>play_pcap_audio</c>: one packet per
/// 20 ms frame, captured 20 ms apart. sipp replays each packet's UDP payload as it stands (payload type, sequence numbers,
/// timestamps and SSRC included) and rewrites only the addresses and ports, so the scenario's SDP must offer the payload type
/// written here.
/// </summary>
internal static class PcapWriter
{
    private const int EthernetHeaderLength = 14;
    private const int IpHeaderLength = 20;
    private const int UdpHeaderLength = 8;
    private const int RtpHeaderLength = 12;
    private const int CapturePort = 6000;

    /// <summary>Writes <paramref name="frames"/> as consecutive RTP packets, the first with the marker bit.</summary>
    /// <param name="path">The capture file.</param>
    /// <param name="payloadType">The RTP payload type of every packet.</param>
    /// <param name="timestampPerFrame">RTP timestamp units per frame (160 for 20 ms at 8000 Hz).</param>
    /// <param name="frames">One encoded payload per 20 ms frame.</param>
    /// <param name="ssrc">The stream's SSRC.</param>
    public static void WriteRtp(string path, int payloadType, int timestampPerFrame, IReadOnlyList<byte[]> frames, uint ssrc = 0x5EED1234)
    {
        using var file = File.Create(path);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4); // microsecond timestamps
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535); // snap length
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1); // LINKTYPE_ETHERNET
        file.Write(header);

        Span<byte> record = stackalloc byte[16];
        const ushort FirstSequence = 1000;
        const uint FirstTimestamp = 8000;
        for (var i = 0; i < frames.Count; i++)
        {
            var packet = BuildPacket(payloadType, (ushort)(FirstSequence + i), (uint)(FirstTimestamp + (i * timestampPerFrame)), ssrc, i == 0, frames[i]);
            var micros = 20_000L * i;
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(1_700_000_000 + (micros / 1_000_000)));
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(micros % 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)packet.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)packet.Length);
            file.Write(record);
            file.Write(packet);
        }
    }

    private static byte[] BuildPacket(int payloadType, ushort sequence, uint timestamp, uint ssrc, bool marker, byte[] payload)
    {
        var udpLength = UdpHeaderLength + RtpHeaderLength + payload.Length;
        var packet = new byte[EthernetHeaderLength + IpHeaderLength + udpLength];
        var span = packet.AsSpan();

        // Ethernet: locally administered addresses, EtherType IPv4.
        span[0] = 0x02;
        span[6] = 0x02;
        span[11] = 0x01;
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], 0x0800);

        var ip = span.Slice(EthernetHeaderLength, IpHeaderLength);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(IpHeaderLength + udpLength));
        ip[8] = 64; // TTL
        ip[9] = 17; // UDP
        ReadOnlySpan<byte> loopback = [127, 0, 0, 1];
        loopback.CopyTo(ip[12..]);
        loopback.CopyTo(ip[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip));

        var udp = span.Slice(EthernetHeaderLength + IpHeaderLength);
        BinaryPrimitives.WriteUInt16BigEndian(udp, CapturePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], CapturePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udpLength);

        // UDP checksum stays 0 (none): sipp computes its own from the payload.
        var rtp = udp[UdpHeaderLength..];
        rtp[0] = 0x80;
        rtp[1] = (byte)((marker ? 0x80 : 0) | payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(rtp[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(rtp[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(rtp[8..], ssrc);
        payload.CopyTo(rtp[RtpHeaderLength..]);
        return packet;
    }

    private static ushort Checksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (var i = 0; i < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
