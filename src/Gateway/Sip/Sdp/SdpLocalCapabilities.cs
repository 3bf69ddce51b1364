using System.Net;

namespace Softswitch.Sip.Sdp;

/// <summary>What the local side offers or accepts for one audio stream (input of <see cref="SdpNegotiator"/>).</summary>
/// <param name="Address">The local RTP address put in c= and o=.</param>
/// <param name="RtpPort">The local RTP port put in m=.</param>
public sealed record SdpLocalCapabilities(IPAddress Address, int RtpPort)
{
    /// <summary>Gets the supported codecs as static payload types, in preference order; defaults to PCMU (0), PCMA (8).</summary>
    public IReadOnlyList<int> Codecs { get; init; } = [0, 8];

    /// <summary>Gets whether RFC 4733 telephone-event/8000 is supported. Defaults to true.</summary>
    public bool TelephoneEvent { get; init; } = true;

    /// <summary>Gets the dynamic payload type used for telephone-event in our offers. Defaults to 101.</summary>
    public int TelephoneEventPayloadType { get; init; } = 101;

    /// <summary>Gets the packetisation time in ms. Defaults to 20 (RFC 3551 §4.5 default for G.711).</summary>
    public int Ptime { get; init; } = 20;

    /// <summary>Gets the local direction: sendrecv normally, sendonly to put the call on hold (<see href="https://www.rfc-editor.org/rfc/rfc3264#section-8.4"/>).</summary>
    public SdpDirection Direction { get; init; } = SdpDirection.SendRecv;

    /// <summary>Gets the o= session id.</summary>
    public ulong SessionId { get; init; }

    /// <summary>Gets the o= session version; increment it for every new offer or answer that changes the session.</summary>
    public ulong SessionVersion { get; init; }

    /// <summary>Gets the o= user name. Defaults to "-".</summary>
    public string Username { get; init; } = "-";

    /// <summary>Gets the s= session name. Defaults to "-".</summary>
    public string SessionName { get; init; } = "-";
}
