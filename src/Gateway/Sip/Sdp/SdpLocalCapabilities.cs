using System.Net;

namespace Softswitch.Sip.Sdp;

/// <summary>What the local side offers or accepts for one audio stream (input of <see cref="SdpNegotiator"/>).</summary>
/// <param name="Address">The local RTP address put in c= and o=.</param>
/// <param name="RtpPort">The local RTP port put in m=.</param>
public sealed record SdpLocalCapabilities(IPAddress Address, int RtpPort)
{
    /// <summary>
    /// Gets the supported codecs in preference order; defaults to PCMU, PCMA. An answer picks the offered codec that comes first
    /// in this list (so the order configured per trunk decides), an offer lists them in this order.
    /// </summary>
    public IReadOnlyList<SdpCodec> Codecs { get; init; } = [SdpCodec.Pcmu, SdpCodec.Pcma];

    /// <summary>
    /// Gets whether comfort noise (<see href="https://www.rfc-editor.org/rfc/rfc3389"/>, CN/8000, payload type 13) is understood:
    /// accepted when offered with an 8 kHz codec, and offered. Defaults to true.
    /// </summary>
    public bool ComfortNoise { get; init; } = true;

    /// <summary>Gets whether RTP and RTCP may share one port (<see href="https://www.rfc-editor.org/rfc/rfc5761"/>). Defaults to true.</summary>
    public bool RtcpMux { get; init; } = true;

    /// <summary>Gets whether SRTP (RTP/SAVP with SDES keys) is off, accepted, or required. Defaults to <see cref="SdpSrtpMode.Off"/>.</summary>
    public SdpSrtpMode Srtp { get; init; }

    /// <summary>Gets the <c>a=crypto</c> values put in our RTP/SAVP offers (<see href="https://www.rfc-editor.org/rfc/rfc4568#section-9.1"/>).</summary>
    public IReadOnlyList<string> SrtpOfferCryptos { get; init; } = [];

    /// <summary>
    /// Gets the SDES answerer: given the <c>a=crypto</c> values of an RTP/SAVP offer, returns our answer's <c>a=crypto</c> value
    /// (with the tag of the offered line it accepts), or null when no offered suite is acceptable.
    /// </summary>
    public Func<IReadOnlyList<string>, string?>? SrtpAnswerer { get; init; }

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
