namespace Softswitch.Media.Rtcp;

/// <summary>RTCP packet types (<see href="https://www.rfc-editor.org/rfc/rfc3550#section-12.1"/>).</summary>
public enum RtcpPacketType : byte
{
    /// <summary>SR: sender report (RFC 3550 §6.4.1).</summary>
    SenderReport = 200,

    /// <summary>RR: receiver report (RFC 3550 §6.4.2).</summary>
    ReceiverReport = 201,

    /// <summary>SDES: source description (RFC 3550 §6.5).</summary>
    SourceDescription = 202,

    /// <summary>BYE: goodbye (RFC 3550 §6.6).</summary>
    Goodbye = 203,

    /// <summary>APP: application-defined (RFC 3550 §6.7).</summary>
    ApplicationDefined = 204,
}
