using System.Net;

namespace Softswitch.Gateway.Transports;

/// <summary>Settings of the SIP transports (RFC 3261 §18).</summary>
public sealed class SipTransportOptions
{
    /// <summary>Address the UDP socket and the TCP listener bind to. Defaults to <see cref="IPAddress.Any"/> (0.0.0.0).</summary>
    public IPAddress BindAddress { get; set; } = IPAddress.Any;

    /// <summary>UDP port. Defaults to 5060 (RFC 3261 §19.1.2); 0 picks a free port, read back from <see cref="SipTransportLayer.UdpLocalEndPoint"/>.</summary>
    public int UdpPort { get; set; } = 5060;

    /// <summary>
    /// TCP port. Defaults to 5060, the same port as UDP (RFC 3261 §18.2.1 requires both). 0 picks a free port, trying the UDP port
    /// first when <see cref="UdpPort"/> is 0 as well.
    /// </summary>
    public int TcpPort { get; set; } = 5060;

    /// <summary>
    /// A TCP connection with no traffic in either direction for this long is closed. Defaults to 32 s: 64·T1, the longest a
    /// transaction waits on a silent peer (RFC 3261 §17.1.1.2); RFC 5626 flows refresh well within it with CRLF keep-alives.
    /// </summary>
    public TimeSpan TcpIdleTimeout { get; set; } = TimeSpan.FromSeconds(32);

    /// <summary>How long an outgoing TCP connect may take before the send fails. Defaults to 10 s.</summary>
    public TimeSpan TcpConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Largest message accepted, in bytes; larger datagrams are dropped and a TCP stream that exceeds it is closed.
    /// Defaults to 65,536 (<c>SipParser.MaxMessageSize</c>, the largest UDP datagram rounded up).
    /// </summary>
    public int MaxMessageSize { get; set; } = 65536;

    /// <summary>Kernel receive buffer of the UDP socket (SO_RCVBUF) in bytes, absorbing bursts. Defaults to 1 MiB; 0 keeps the OS default.</summary>
    public int UdpReceiveBufferSize { get; set; } = 1024 * 1024;

    /// <summary>
    /// Address written into Via sent-by (and, by the dialog layer, Contact and SDP) when <see cref="BindAddress"/> is a wildcard.
    /// Defaults to <see langword="null"/>: the bind address, or 127.0.0.1 when that is a wildcard.
    /// </summary>
    public IPAddress? AdvertisedAddress { get; set; }
}
