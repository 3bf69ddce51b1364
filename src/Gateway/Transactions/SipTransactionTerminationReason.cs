namespace Softswitch.Gateway.Transactions;

/// <summary>Why a transaction ended.</summary>
public enum SipTransactionTerminationReason
{
    /// <summary>It ran its course (Timers D, I, J, K, L, M, or at once on a reliable transport).</summary>
    Normal,

    /// <summary>No answer in time: Timer B or F (a 408 was delivered), or Timer H (no ACK for a non-2xx final response).</summary>
    Timeout,

    /// <summary>The transport failed to send (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-17.1.4"/>); client transactions delivered a 503.</summary>
    TransportError,
}
