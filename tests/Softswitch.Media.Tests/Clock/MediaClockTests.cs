using Softswitch.Gateway.Tests.Infrastructure;
using System.Diagnostics;
using Shouldly;
using Softswitch.Media.Clock;
using Xunit;

namespace Softswitch.Media.Tests.Clock;

public sealed class MediaClockTests
{
    [Fact]
    public async Task Start_TicksAbout50TimesPerSecond_NeverEarly_WithIncreasingNumbers()
    {
        using var clock = new MediaClock();
        var listener = new RecordingListener();
        clock.Register(listener);
        long started = Stopwatch.GetTimestamp();
        clock.Start();
        await Task.Delay(1000);
        clock.Stop();
        double elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        var ticks = listener.Records;
        ticks.ShouldNotBeEmpty();
        ticks[0].Tick.ShouldBeGreaterThanOrEqualTo(1); // 1 unless the machine stalled the clock thread past the catch-up limit
        for (int i = 1; i < ticks.Length; i++)
        {
            ticks[i].Tick.ShouldBeGreaterThan(ticks[i - 1].Tick);
        }

        // Tick n is due n × 20 ms after start and never fires before (a small allowance for Start's own latency).
        foreach (var (tick, at) in ticks)
        {
            Stopwatch.GetElapsedTime(started, at).TotalMilliseconds.ShouldBeGreaterThanOrEqualTo((tick * 20) - 1, $"tick {tick}");
        }

        // Tick numbers follow the schedule, even on a loaded machine where some ticks are skipped: about 50 per second.
        double perSecond = ticks[^1].Tick / (elapsedMs / 1000);
        perSecond.ShouldBeInRange(40, 51);
        ticks.Length.ShouldBeGreaterThan((int)(ticks[^1].Tick / 2));
    }

    [Fact]
    public async Task Schedule_DoesNotDrift()
    {
        using var clock = new MediaClock();
        var listener = new RecordingListener();
        clock.Register(listener);
        long started = Stopwatch.GetTimestamp();
        clock.Start();
        await Task.Delay(2000);
        await Wait.UntilAsync(() => listener.Records.Length > 0);
        clock.Stop();

        // After 2 s the schedule index is within a few ticks of elapsed / 20 ms, however late single ticks were.
        var (last, at) = listener.Records[^1];
        double due = Stopwatch.GetElapsedTime(started, at).TotalMilliseconds / 20;
        (due - last).ShouldBeInRange(0, 5);
    }

    [Fact]
    public async Task Unregister_StopsTicks_AndThrowingListenerDoesNotStopOthers()
    {
        using var clock = new MediaClock();
        var throwing = new ThrowingListener();
        var kept = new RecordingListener();
        var removed = new RecordingListener();
        clock.Register(throwing);
        clock.Register(kept);
        clock.Register(removed);
        clock.Register(kept); // no duplicate
        clock.ListenerCount.ShouldBe(3);
        clock.Unregister(removed).ShouldBeTrue();
        clock.Unregister(removed).ShouldBeFalse();
        clock.Start();
        await Wait.UntilAsync(() => kept.Ticks.Length > 3 && throwing.Calls > 3);
        clock.Dispose();

        throwing.Calls.ShouldBeGreaterThan(3);
        kept.Ticks.Length.ShouldBeGreaterThan(3);
        removed.Ticks.ShouldBeEmpty();
        clock.IsRunning.ShouldBeFalse();
    }

    [Fact]
    public async Task StopThenStart_TickNumbersKeepIncreasing()
    {
        using var clock = new MediaClock();
        var listener = new RecordingListener();
        clock.Register(listener);
        clock.Start();
        await Wait.UntilAsync(() => listener.Ticks.Length >= 3);
        clock.Stop();
        long[] before = listener.Ticks;
        clock.IsRunning.ShouldBeFalse();
        clock.Start();
        await Wait.UntilAsync(() => listener.Ticks.Length >= before.Length + 3);
        clock.Stop();
        listener.Ticks[before.Length].ShouldBeGreaterThan(before[^1]);
    }

    [Fact]
    public async Task CustomTimeProvider_DrivesTicksFromItsTimer()
    {
        var time = new ManualTimeProvider();
        using var clock = new MediaClock(time);
        var listener = new RecordingListener();
        clock.Register(listener);
        clock.Start();
        await Task.Delay(100);
        listener.Ticks.ShouldBeEmpty(); // fake time has not moved

        for (int i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(20));
            await Wait.UntilAsync(() => listener.Ticks.Length >= i + 1);
        }

        clock.Stop();
        listener.Ticks.ShouldBe(Enumerable.Range(1, 10).Select(i => (long)i).ToArray());
    }

    [Fact]
    public async Task ManyListeners_TickSharedOverThreads_EachOncePerTick_AndTickNEndsBeforeNPlus1()
    {
        var time = new ManualTimeProvider();
        using var clock = new MediaClock(time, parallelism: 3);
        var completed = new int[64];
        var threads = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
        var violations = 0;
        var listeners = Enumerable.Range(0, 100).Select(_ => new SliceListener(completed, threads, () => Interlocked.Increment(ref violations))).ToArray();
        foreach (var listener in listeners)
        {
            clock.Register(listener);
        }

        clock.Start();
        for (int i = 1; i <= 20; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(20));
            var tick = i;
            await Wait.UntilAsync(() => Volatile.Read(ref completed[tick]) == 100);
        }

        clock.Stop();
        listeners.ShouldAllBe(l => l.Ticks.SequenceEqual(Enumerable.Range(1, 20).Select(i => (long)i)));
        violations.ShouldBe(0);
        threads.Count.ShouldBe(3); // the clock thread and two workers
    }

    private sealed class SliceListener(int[] completed, System.Collections.Concurrent.ConcurrentDictionary<int, bool> threads, Action violation) : IMediaClockListener
    {
        public List<long> Ticks { get; } = [];

        public void OnTick(long tickNumber)
        {
            if (tickNumber > 1 && Volatile.Read(ref completed[tickNumber - 1]) != 100)
            {
                violation(); // a slice of tick n started before tick n - 1 was done everywhere
            }

            threads.TryAdd(Environment.CurrentManagedThreadId, true);
            Ticks.Add(tickNumber);
            Interlocked.Increment(ref completed[tickNumber]);
        }
    }

    private sealed class RecordingListener : IMediaClockListener
    {
        private readonly List<(long Tick, long At)> _ticks = [];

        public (long Tick, long At)[] Records
        {
            get
            {
                lock (_ticks)
                {
                    return [.. _ticks];
                }
            }
        }

        public long[] Ticks => Records.Select(r => r.Tick).ToArray();

        public void OnTick(long tickNumber)
        {
            long at = Stopwatch.GetTimestamp();
            lock (_ticks)
            {
                _ticks.Add((tickNumber, at));
            }
        }
    }

    private sealed class ThrowingListener : IMediaClockListener
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public void OnTick(long tickNumber)
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("listener bug");
        }
    }
}
