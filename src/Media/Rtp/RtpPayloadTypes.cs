namespace Softswitch.Media.Rtp;

/// <summary>Static RTP payload types this assembly encodes (<see href="https://www.rfc-editor.org/rfc/rfc3551#section-6"/>).</summary>
public static class RtpPayloadTypes
{
    /// <summary>PCMU: G.711 μ-law, 8 kHz (RFC 3551 §4.5.14).</summary>
    public const int Pcmu = 0;

    /// <summary>PCMA: G.711 A-law, 8 kHz (RFC 3551 §4.5.14).</summary>
    public const int Pcma = 8;

    /// <summary>CN: comfort noise (RFC 3389); received and ignored.</summary>
    public const int ComfortNoise = 13;
}
