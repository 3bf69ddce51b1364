using System.Net;

namespace Softswitch.Gateway.Transports;

/// <summary>The remote or local address of one SIP hop: a transport plus an IP end point.</summary>
/// <param name="Transport">The transport protocol.</param>
/// <param name="EndPoint">The IP address and port.</param>
public readonly record struct SipEndPoint(SipTransportKind Transport, IPEndPoint EndPoint)
{
    /// <summary>Whether the transport is reliable (TCP, TLS): no retransmissions, and Timers D, I, J, K are zero (RFC 3261 §17).</summary>
    public bool IsReliable => Transport != SipTransportKind.Udp;

    /// <summary>Formats as <c>udp:192.0.2.1:5060</c>.</summary>
    /// <returns>The transport and end point.</returns>
    public override string ToString() => Transport switch
    {
        SipTransportKind.Udp => "udp:",
        SipTransportKind.Tcp => "tcp:",
        _ => "tls:",
    } + EndPoint;
}
