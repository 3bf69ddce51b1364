using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Softswitch.Media.Clock;

/// <summary>
/// The one media clock of the process: a dedicated thread that ticks every 20 ms and calls every registered
/// <see cref="IMediaClockListener"/> (STYLE.md §4.5, like Kestrel's heartbeat). The schedule is absolute (tick n is due at
/// start + n × period on the <see cref="TimeProvider"/> timestamp), so it does not drift; when the thread falls more than
/// <see cref="MaxCatchUpTicks"/> behind it skips ahead instead of bursting. Registration is thread-safe, O(1) and allocates
/// nothing once the tables have grown (a call joins and leaves the clock at call rate); each tick copies the listeners into a
/// buffer the clock thread owns, under the lock, and calls them outside it, so a tick allocates nothing either.
/// <para>
/// With many listeners a tick is shared out: the clock thread takes the first slice and wakes one worker thread per further
/// core for the others, then waits until every slice is done, so tick n of every session ends before tick n + 1 starts and a
/// tick's work spreads over the machine's cores (one call's decode and encode stay on one thread within a tick).
/// </para>
/// </summary>
public sealed class MediaClock : IDisposable
{
    /// <summary>Ticks the clock replays back to back after a stall before it skips ahead.</summary>
    public const int MaxCatchUpTicks = 5;

    /// <summary>Fewest listeners worth a slice of their own: below that a tick runs on the clock thread alone.</summary>
    public const int MinListenersPerSlice = 16;

    private readonly int _parallelism;
    private readonly CountdownEvent _slicesDone = new(1);
    private Worker[] _workers = [];
    private long _sliceTick;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly TimeSpan _period;
    private readonly Lock _lock = new();
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly AutoResetEvent _timerFired = new(false);
    private readonly Dictionary<IMediaClockListener, int> _slotOf = new();
    private IMediaClockListener?[] _listeners = new IMediaClockListener?[16]; // [0, _count) in use; guarded by _lock
    private int _count;
    private IMediaClockListener?[] _firing = []; // the clock thread's copy for the tick in progress
    private Thread? _thread;
    private ITimer? _timer;
    private long _ticks;
    private long _index; // schedule index of the last tick, kept across Stop/Start so tick numbers never go back
    private bool _disposed;

