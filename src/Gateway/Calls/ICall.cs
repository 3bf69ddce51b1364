using System.Net;
using Softswitch.Media.Rtp;

namespace Softswitch.Gateway.Calls;

/// <summary>
/// One inbound call, as its handler drives it. Every method posts an event to the call's own loop (one actor per call),
/// so handlers never touch call state directly and need no locks.
/// </summary>
public interface ICall
{
    /// <summary>The SIP Call-ID.</summary>
    string CallId { get; }

    /// <summary>The calling party: user part of the From URI (or the whole URI when it has no user part).</summary>
    string Caller { get; }

    /// <summary>The called party: user part of the Request-URI.</summary>
    string Called { get; }

    /// <summary>Where the INVITE came from.</summary>
    IPEndPoint RemoteSignalling { get; }

    /// <summary>
    /// Key presses, one per digit with its duration, whether they came as RFC 4733 events, SIP INFO or in-band tones. Completes
    /// when the call ends; holds the latest 64 when nobody reads.
    /// </summary>
    System.Threading.Channels.ChannelReader<Softswitch.Media.Dtmf.DtmfDigit> Dtmf { get; }

    /// <summary>Every digit received so far, in order (what a call record keeps).</summary>
    IReadOnlyList<Softswitch.Media.Dtmf.DtmfDigit> DigitsReceived { get; }

    /// <summary>The media quality measured over the call (loss, jitter, round trip, MOS); null until the call has ended.</summary>
    RtpQuality? MediaQuality { get; }

    /// <summary>When the INVITE arrived.</summary>
    DateTimeOffset StartedAt { get; }

    /// <summary>The call's state as last seen by its loop.</summary>
    CallState State { get; }

    /// <summary>Why the call ended, or <see cref="CallEndReason.None"/>.</summary>
    CallEndReason EndReason { get; }

    /// <summary>The RTP leg of the call; audio can be queued before the answer (it flows once early media or the answer starts).</summary>
    RtpSession Media { get; }

    /// <summary>Sends 180 Ringing (reliably when the caller supports RFC 3262).</summary>
    /// <param name="cancellationToken">Cancels the wait, not the ringing.</param>
    /// <returns>False when the call had already ended.</returns>
    ValueTask<bool> RingAsync(CancellationToken cancellationToken);

    /// <summary>Sends 183 Session Progress with the SDP answer so that queued audio plays before the answer.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>False when the call has ended or early media is impossible (an INVITE without an offer).</returns>
    ValueTask<bool> StartEarlyMediaAsync(CancellationToken cancellationToken);

    /// <summary>Answers with 200 OK; completes once the 200 is sent (and any pending PRACK arrived).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>False when the call ended before it could be answered.</returns>
    ValueTask<bool> AnswerAsync(CancellationToken cancellationToken);

    /// <summary>Rejects an unanswered call with a final error response.</summary>
    /// <param name="statusCode">A 3xx–6xx status code.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the response has been sent.</returns>
    ValueTask RejectAsync(int statusCode, CancellationToken cancellationToken);

    /// <summary>Ends the call: BYE when answered, 480 before the answer.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the call has ended.</returns>
    ValueTask HangupAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Blind transfer (RFC 3515): asks the caller's side with REFER to call <paramref name="target"/>, and follows the NOTIFYs.
    /// When the target answers the gateway leaves the call (BYE, <see cref="CallEndReason.Transferred"/>); otherwise the call
    /// goes on and the result says why.
    /// </summary>
    /// <param name="target">The SIP URI to transfer to.</param>
    /// <param name="cancellationToken">Stops waiting (the transfer itself goes on).</param>
    /// <returns>How the transfer ended.</returns>
    Task<CallTransferResult> TransferAsync(Softswitch.Sip.SipUri target, CancellationToken cancellationToken);

    /// <summary>Whether the gateway placed this call (outbound) rather than answered it.</summary>
    bool IsOutbound { get; }

    /// <summary>The final SIP status of an outbound call that was not answered (486, 487, 503…); null otherwise.</summary>
    int? FinalStatus { get; }

    /// <summary>How the last transfer ended, set before the call ends when it was transferred; null when none has ended.</summary>
    CallTransferResult? LastTransfer { get; }

    /// <summary>Completes when the call has ended.</summary>
    Task Completion { get; }
}
