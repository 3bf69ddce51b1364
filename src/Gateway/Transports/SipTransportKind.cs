namespace Softswitch.Gateway.Transports;

/// <summary>The transport protocol of a SIP hop (RFC 3261 §18, <see href="https://www.rfc-editor.org/rfc/rfc3261#section-18"/>).</summary>
public enum SipTransportKind
{
    /// <summary>SIP over UDP: unreliable, so the transaction layer retransmits (Timers A, E, G).</summary>
    Udp,

    /// <summary>SIP over TCP: reliable and stream-framed by Content-Length (§18.3).</summary>
    Tcp,

    /// <summary>SIP over TLS (RFC 3261 §26.2); reliable. Not served by <see cref="SipTransportLayer"/> yet.</summary>
    Tls,
}
