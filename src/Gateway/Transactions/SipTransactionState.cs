namespace Softswitch.Gateway.Transactions;

/// <summary>Transaction states of RFC 3261 §17 (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-17"/>) and RFC 6026.</summary>
public enum SipTransactionState
{
    /// <summary>INVITE client: request sent, no response yet (Timers A, B).</summary>
    Calling,

    /// <summary>Non-INVITE client: request sent, no response yet (Timers E, F). Non-INVITE server: request received, no response sent.</summary>
    Trying,

    /// <summary>A provisional response was received (client) or sent (server).</summary>
    Proceeding,

    /// <summary>A final response (non-2xx for INVITE) was received or sent; retransmissions are absorbed (Timers D, G, H, J, K).</summary>
    Completed,

    /// <summary>INVITE server: the ACK for a non-2xx final response arrived (Timer I).</summary>
    Confirmed,

    /// <summary>INVITE: a 2xx was received or sent (<see href="https://www.rfc-editor.org/rfc/rfc6026#section-7.1"/>; Timers L, M).</summary>
    Accepted,

    /// <summary>The transaction is over and forgotten.</summary>
    Terminated,
}
