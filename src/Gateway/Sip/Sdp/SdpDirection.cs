namespace Softswitch.Sip.Sdp;

/// <summary>Media direction attributes (<see href="https://www.rfc-editor.org/rfc/rfc4566#section-6"/>, <see href="https://www.rfc-editor.org/rfc/rfc3264#section-5.1"/>).</summary>
public enum SdpDirection
{
    /// <summary><c>a=sendrecv</c>, the default.</summary>
    SendRecv,

    /// <summary><c>a=sendonly</c>.</summary>
    SendOnly,

    /// <summary><c>a=recvonly</c>.</summary>
    RecvOnly,

    /// <summary><c>a=inactive</c>.</summary>
    Inactive,
}
