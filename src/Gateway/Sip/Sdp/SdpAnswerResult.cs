using System.Net;

namespace Softswitch.Sip.Sdp;

/// <summary>The outcome of <see cref="SdpNegotiator.Answer"/> or <see cref="SdpNegotiator.ProcessAnswer"/>.</summary>
public sealed class SdpAnswerResult
{
    /// <summary>Gets whether an audio stream was agreed; when false, answer the INVITE with 488 (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-13.3.1.3"/>).</summary>
    public required bool Accepted { get; init; }

    /// <summary>Gets why no stream was agreed (for a Warning header), or <see langword="null"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the answer to send (from <see cref="SdpNegotiator.Answer"/>); <see langword="null"/> when not accepted or when processing an answer.</summary>
    public SdpSession? Answer { get; init; }

    /// <summary>Gets the index of the audio m-line that was agreed, or -1.</summary>
    public int MediaIndex { get; init; } = -1;

    /// <summary>Gets where to send RTP for the audio stream; <see langword="null"/> when the port is 0 or the address is the 0.0.0.0 hold address.</summary>
    public IPEndPoint? RemoteEndPoint { get; init; }

    /// <summary>Gets the agreed audio payload type as used on the wire (0 PCMU, 8 PCMA, 9 G722, a dynamic one for Opus…), or -1.</summary>
    public int SelectedPayloadType { get; init; } = -1;

    /// <summary>Gets the agreed codec's rtpmap (with the payload type used on the wire), or <see langword="null"/>.</summary>
    public SdpRtpMap? SelectedCodec { get; init; }

    /// <summary>Gets the format parameters the remote side sent for the agreed codec, or <see langword="null"/>.</summary>
    public string? RemoteFmtp { get; init; }

    /// <summary>Gets the agreed telephone-event payload type, or <see langword="null"/>.</summary>
    public int? TelephoneEventPayloadType { get; init; }

    /// <summary>Gets the clock rate of the agreed telephone-event (8000 usually, 48000 beside Opus).</summary>
    public int TelephoneEventClockRate { get; init; } = 8000;

    /// <summary>Gets the agreed comfort noise payload type (RFC 3389), or <see langword="null"/>.</summary>
    public int? ComfortNoisePayloadType { get; init; }

    /// <summary>Gets whether RTCP shares the RTP port (<see href="https://www.rfc-editor.org/rfc/rfc5761"/>).</summary>
    public bool RtcpMux { get; init; }

    /// <summary>Gets where to send RTCP: the <c>a=rtcp</c> port (RFC 3605), the RTP port under rtcp-mux, else RTP port + 1.</summary>
    public IPEndPoint? RemoteRtcpEndPoint { get; init; }

    /// <summary>Gets whether the stream is SRTP (RTP/SAVP or RTP/SAVPF).</summary>
    public bool IsSecure { get; init; }

    /// <summary>Gets the remote side's <c>a=crypto</c> value (its key for what it sends), or <see langword="null"/>.</summary>
    public string? RemoteCrypto { get; init; }

    /// <summary>Gets our <c>a=crypto</c> value (our key for what we send), or <see langword="null"/>.</summary>
    public string? LocalCrypto { get; init; }

    /// <summary>Gets the direction of the remote side (its offer or answer, with c=0.0.0.0 taken as not receiving).</summary>
    public SdpDirection Direction { get; init; }

    /// <summary>Gets the packetisation time in ms.</summary>
    public int? Ptime { get; init; }
}
