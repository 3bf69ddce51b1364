namespace Softswitch.Media.Rtp;

/// <summary>
/// Media direction from our side, as in our SDP (<see href="https://www.rfc-editor.org/rfc/rfc3264#section-5.1"/>,
/// <see href="https://www.rfc-editor.org/rfc/rfc8866#section-6.7"/>).
/// </summary>
public enum MediaDirection
{
    /// <summary>a=sendrecv: we send and receive.</summary>
    SendRecv,

    /// <summary>a=sendonly: we send (music on hold) and ignore what arrives.</summary>
    SendOnly,

    /// <summary>a=recvonly: we receive only (the peer put us on hold); we must not send.</summary>
    RecvOnly,

    /// <summary>a=inactive: neither.</summary>
    Inactive,
}
