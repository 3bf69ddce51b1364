namespace Softswitch.Gateway.Calls;

/// <summary>Where a call stands, as the handler sees it.</summary>
public enum CallState
{
    /// <summary>INVITE received, nothing but 100 Trying sent.</summary>
    Incoming,

    /// <summary>180 Ringing sent.</summary>
    Ringing,

    /// <summary>183 Session Progress with SDP sent: media flows before the answer (RFC 3261 §13.2.1, RFC 3960).</summary>
    EarlyMedia,

    /// <summary>200 OK sent; the dialog is confirmed when the ACK arrives.</summary>
    Answered,

    /// <summary>The call has ended; see <see cref="ICall.EndReason"/>.</summary>
    Ended,
}
