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

    /// <summary>Gets the agreed audio payload type (0 PCMU, 8 PCMA…), or -1.</summary>
    public int SelectedPayloadType { get; init; } = -1;

    /// <summary>Gets the agreed telephone-event payload type, or <see langword="null"/>.</summary>
    public int? TelephoneEventPayloadType { get; init; }

    /// <summary>Gets the direction of the remote side (its offer or answer, with c=0.0.0.0 taken as not receiving).</summary>
    public SdpDirection Direction { get; init; }

    /// <summary>Gets the packetisation time in ms.</summary>
    public int? Ptime { get; init; }
}
