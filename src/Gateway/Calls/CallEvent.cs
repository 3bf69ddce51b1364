using Softswitch.Gateway.Transactions;
using Softswitch.Gateway.Transports;

namespace Softswitch.Gateway.Calls;

/// <summary>Everything that reaches a call's loop. The loop alone owns the call's state.</summary>
internal abstract class CallEvent;

/// <summary>A request inside the dialog (BYE, re-INVITE, UPDATE, PRACK, OPTIONS).</summary>
internal sealed class RequestEvent(ServerTransaction transaction) : CallEvent
{
    public ServerTransaction Transaction { get; } = transaction;
}

/// <summary>An ACK for one of our 2xx responses.</summary>
internal sealed class AckEvent(SipInbound ack) : CallEvent
{
    public SipInbound Ack { get; } = ack;
}

/// <summary>The caller cancelled the INVITE (RFC 3261 §9.2).</summary>
internal sealed class CancelEvent : CallEvent
{
    public static readonly CancelEvent Instance = new();
}

/// <summary>The call's timer fired: the loop checks which deadlines are due.</summary>
internal sealed class TimerEvent : CallEvent
{
    public static readonly TimerEvent Instance = new();
}

/// <summary>A command from the call's handler or the gateway.</summary>
internal sealed class CommandEvent(CallCommand command, int statusCode, CallEndReason reason) : CallEvent
{
    public CallCommand Command { get; } = command;

    public int StatusCode { get; } = statusCode;

    public CallEndReason Reason { get; } = reason;

    public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>What a handler can ask of its call.</summary>
internal enum CallCommand
{
    Ring,
    EarlyMedia,
    Answer,
    Reject,
    Hangup,
}

/// <summary>The deadlines a call keeps; one timer handle is armed for the earliest (STYLE.md §4.5).</summary>
internal enum CallTimer
{
    /// <summary>Retransmit our 2xx until the ACK arrives (RFC 3261 §13.3.1.4).</summary>
    Retransmit2xx,

    /// <summary>Give up waiting for the ACK after 64·T1 and send BYE.</summary>
    AckTimeout,

    /// <summary>Retransmit a reliable provisional response until PRACK (RFC 3262 §3).</summary>
    RetransmitReliable,

    /// <summary>Give up waiting for PRACK after 64·T1 and reject with 500 (RFC 3262 §3).</summary>
    PrackTimeout,

    /// <summary>The session interval ran out without a refresh (RFC 4028 §10).</summary>
    SessionExpiry,

    /// <summary>We are the refresher: send an UPDATE refresh at half the interval (RFC 4028 §10).</summary>
    SessionRefresh,

    /// <summary>The configured maximum call duration.</summary>
    MaxDuration,

    /// <summary>Check that RTP still arrives (<c>Media:RtpTimeoutSeconds</c>).</summary>
    RtpTimeout,

    /// <summary>The final NOTIFY of a blind transfer is overdue.</summary>
    TransferTimeout,

    /// <summary>An outbound call has rung for its ring time: CANCEL.</summary>
    RingTimeout,

    /// <summary>No final response came after our CANCEL.</summary>
    CancelTimeout,
}
