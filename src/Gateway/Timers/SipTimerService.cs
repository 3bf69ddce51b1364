using Microsoft.Extensions.Logging;

namespace Softswitch.Gateway.Timers;

/// <summary>
/// One timer service for every SIP timer of the process (RFC 3261 Table 4, <see href="https://www.rfc-editor.org/rfc/rfc3261#section-17"/>):
/// a min-heap keyed by due time, driven by one <see cref="ITimer"/> from the <see cref="TimeProvider"/> that is re-armed for the
/// earliest entry. Nothing polls. Cancellation is lazy (O(1)); cancelled entries are skipped when they surface and the heap is
/// compacted when they make up most of it. Callbacks run on the timer's thread-pool thread, one after the other in due order,
/// never under the service's lock.
/// </summary>
public sealed class SipTimerService : IDisposable
{
    private const int CompactThreshold = 256;

    private static readonly TimerCallback s_onTick = static state => ((SipTimerService)state!).OnTick();
    private static readonly Action<SipTimerService> s_onDue = static service => service.OnTick();

    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly ILogger? _logger;
    private readonly PriorityQueue<SipTimer, SipTimer> _heap = new(DueComparer.Instance);
    private readonly ITimer _timer;
    private readonly long _ticksPerMillisecond;

    // Timestamp the ITimer is armed for; long.MaxValue when disarmed, long.MinValue while a tick is running (it re-arms when done).
    private long _armedFor = long.MaxValue;
    private long _sequence;
    private int _cancelled;
    private bool _disposed;

    /// <summary>Creates the service; its single underlying timer starts disarmed.</summary>
    /// <param name="timeProvider">The clock (a manual one in tests).</param>
    /// <param name="logger">Receives exceptions thrown by callbacks; optional.</param>
    public SipTimerService(TimeProvider timeProvider, ILogger<SipTimerService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _logger = logger;
        _ticksPerMillisecond = Math.Max(1, timeProvider.TimestampFrequency / 1000);
        _timer = timeProvider.CreateTimer(s_onTick, this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Entries in the heap, cancelled ones not yet removed included (for tests and diagnostics).</summary>
    internal int QueuedCount
    {
        get
        {
            lock (_lock)
            {
                return _heap.Count;
            }
        }
    }

    /// <summary>Schedules <paramref name="callback"/> to run once, <paramref name="dueIn"/> from now.</summary>
    /// <param name="dueIn">Delay; negative values count as zero. Rounded up to whole milliseconds.</param>
    /// <param name="callback">Runs on a thread-pool thread; should be short and must not block.</param>
    /// <param name="state">Passed to <paramref name="callback"/>; pass the owner to avoid a capturing lambda.</param>
    /// <returns>A handle whose <see cref="SipTimer.Cancel"/> stops the timer. After <see cref="Dispose"/> the handle is already cancelled.</returns>
    public SipTimer Schedule(TimeSpan dueIn, Action<object?> callback, object? state) =>
        ScheduleAt(_timeProvider.GetTimestamp() + ToTimestampDelta(dueIn), callback, state);

    /// <summary>
    /// Schedules <paramref name="callback"/> to run once at <paramref name="dueTimestamp"/> (the clock's
    /// <see cref="TimeProvider.GetTimestamp"/>), or at once when that has passed. An absolute deadline cannot drift when the clock
    /// moves between computing it and arming it.
    /// </summary>
    /// <param name="dueTimestamp">When, in the time provider's timestamp units.</param>
    /// <param name="callback">Runs on a thread-pool thread; should be short and must not block.</param>
    /// <param name="state">Passed to <paramref name="callback"/>; pass the owner to avoid a capturing lambda.</param>
    /// <returns>A handle whose <see cref="SipTimer.Cancel"/> stops the timer. After <see cref="Dispose"/> the handle is already cancelled.</returns>
    public SipTimer ScheduleAt(long dueTimestamp, Action<object?> callback, object? state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var due = dueTimestamp;
        lock (_lock)
        {
            if (_disposed)
            {
                return new SipTimer(null, due, 0, callback, state);
            }

            var timer = new SipTimer(this, due, _sequence++, callback, state);
            if (_cancelled >= CompactThreshold && _cancelled * 2 >= _heap.Count)
            {
                CompactUnderLock();
            }

            _heap.Enqueue(timer, timer);
            if (due < _armedFor && _armedFor != long.MinValue)
            {
                ArmUnderLock(due);
            }

            return timer;
        }
    }

    /// <summary>Stops the underlying timer and drops every entry; later <see cref="Schedule"/> calls return cancelled handles.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _heap.Clear();
        }

        _timer.Dispose();
    }