    /// <summary>Creates a stopped clock.</summary>
    /// <param name="timeProvider">Time source. Defaults to <see cref="TimeProvider.System"/>; with any other provider the
    /// thread waits on one timer of that provider, so tests can drive the clock with a fake time provider.</param>
    /// <param name="logger">Logger; defaults to none.</param>
    /// <param name="period">Tick period. Defaults to 20 ms (<see cref="AudioFormat.FrameMilliseconds"/>).</param>
    /// <param name="parallelism">Threads a tick may use, the clock's own included. Defaults to the number of cores.</param>
    public MediaClock(TimeProvider? timeProvider = null, ILogger<MediaClock>? logger = null, TimeSpan? period = null, int? parallelism = null)
    {
        _parallelism = Math.Max(1, parallelism ?? Environment.ProcessorCount);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<MediaClock>.Instance;
        _period = period ?? TimeSpan.FromMilliseconds(AudioFormat.FrameMilliseconds);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_period, TimeSpan.Zero, nameof(period));
    }

    /// <summary>The tick period.</summary>
    public TimeSpan Period => _period;

    /// <summary>The time source the clock schedules with; sessions take their timestamps from it too.</summary>
    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>Number of ticks fired so far.</summary>
    public long TickCount => Volatile.Read(ref _ticks);

    /// <summary>Whether the clock thread is running.</summary>
    public bool IsRunning => _thread is not null;

    /// <summary>Number of registered listeners.</summary>
    public int ListenerCount => Volatile.Read(ref _count);

    /// <summary>Adds a listener; it gets ticks from the next one on. Registering the same listener twice has no effect.</summary>
    /// <param name="listener">The listener.</param>
    public void Register(IMediaClockListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_lock)
        {
            if (!_slotOf.TryAdd(listener, _count))
            {
                return;
            }

            if (_count == _listeners.Length)
            {
                Array.Resize(ref _listeners, _listeners.Length * 2);
            }

            _listeners[_count] = listener;
            Volatile.Write(ref _count, _count + 1);
        }
    }

    /// <summary>Removes a listener. A tick already in progress may still call it once.</summary>
    /// <param name="listener">The listener.</param>
    /// <returns>True when it was registered.</returns>
    public bool Unregister(IMediaClockListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_lock)
        {
            if (!_slotOf.Remove(listener, out int slot))
            {
                return false;
            }

            // Move the last listener into the freed slot: O(1), and the order of calls within a tick does not matter.
            int last = _count - 1;
            if (slot != last)
            {
                var moved = _listeners[last]!;
                _listeners[slot] = moved;
                _slotOf[moved] = slot;
            }

            _listeners[last] = null;
            Volatile.Write(ref _count, last);
            return true;
        }
    }

    /// <summary>Starts the clock thread. Starting a running clock has no effect.</summary>
    public void Start()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_thread is not null)
            {
                return;
            }

            _stop.Reset();
            if (_timeProvider != TimeProvider.System)
            {
                _timer = _timeProvider.CreateTimer(static state => ((AutoResetEvent)state!).Set(), _timerFired, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }

            _thread = new Thread(Run)
            {
                Name = "Softswitch media clock",
                IsBackground = true,
                Priority = ThreadPriority.AboveNormal,
            };
            _workers = new Worker[_parallelism - 1];
            for (int i = 0; i < _workers.Length; i++)
            {
                _workers[i] = new Worker(this, i + 1);
            }

            _thread.Start();
        }

        Log.ClockStarted(_logger, (int)_period.TotalMilliseconds);
    }

    /// <summary>Stops the clock thread and waits for the tick in progress to finish. The clock can be started again.</summary>
    public void Stop()
    {
        Thread? thread;
        lock (_lock)
        {
            thread = _thread;
            _thread = null;
            _stop.Set();
        }

        if (thread is null)
        {
            return;
        }

        if (thread != Thread.CurrentThread)
        {
            thread.Join();
        }

        foreach (var worker in _workers)
        {
            worker.Stop();
        }

        _workers = [];
        _timer?.Dispose();
        _timer = null;
        Log.ClockStopped(_logger, TickCount);
    }

    /// <summary>Stops the clock and releases its handles.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        Stop();
        _disposed = true;
        _stop.Dispose();
        _timerFired.Dispose();
        _slicesDone.Dispose();
    }

    private void Run()
    {
        long periodTicks = (long)(_period.TotalSeconds * _timeProvider.TimestampFrequency);
        long index = _index;
        long start = _timeProvider.GetTimestamp() - (index * periodTicks);
        WaitHandle[] handles = [_stop.WaitHandle, _timerFired];
        while (!_stop.IsSet)
        {
            long due = start + ((index + 1) * periodTicks);
            long now = _timeProvider.GetTimestamp();
            if (now < due)
            {
                var wait = _timeProvider.GetElapsedTime(now, due);
                if (_timer is null)
                {
                    // Round up to whole milliseconds: early wake-ups would just loop again.
                    if (_stop.Wait((int)Math.Ceiling(wait.TotalMilliseconds)))
                    {
                        return;
                    }
                }
                else
                {
                    _timer.Change(wait, Timeout.InfiniteTimeSpan);
                    if (_timeProvider.GetTimestamp() >= due)
                    {
                        continue; // time moved while the timer was being set
                    }

                    if (WaitHandle.WaitAny(handles) == 0)
                    {
                        return;
                    }
                }

                continue;
            }

            long late = ((now - due) / periodTicks) + 1;
            if (late > MaxCatchUpTicks)
            {
                Log.ClockSkipped(_logger, late - 1);
                index += late - 1;
            }

            index++;
            _index = index;
            Volatile.Write(ref _ticks, _ticks + 1);
            Fire(index);
        }
    }

    private void Fire(long tick)
    {
        int count;
        IMediaClockListener?[] listeners;
        lock (_lock)
        {
            count = _count;
            if (_firing.Length < count)
            {
                _firing = new IMediaClockListener?[_listeners.Length];
            }

            listeners = _firing;
            Array.Copy(_listeners, listeners, count);
        }

        int slices = Math.Min(_workers.Length + 1, Math.Max(1, count / MinListenersPerSlice));
        if (slices == 1)
        {
            FireSlice(listeners, 0, count, tick);
        }
        else
        {
            int size = (count + slices - 1) / slices;
            _sliceTick = tick;
            _slicesDone.Reset(slices - 1);
            for (int i = 1; i < slices; i++)
            {
                _workers[i - 1].Run(listeners, i * size, Math.Min(count, (i + 1) * size));
            }

            FireSlice(listeners, 0, size, tick);
            _slicesDone.Wait();
        }

        Array.Clear(listeners, 0, count); // hold no ended session until the next tick
    }

    private void FireSlice(IMediaClockListener?[] listeners, int from, int to, long tick)
    {
        for (int i = from; i < to; i++)
        {
            var listener = listeners[i]!;
            try
            {
                listener.OnTick(tick);
            }
            catch (Exception e)
            {
                Log.ListenerFailed(_logger, e, listener.GetType().Name, tick);
            }
        }
    }

    /// <summary>A thread that runs one slice of a tick when the clock thread asks.</summary>
    private sealed class Worker
    {
        private readonly MediaClock _clock;
        private readonly SemaphoreSlim _go = new(0);
        private readonly Thread _thread;
        private IMediaClockListener?[] _listeners = [];
        private int _from;
        private int _to;
        private volatile bool _stopping;

        public Worker(MediaClock clock, int index)
        {
            _clock = clock;
            _thread = new Thread(Loop)
            {
                Name = "Softswitch media clock " + index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                IsBackground = true,
                Priority = ThreadPriority.AboveNormal,
            };
            _thread.Start();
        }

        public void Run(IMediaClockListener?[] listeners, int from, int to)
        {
            _listeners = listeners;
            _from = from;
            _to = to;
            _go.Release();
        }

        public void Stop()
        {
            _stopping = true;
            _go.Release();
            _thread.Join();
            _go.Dispose();
        }

        private void Loop()
        {
            while (true)
            {
                _go.Wait();
                if (_stopping)
                {
                    return;
                }

                _clock.FireSlice(_listeners, _from, _to, _clock._sliceTick);
                _clock._slicesDone.Signal();
            }
        }
    }
}
