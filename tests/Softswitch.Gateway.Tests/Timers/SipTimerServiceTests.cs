using Shouldly;
using Softswitch.Gateway.Tests.Infrastructure;
using Softswitch.Gateway.Timers;
using Xunit;

namespace Softswitch.Gateway.Tests.Timers;

public sealed class SipTimerServiceTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void Schedule_SeveralTimers_FireInDueOrderAtTheirDueTime()
    {
        using var service = new SipTimerService(_time);
        var fired = new List<(string Name, TimeSpan At)>();
        Action<object?> record = s => fired.Add(((string)s!, _time.Elapsed));

        service.Schedule(TimeSpan.FromMilliseconds(300), record, "c");
        service.Schedule(TimeSpan.FromMilliseconds(100), record, "a");
        service.Schedule(TimeSpan.FromMilliseconds(200), record, "b");

        _time.Advance(TimeSpan.FromMilliseconds(99));
        fired.ShouldBeEmpty();

        _time.Advance(TimeSpan.FromMilliseconds(1000));
        fired.ShouldBe(
        [
            ("a", TimeSpan.FromMilliseconds(100)),
            ("b", TimeSpan.FromMilliseconds(200)),
            ("c", TimeSpan.FromMilliseconds(300)),
        ]);
    }

    [Fact]
    public void Schedule_SameDueTime_FiresInScheduleOrder()
    {
        using var service = new SipTimerService(_time);
        var fired = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            service.Schedule(TimeSpan.FromSeconds(1), s => fired.Add((int)s!), i);
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        fired.ShouldBe(Enumerable.Range(0, 10));
    }

    [Fact]
    public void Cancel_BeforeDue_NeverFires()
    {
        using var service = new SipTimerService(_time);
        var fired = new List<string>();
        var a = service.Schedule(TimeSpan.FromMilliseconds(100), s => fired.Add((string)s!), "a");
        service.Schedule(TimeSpan.FromMilliseconds(200), s => fired.Add((string)s!), "b");

        a.Cancel().ShouldBeTrue();
        a.Cancel().ShouldBeFalse();
        a.IsCancelled.ShouldBeTrue();
        _time.Advance(TimeSpan.FromSeconds(1));

        fired.ShouldBe(["b"]);
    }

    [Fact]
    public void Cancel_AfterFiring_ReturnsFalse()
    {
        using var service = new SipTimerService(_time);
        var timer = service.Schedule(TimeSpan.FromMilliseconds(10), _ => { }, null);
        _time.Advance(TimeSpan.FromMilliseconds(10));

        timer.HasFired.ShouldBeTrue();
        timer.Cancel().ShouldBeFalse();
    }

    [Fact]
    public void Schedule_EarlierThanArmed_RearmsForTheEarlierEntry()
    {
        using var service = new SipTimerService(_time);
        var fired = new List<(string Name, TimeSpan At)>();
        Action<object?> record = s => fired.Add(((string)s!, _time.Elapsed));

        service.Schedule(TimeSpan.FromSeconds(10), record, "late");
        _time.Advance(TimeSpan.FromSeconds(1));
        service.Schedule(TimeSpan.FromMilliseconds(500), record, "early");

        _time.Advance(TimeSpan.FromMilliseconds(500));
        fired.ShouldBe([("early", TimeSpan.FromMilliseconds(1500))]);

        _time.Advance(TimeSpan.FromSeconds(9));
        fired.Count.ShouldBe(2);
        fired[1].ShouldBe(("late", TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Schedule_FromInsideCallback_FiresLaterInTheSameAdvance()
    {
        using var service = new SipTimerService(_time);
        var fired = new List<TimeSpan>();
        Action<object?>? again = null;
        again = _ =>
        {
            fired.Add(_time.Elapsed);
            if (fired.Count < 4)
            {
                service.Schedule(TimeSpan.FromMilliseconds(500), again!, null);
            }
        };

        service.Schedule(TimeSpan.FromMilliseconds(500), again, null);
        _time.Advance(TimeSpan.FromSeconds(5));

        fired.ShouldBe([TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(1500), TimeSpan.FromSeconds(2)]);
    }

    [Fact]
    public void Schedule_ZeroDelay_FiresAtOnceWithoutTheClockMoving()
    {
        using var service = new SipTimerService(_time);
        var count = 0;
        using var both = new CountdownEvent(2);
        service.Schedule(TimeSpan.Zero, _ => { Interlocked.Increment(ref count); both.Signal(); }, null);
        service.Schedule(TimeSpan.FromMilliseconds(-5), _ => { Interlocked.Increment(ref count); both.Signal(); }, null);

        // As a timer armed for zero would: no Advance needed (a call that re-arms for a deadline the clock has already passed
        // must not wait for the clock to move again).
        both.Wait(TimeSpan.FromSeconds(5)).ShouldBeTrue();
        count.ShouldBe(2);
        _time.Elapsed.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void ScheduleAt_AbsoluteDue_FiresAtThatTimeWhateverTheClockDidMeanwhile()
    {
        using var service = new SipTimerService(_time);
        var fired = new List<TimeSpan>();
        long start = _time.GetTimestamp();
        _time.Advance(TimeSpan.FromSeconds(10)); // the clock moves after the deadline was computed, before it is armed
        service.ScheduleAt(start + TimeSpan.FromSeconds(60).Ticks, _ => fired.Add(_time.Elapsed), null);

        _time.Advance(TimeSpan.FromSeconds(49));
        fired.ShouldBeEmpty();
        _time.Advance(TimeSpan.FromSeconds(2));
        fired.ShouldBe([TimeSpan.FromSeconds(60)]);
    }

    [Fact]
    public void Schedule_ManyTimersWithCancellations_FireInOrderAndHeapCompacts()
    {
        using var service = new SipTimerService(_time);
        var random = new Random(1234);
        var fired = new List<long>();
        var expected = new List<(long Due, int Index)>();
        var handles = new List<SipTimer>();
        for (var i = 0; i < 5000; i++)
        {
            var due = random.Next(1, 64_000);
            handles.Add(service.Schedule(TimeSpan.FromMilliseconds(due), s => fired.Add(_time.Elapsed.Ticks / TimeSpan.TicksPerMillisecond), null));
            expected.Add((due, i));
        }

        for (var i = 0; i < 5000; i += 2)
        {
            handles[i].Cancel();
        }

        // Scheduling after many cancellations compacts the heap.
        service.Schedule(TimeSpan.FromDays(1), _ => { }, null);
        service.QueuedCount.ShouldBeLessThan(2600);

        _time.Advance(TimeSpan.FromSeconds(64));

        var expectedTimes = expected.Where(e => e.Index % 2 == 1).Select(e => e.Due).Order().ToList();
        fired.ShouldBe(expectedTimes);
    }

    [Fact]
    public void Callback_Throws_LaterTimersStillFire()
    {
        using var service = new SipTimerService(_time);
        var fired = false;
        service.Schedule(TimeSpan.FromMilliseconds(1), _ => throw new InvalidOperationException("boom"), null);
        service.Schedule(TimeSpan.FromMilliseconds(2), _ => fired = true, null);

        _time.Advance(TimeSpan.FromMilliseconds(5));
        fired.ShouldBeTrue();
    }

    [Fact]
    public void Dispose_PendingTimers_NeverFireAndNewOnesComeBackCancelled()
    {
        var service = new SipTimerService(_time);
        var fired = false;
        service.Schedule(TimeSpan.FromMilliseconds(1), _ => fired = true, null);
        service.Dispose();

        var late = service.Schedule(TimeSpan.FromMilliseconds(1), _ => fired = true, null);
        _time.Advance(TimeSpan.FromSeconds(1));

        fired.ShouldBeFalse();
        late.IsCancelled.ShouldBeTrue();
    }

    [Fact]
    public async Task Schedule_SystemTimeProvider_FiresOnThreadPool()
    {
        using var service = new SipTimerService(TimeProvider.System);
        var done = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = TimeProvider.System.GetTimestamp();
        service.Schedule(TimeSpan.FromMilliseconds(50), _ => done.TrySetResult(TimeProvider.System.GetElapsedTime(start)), null);

        var elapsed = await done.Task.WaitAsync(TimeSpan.FromSeconds(5));
        elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(49));
    }
}
