using Softswitch.Gateway.Transports;

namespace Softswitch.Gateway.Transactions;

/// <summary>
/// The transaction user (TU, <see href="https://www.rfc-editor.org/rfc/rfc3261#section-17"/>): what the transaction layer reports
/// to the dialog/UAS layer. Calls come from the receive path and from timer callbacks, never under a transaction's lock; they
/// must not block.
/// </summary>
public interface ISipTransactionUser
{
    /// <summary>A new request arrived: not a retransmission, not an ACK, not a CANCEL. Answer it through <see cref="ServerTransaction.SendResponseAsync"/>.</summary>
    /// <param name="transaction">The new server transaction.</param>
    void OnRequest(ServerTransaction transaction);

    /// <summary>
    /// An ACK that matches no transaction: the ACK for a 2xx (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-13.3.1.4"/>),
    /// or an ACK arriving in an INVITE server transaction's 'Accepted' state (<see href="https://www.rfc-editor.org/rfc/rfc6026#section-8.7"/>).
    /// </summary>
    /// <param name="ack">The ACK.</param>
    void OnAckWithoutTransaction(SipInbound ack);

    /// <summary>
    /// A CANCEL matched an INVITE server transaction that has not sent a final response yet. The layer has already answered
    /// the CANCEL with 200 (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-9.2"/>); the TU should answer the INVITE with 487.
    /// </summary>
    /// <param name="inviteTransaction">The INVITE's server transaction.</param>
    /// <param name="cancel">The CANCEL.</param>
    void OnCancel(ServerTransaction inviteTransaction, SipInbound cancel);

    /// <summary>A transaction has ended: normally, by timeout (Timers B, F, H) or by a transport error (§17.1.4, §17.2.4).</summary>
    /// <param name="transaction">The transaction.</param>
    /// <param name="reason">Why it ended.</param>
    void OnTransactionTerminated(SipTransaction transaction, SipTransactionTerminationReason reason);
}
