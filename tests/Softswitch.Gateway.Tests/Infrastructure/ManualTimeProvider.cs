namespace Softswitch.Gateway.Tests.Infrastructure;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock moves only when a test calls <see cref="Advance"/>. Timers created from it fire
/// deterministically inside <see cref="Advance"/>, in due order (ties in arming order), each with the clock set to its due
/// time, on the calling thread and outside the provider's lock (callbacks may create, change or dispose timers).
/// Timestamps tick at <see cref="TimeSpan.TicksPerSecond"/> per second.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly DateTimeOffset _start;
    private long _elapsedTicks;
    private long _armSequence;

    public ManualTimeProvider()
        : this(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public ManualTimeProvider(DateTimeOffset start) => _start = start;

    /// <summary>Time since the provider was created.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (_lock)
            {
                return TimeSpan.FromTicks(_elapsedTicks);
            }
        }
    }

    /// <summary>Timers that are armed (will fire on some future <see cref="Advance"/>).</summary>
    public int ArmedTimerCount
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count(t => t.DueTicks is not null);
            }
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _start.AddTicks(_elapsedTicks);
        }
    }

    public override long GetTimestamp()
    {
        lock (_lock)
        {
            return _elapsedTicks;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing every timer that comes due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        long target;
        lock (_lock)
        {
            target = _elapsedTicks + delta.Ticks;
        }

        while (true)
        {
            ManualTimer? next = null;
            lock (_lock)
            {
                foreach (var timer in _timers)
                {
                    if (timer.DueTicks is { } due && due <= target &&
                        (next is null || due < next.DueTicks || (due == next.DueTicks && timer.ArmSequence < next.ArmSequence)))
                    {
                        next = timer;
                    }
                }

                if (next is null)
                {
                    _elapsedTicks = target;
                    return;
                }

                _elapsedTicks = Math.Max(_elapsedTicks, next.DueTicks!.Value);
                next.DueTicks = next.PeriodTicks is { } period ? _elapsedTicks + period : null;
                next.ArmSequence = _armSequence++;
            }

            next.Fire();
        }
    }

    private void Change(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            if (timer.Disposed)
            {
                return;
            }

            timer.DueTicks = dueTime == Timeout.InfiniteTimeSpan ? null : _elapsedTicks + Math.Max(0, dueTime.Ticks);
            timer.PeriodTicks = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period.Ticks;
            timer.ArmSequence = _armSequence++;
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_lock)
        {
            timer.Disposed = true;
            timer.DueTicks = null;
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public long? DueTicks { get; set; }

        public long? PeriodTicks { get; set; }

        public long ArmSequence { get; set; }

        public bool Disposed { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Change(this, dueTime, period);
            return !Disposed;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
