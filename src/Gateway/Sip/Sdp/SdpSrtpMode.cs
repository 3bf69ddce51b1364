namespace Softswitch.Sip.Sdp;

/// <summary>Whether a stream is protected with SRTP keyed by SDES (<see href="https://www.rfc-editor.org/rfc/rfc4568"/>).</summary>
public enum SdpSrtpMode
{
    /// <summary>Plain RTP only: RTP/SAVP offers are rejected, offers are RTP/AVP.</summary>
    Off,

    /// <summary>Either: RTP/SAVP offers are answered with SRTP, RTP/AVP ones with RTP; our offers are RTP/AVP.</summary>
    Optional,

    /// <summary>SRTP only: RTP/AVP offers are rejected (488), our offers are RTP/SAVP.</summary>
    Mandatory,
}
