namespace Softswitch.Gateway.Timers;

/// <summary>
/// A handle to one entry of the <see cref="SipTimerService"/>. <see cref="Cancel"/> is O(1): the entry stays in the heap and
/// is skipped when it comes due (lazy removal).
/// </summary>
public sealed class SipTimer
{
    private const int Pending = 0;
    private const int Fired = 1;
    private const int Cancelled = 2;

    private readonly SipTimerService? _owner;
    private int _state;

    internal SipTimer(SipTimerService? owner, long dueTimestamp, long sequence, Action<object?> callback, object? state)
    {
        _owner = owner;
        DueTimestamp = dueTimestamp;
        Sequence = sequence;
        Callback = callback;
        State = state;
        if (owner is null)
        {
            _state = Cancelled;
        }
    }

    /// <summary>Whether <see cref="Cancel"/> was called before the timer fired (or the service was disposed).</summary>
    public bool IsCancelled => Volatile.Read(ref _state) == Cancelled;

    /// <summary>Whether the timer has come due and its callback was (or is being) invoked.</summary>
    public bool HasFired => Volatile.Read(ref _state) == Fired;

    /// <summary>The <see cref="TimeProvider.GetTimestamp"/> value at which the timer comes due.</summary>
    internal long DueTimestamp { get; }

    /// <summary>Insertion order, so timers due at the same instant fire in the order they were scheduled.</summary>
    internal long Sequence { get; }

    internal Action<object?> Callback { get; }

    internal object? State { get; private set; }

    /// <summary>Cancels the timer. Does nothing when it has already fired or was cancelled.</summary>
    /// <returns><see langword="true"/> when this call stopped the timer from firing.</returns>
    public bool Cancel()
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Pending) != Pending)
        {
            return false;
        }

        // A cancelled entry stays in the heap until it comes due or the heap is compacted; it must not keep the call or
        // transaction it was armed for alive meanwhile (a call's 4 h limit timer would otherwise hold the whole call).
        State = null;
        _owner?.OnCancelled();
        return true;
    }

    /// <summary>Moves the timer from pending to fired; false when it was cancelled first.</summary>
    internal bool TryMarkFired() => Interlocked.CompareExchange(ref _state, Fired, Pending) == Pending;
}
