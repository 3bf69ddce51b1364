using Softswitch.Gateway.Timers;
using Softswitch.Gateway.Transports;
using Softswitch.Sip;

namespace Softswitch.Gateway.Transactions;

/// <summary>
/// A SIP transaction (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-17"/>): a state machine with its RFC timers
/// inside, like baresip's <c>ctrans.c</c>. Each transaction has one short lock; sends, TU callbacks and everything else that
/// calls out happen after it is released. At most two timers run at once: a retransmission timer (A, E, G, or the 100 Trying
/// delay) and a lifetime timer (B, D, F, H, I, J, K, L, M).
/// </summary>
public abstract class SipTransaction
{
    private static readonly Action<object?> s_onRetransmitTimer = static state => ((SipTransaction)state!).FireRetransmitTimer();
    private static readonly Action<object?> s_onLifetimeTimer = static state => ((SipTransaction)state!).FireLifetimeTimer();

    private SipTimer? _retransmitTimer;
    private SipTimer? _lifetimeTimer;
    private SipTransactionState _state;

    private protected SipTransaction(SipTransactionLayer layer, string key, string branch, string method, SipTransportKind transport)
    {
        Layer = layer;
        Key = key;
        Branch = branch;
        Method = method;
        Transport = transport;
    }

    /// <summary>The branch parameter of the top Via (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.7"/>).</summary>
    public string Branch { get; }

    /// <summary>The method of the request that created the transaction.</summary>
    public string Method { get; }

    /// <summary>The current state.</summary>
    public SipTransactionState State
    {
        get
        {
            lock (SyncRoot)
            {
                return _state;
            }
        }
    }

    /// <summary>The matching key (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-17.1.3"/>, <see href="https://www.rfc-editor.org/rfc/rfc3261#section-17.2.3"/>).</summary>
    public string Key { get; }

    /// <summary>The transport the transaction runs over.</summary>
    public SipTransportKind Transport { get; }

    /// <summary>Whether the transport is reliable: no retransmissions, and Timers D, I, J, K are zero.</summary>
    public bool IsReliable => Transport != SipTransportKind.Udp;

    private protected SipTransactionLayer Layer { get; }

    private protected SipTimerOptions Timers => Layer.TimerOptions;

    /// <summary>The transaction's lock: held only to read and change state, never while calling out.</summary>
    private protected Lock SyncRoot { get; } = new();

    /// <summary>The state; read and written under <see cref="SyncRoot"/> only.</summary>
    private protected SipTransactionState StateUnderLock
    {
        get => _state;
        set => _state = value;
    }

    /// <summary>Called when the retransmission timer fires (under no lock).</summary>
    private protected abstract void OnRetransmitTimer();

    /// <summary>Called when the lifetime timer fires (under no lock).</summary>
    private protected abstract void OnLifetimeTimer();

    /// <summary>Called when sending failed (§17.1.4, §17.2.4), under no lock.</summary>
    private protected abstract void OnTransportError();

    private protected void ArmRetransmitUnderLock(TimeSpan dueIn)
    {
        _retransmitTimer?.Cancel();
        _retransmitTimer = Layer.TimerService.Schedule(dueIn, s_onRetransmitTimer, this);
    }

    private protected void ArmLifetimeUnderLock(TimeSpan dueIn)
    {
        _lifetimeTimer?.Cancel();
        _lifetimeTimer = Layer.TimerService.Schedule(dueIn, s_onLifetimeTimer, this);
    }

    private protected void CancelRetransmitUnderLock()
    {
        _retransmitTimer?.Cancel();
        _retransmitTimer = null;
    }

    private protected void CancelLifetimeUnderLock()
    {
        _lifetimeTimer?.Cancel();
        _lifetimeTimer = null;
    }

    /// <summary>
    /// Called by a timer callback under the lock: true when the retransmission timer that fired is still the current one
    /// (a timer replaced or cancelled after it came due is stale and ignored). Clears the slot.
    /// </summary>
    private protected bool TakeRetransmitTimerUnderLock()
    {
        if (_retransmitTimer is not { HasFired: true } || _state == SipTransactionState.Terminated)
        {
            return false;
        }

        _retransmitTimer = null;
        return true;
    }

    /// <summary>As <see cref="TakeRetransmitTimerUnderLock"/>, for the lifetime timer.</summary>
    private protected bool TakeLifetimeTimerUnderLock()
    {
        if (_lifetimeTimer is not { HasFired: true } || _state == SipTransactionState.Terminated)
        {
            return false;
        }

        _lifetimeTimer = null;
        return true;
    }

    /// <summary>Moves to Terminated and stops the timers; false when it already was terminated.</summary>
    private protected bool TerminateUnderLock()
    {
        if (_state == SipTransactionState.Terminated)
        {
            return false;
        }

        _state = SipTransactionState.Terminated;
        CancelRetransmitUnderLock();
        CancelLifetimeUnderLock();
        return true;
    }

    /// <summary>After <see cref="TerminateUnderLock"/> returned true, outside the lock: forget the transaction and tell the TU.</summary>
    private protected void CompleteTermination(SipTransactionTerminationReason reason) => Layer.OnTerminated(this, reason);

    /// <summary>Sends outside the lock and reports a failure through <see cref="OnTransportError"/>.</summary>
    private protected void Send(SipMessage message, SipEndPoint destination, bool retransmission)
    {
        if (retransmission)
        {
            SipMetrics.RetransmissionSent(message, destination.Transport);
        }

        ValueTask<bool> pending;
        try
        {
            pending = Layer.Sender.SendAsync(message, destination, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Layer.OnSendThrew(this, ex);
            OnTransportError();
            return;
        }

        if (pending.IsCompletedSuccessfully)
        {
            if (!pending.GetAwaiter().GetResult())
            {
                OnTransportError();
            }

            return;
        }

        _ = AwaitSendAsync(pending);
    }

    /// <summary>Sends outside the lock and awaits the result; a failure goes through <see cref="OnTransportError"/>.</summary>
    private protected async ValueTask SendAndObserveAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken)
    {
        bool sent;
        try
        {
            sent = await Layer.Sender.SendAsync(message, destination, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            Layer.OnSendThrew(this, ex);
            sent = false;
        }

        if (!sent)
        {
            OnTransportError();
        }
    }

    private async Task AwaitSendAsync(ValueTask<bool> pending)
    {
        bool sent;
        try
        {
            sent = await pending.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Layer.OnSendThrew(this, ex);
            sent = false;
        }

        if (!sent)
        {
            OnTransportError();
        }
    }

    private void FireRetransmitTimer() => OnRetransmitTimer();

    private void FireLifetimeTimer() => OnLifetimeTimer();

    /// <summary>Stops the transaction without telling the TU (layer shutdown).</summary>
    internal abstract void Abort();

    /// <inheritdoc/>
    public override string ToString() => string.Concat(Method, " ", Branch, " (", State.ToString(), ")");
}