    internal void OnCancelled() => Interlocked.Increment(ref _cancelled);

    private void OnTick()
    {
        lock (_lock)
        {
            if (_disposed || _armedFor == long.MinValue)
            {
                return; // disposed, or a tick is already draining the heap and will re-arm.
            }

            _armedFor = long.MinValue;
        }

        while (true)
        {
            SipTimer? fire = null;
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                var now = _timeProvider.GetTimestamp();
                while (_heap.TryPeek(out var next, out _))
                {
                    if (next.IsCancelled)
                    {
                        _heap.Dequeue();
                        Interlocked.Decrement(ref _cancelled);
                        continue;
                    }

                    if (next.DueTimestamp > now)
                    {
                        break;
                    }

                    _heap.Dequeue();
                    if (next.TryMarkFired())
                    {
                        fire = next;
                        break;
                    }

                    Interlocked.Decrement(ref _cancelled); // cancelled between the peek and now.
                }

                if (fire is null)
                {
                    _armedFor = long.MaxValue;
                    if (_heap.TryPeek(out var head, out _))
                    {
                        ArmUnderLock(head.DueTimestamp);
                    }

                    return;
                }
            }

            Invoke(fire);
        }
    }

    private void Invoke(SipTimer timer)
    {
        try
        {
            timer.Callback(timer.State);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (_logger is not null)
            {
                Log.CallbackFailed(_logger, ex);
            }
        }
    }

    private void ArmUnderLock(long due)
    {
        _armedFor = due;

        // The ITimer takes a delay relative to the clock when it is armed. Should the clock move between reading it and arming
        // (a manual clock moved by a test on another thread), arm again from the new reading, so the entry fires at its due time.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = _timeProvider.GetTimestamp();
            if (due <= now)
            {
                // Already due: tick now, as a timer armed for zero would (a manual clock fires timers only when moved again).
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                ThreadPool.UnsafeQueueUserWorkItem(s_onDue, this, preferLocal: false);
                return;
            }

            // Whole milliseconds, rounded up: the system timer truncates to milliseconds and would otherwise wake early and spin.
            var deltaMs = (due - now + _ticksPerMillisecond - 1) / _ticksPerMillisecond;
            _timer.Change(TimeSpan.FromMilliseconds(deltaMs), Timeout.InfiniteTimeSpan);
            if (_timeProvider.GetTimestamp() - now < _ticksPerMillisecond)
            {
                return;
            }
        }
    }

    private long ToTimestampDelta(TimeSpan dueIn)
    {
        if (dueIn <= TimeSpan.Zero)
        {
            return 0;
        }

        // Round up to whole milliseconds so the entry is due exactly when the armed timer fires.
        var ms = (long)Math.Ceiling(dueIn.TotalMilliseconds);
        return ms * _ticksPerMillisecond;
    }

    private void CompactUnderLock()
    {
        var live = new List<(SipTimer, SipTimer)>(_heap.Count);
        var removed = 0;
        foreach (var (element, _) in _heap.UnorderedItems)
        {
            if (element.IsCancelled)
            {
                removed++;
            }
            else
            {
                live.Add((element, element));
            }
        }

        _heap.Clear();
        _heap.EnqueueRange(live);
        Interlocked.Add(ref _cancelled, -removed);
    }

    private sealed class DueComparer : IComparer<SipTimer>
    {
        public static readonly DueComparer Instance = new();

        public int Compare(SipTimer? x, SipTimer? y)
        {
            var byDue = x!.DueTimestamp.CompareTo(y!.DueTimestamp);
            return byDue != 0 ? byDue : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
