namespace Softswitch.Gateway.Calls;

/// <summary>Why a call ended, recorded with the call and written in its log line.</summary>
public enum CallEndReason
{
    /// <summary>Not ended yet.</summary>
    None,

    /// <summary>The caller sent BYE.</summary>
    RemoteHangup,

    /// <summary>The gateway (its handler or the API) sent BYE.</summary>
    LocalHangup,

    /// <summary>The caller cancelled before the answer (CANCEL → 487).</summary>
    Cancelled,

    /// <summary>The gateway rejected the call with a final error response.</summary>
    Rejected,

    /// <summary>No ACK arrived for the 200 within 64·T1 (RFC 3261 §13.3.1.4).</summary>
    AckTimeout,

    /// <summary>No PRACK arrived for a reliable provisional response (RFC 3262 §3).</summary>
    PrackTimeout,

    /// <summary>The session was not refreshed in time (RFC 4028 §10).</summary>
    SessionExpired,

    /// <summary>The call reached the configured maximum duration.</summary>
    MaxDuration,

    /// <summary>The gateway is shutting down.</summary>
    Shutdown,

    /// <summary>The ACK of a late-offer call carried no acceptable SDP answer.</summary>
    BadAnswer,

    /// <summary>A transport or internal failure ended the call.</summary>
    Failed,

    /// <summary>No RTP arrived for <c>Media:RtpTimeoutSeconds</c> while the peer should have been sending.</summary>
    RtpTimeout,

    /// <summary>Transferred elsewhere (REFER accepted and the target answered): we sent BYE.</summary>
    Transferred,

    /// <summary>An outbound call's callee was busy (486, 600).</summary>
    Busy,

    /// <summary>An outbound call was not answered in its ring time, or the callee said so (408, 480, 487).</summary>
    NoAnswer,
}
