using System.Net;
using Softswitch.Media.Codecs;
using Softswitch.Media.Srtp;

namespace Softswitch.Media.Rtp;

/// <summary>
/// What offer/answer agreed for one RTP stream: the codec and its payload type on the wire, the remote fmtp, RFC 4733
/// telephone-event and RFC 3389 comfort noise payload types, RTCP multiplexing and address, and SRTP keys. Applied to a session
/// with <see cref="RtpSession.Configure"/>; a re-INVITE may apply new settings mid-call.
/// </summary>
public sealed record RtpStreamSettings
{
    /// <summary>The defaults: PCMU (payload type 0), no telephone-event, no CN, RTCP on port + 1, no SRTP.</summary>
    public static RtpStreamSettings Default { get; } = new();

    /// <summary>The codec sent and received.</summary>
    public AudioCodecInfo Codec { get; init; } = AudioCodecs.Pcmu;

    /// <summary>The payload type of <see cref="Codec"/> on the wire (the offerer's choice for dynamic ones).</summary>
    public int PayloadType { get; init; } = RtpPayloadTypes.Pcmu;

    /// <summary>The remote fmtp and our encoder settings.</summary>
    public CodecParameters CodecParameters { get; init; } = CodecParameters.Default;

    /// <summary>The negotiated telephone-event payload type, or null (then digits are detected and sent in-band).</summary>
    public int? TelephoneEventPayloadType { get; init; }

    /// <summary>The telephone-event clock rate (8000, or 48000 beside Opus).</summary>
    public int TelephoneEventClockRate { get; init; } = 8000;

    /// <summary>The negotiated comfort noise payload type, or null.</summary>
    public int? ComfortNoisePayloadType { get; init; }

    /// <summary>Whether RTCP shares the RTP port (RFC 5761).</summary>
    public bool RtcpMux { get; init; }

    /// <summary>Where to send RTCP when not multiplexed (null: the RTP address, port + 1).</summary>
    public IPEndPoint? RemoteRtcpEndPoint { get; init; }

    /// <summary>The SRTP contexts when the stream is RTP/SAVP, or null for plain RTP. The session owns and disposes them.</summary>
    public SrtpSession? Srtp { get; init; }
}
