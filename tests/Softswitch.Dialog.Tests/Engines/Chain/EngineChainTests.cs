using System.Diagnostics;
using System.Diagnostics.Metrics;
using Polly.CircuitBreaker;
using Shouldly;
using Softswitch.Dialog.Engines.Chain;
using Softswitch.Dialog.Engines.Llama;
using Softswitch.Gateway.Tests.Infrastructure;
using Xunit;

namespace Softswitch.Dialog.Tests.Engines.Chain;

public sealed class EngineChainTests
{
    private static readonly TimeSpan s_break = TimeSpan.FromSeconds(30);

    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task AcquireAsync_FirstModelMissing_SecondUsedAndReasonNamesFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"softswitch-missing-{Guid.NewGuid():N}", "model.gguf");
        var llama = Slot("llama", _ =>
        {
            new LlamaEngineOptions { ModelPath = missing }.Validate();
            return ValueTask.FromResult(new FakeSession("llama"));
        });
        var scripted = Slot("scripted", _ => ValueTask.FromResult(new FakeSession("scripted")));
        var chain = new EngineChain<FakeSession>("llm", [llama, scripted]);

        await using var lease = await chain.AcquireAsync(CancellationToken.None);

        lease.Engine.ShouldBe("scripted");
        lease.Session.Name.ShouldBe("scripted");
        lease.Degraded.ShouldBeTrue();
        var skip = lease.Skipped.ShouldHaveSingleItem();
        skip.Engine.ShouldBe("llama");
        skip.Reason.ShouldBe(EngineSkipReason.Missing);
        skip.ToString().ShouldStartWith("llama skipped: ");
        skip.Detail.ShouldContain(missing);
        skip.Detail.ShouldContain("models pull");
        skip.Exception.ShouldBeOfType<FileNotFoundException>();
    }

    [Fact]
    public async Task AcquireAsync_MissingLibrary_ReasonMissingWithHint()
    {
        var whisper = Slot<FakeSession>("whisper", _ => throw new DllNotFoundException("libwhisper.so not found under .native/whisper (run ./softswitch setup)"));
        var sphinx = Slot("pocketsphinx", _ => ValueTask.FromResult(new FakeSession("pocketsphinx")));
        var chain = new EngineChain<FakeSession>("stt", [whisper, sphinx]);

        await using var lease = await chain.AcquireAsync(CancellationToken.None);

        lease.Engine.ShouldBe("pocketsphinx");
        lease.Skipped.ShouldHaveSingleItem().ToString().ShouldBe("whisper skipped: libwhisper.so not found under .native/whisper (run ./softswitch setup)");
        lease.Skipped[0].Reason.ShouldBe(EngineSkipReason.Missing);
    }

    [Fact]
    public async Task AcquireAsync_RepeatedFailures_BreakerOpensSkipsWithoutFactoryThenHalfOpensAndCloses()
    {
        var calls = 0;
        var healthy = false;
        var whisper = Slot("whisper", _ =>
        {
            calls++;
            return healthy ? ValueTask.FromResult(new FakeSession("whisper")) : throw new InvalidOperationException("decoder crashed");
        });
        var sphinx = Slot("pocketsphinx", _ => ValueTask.FromResult(new FakeSession("pocketsphinx")));
        var chain = new EngineChain<FakeSession>("stt", [whisper, sphinx]);
        var ct = CancellationToken.None;

        for (var i = 0; i < 3; i++)
        {
            await using var lease = await chain.AcquireAsync(ct);
            lease.Engine.ShouldBe("pocketsphinx");
            lease.Skipped.ShouldHaveSingleItem().Reason.ShouldBe(EngineSkipReason.Failed);
            lease.Skipped[0].Detail.ShouldContain("decoder crashed");
        }

        calls.ShouldBe(3);
        whisper.BreakerState.ShouldBe(CircuitState.Open);

        healthy = true;
        await using (var lease = await chain.AcquireAsync(ct))
        {
            lease.Engine.ShouldBe("pocketsphinx");
            lease.Skipped.ShouldHaveSingleItem().Reason.ShouldBe(EngineSkipReason.Broken);
        }

        calls.ShouldBe(3, "an open breaker must not call the factory");

        _clock.Advance(s_break - TimeSpan.FromSeconds(1));
        await using (var lease = await chain.AcquireAsync(ct))
        {
            lease.Skipped.ShouldHaveSingleItem().Reason.ShouldBe(EngineSkipReason.Broken);
        }

        calls.ShouldBe(3);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await using (var lease = await chain.AcquireAsync(ct))
        {
            lease.Engine.ShouldBe("whisper");
            lease.Degraded.ShouldBeFalse();
        }

        calls.ShouldBe(4);
        whisper.BreakerState.ShouldBe(CircuitState.Closed);
    }

    [Fact]
    public async Task AcquireAsync_HalfOpenTrialFails_BreakerOpensAgain()
    {
        var calls = 0;
        var whisper = Slot<FakeSession>("whisper", _ =>
        {
            calls++;
            throw new InvalidOperationException("decoder crashed");
        });
        var sphinx = Slot("pocketsphinx", _ => ValueTask.FromResult(new FakeSession("pocketsphinx")));
        var chain = new EngineChain<FakeSession>("stt", [whisper, sphinx]);
        var ct = CancellationToken.None;
        for (var i = 0; i < 3; i++)
        {
            await (await chain.AcquireAsync(ct)).DisposeAsync();
        }

        _clock.Advance(s_break);
        await (await chain.AcquireAsync(ct)).DisposeAsync();
        calls.ShouldBe(4);
        whisper.BreakerState.ShouldBe(CircuitState.Open);

        await (await chain.AcquireAsync(ct)).DisposeAsync();
        calls.ShouldBe(4);
    }

    [Fact]
    public async Task AcquireAsync_BoundReached_NextUsedThenFirstAgainAfterRelease()
    {
        var whisper = Slot("whisper", _ => ValueTask.FromResult(new FakeSession("whisper")), maxSessions: 2);
        var sphinx = Slot("pocketsphinx", _ => ValueTask.FromResult(new FakeSession("pocketsphinx")));
        var chain = new EngineChain<FakeSession>("stt", [whisper, sphinx]);
        var ct = CancellationToken.None;

        var first = await chain.AcquireAsync(ct);
        var second = await chain.AcquireAsync(ct);
        first.Engine.ShouldBe("whisper");
        second.Engine.ShouldBe("whisper");
        whisper.SessionsInUse.ShouldBe(2);

        await using (var third = await chain.AcquireAsync(ct))
        {
            third.Engine.ShouldBe("pocketsphinx");
            var skip = third.Skipped.ShouldHaveSingleItem();
            skip.Reason.ShouldBe(EngineSkipReason.Busy);
            skip.ToString().ShouldBe("whisper skipped: all 2 sessions in use");
        }

        await first.DisposeAsync();
        first.Session.Disposed.ShouldBeTrue();
        whisper.SessionsInUse.ShouldBe(1);
        await using (var fourth = await chain.AcquireAsync(ct))
        {
            fourth.Engine.ShouldBe("whisper");
            fourth.Degraded.ShouldBeFalse();
        }

        await second.DisposeAsync();
        whisper.SessionsInUse.ShouldBe(0);
        whisper.BreakerState.ShouldBe(CircuitState.Closed, "being busy is not a failure");
    }

    [Fact]
    public async Task AcquireAsync_EverySlotFails_ThrowsWithAllReasonsWithinBoundedTime()
    {
        var whisper = Slot<FakeSession>("whisper", _ => throw new FileNotFoundException("Whisper model file '/x/ggml-tiny.en.bin' was not found (run ./softswitch models pull whisper-tiny-en).", "/x/ggml-tiny.en.bin"));
        var busy = Slot("vosk", _ => ValueTask.FromResult(new FakeSession("vosk")), maxSessions: 1, busyWait: TimeSpan.FromMilliseconds(200));
        var sphinx = Slot<FakeSession>("pocketsphinx", _ => throw new InvalidOperationException("acoustic model corrupt"));
        var chain = new EngineChain<FakeSession>("stt", [whisper, busy, sphinx]);
        var ct = CancellationToken.None;
        await using var held = await new EngineChain<FakeSession>("hold", [busy]).AcquireAsync(ct);

        var watch = Stopwatch.StartNew();
        var ex = await Should.ThrowAsync<EngineUnavailableException>(() => chain.AcquireAsync(ct));
        watch.Stop();

        ex.Chain.ShouldBe("stt");
        ex.Skipped.Select(s => (s.Engine, s.Reason)).ShouldBe([
            ("whisper", EngineSkipReason.Missing),
            ("vosk", EngineSkipReason.Busy),
            ("pocketsphinx", EngineSkipReason.Failed),
        ]);
        ex.Message.ShouldContain("whisper skipped: Whisper model file '/x/ggml-tiny.en.bin' was not found (run ./softswitch models pull whisper-tiny-en)");
        ex.Message.ShouldContain("vosk skipped: all 1 sessions in use");
        ex.Message.ShouldContain("pocketsphinx skipped: InvalidOperationException: acoustic model corrupt");
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(150));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        whisper.SessionsInUse.ShouldBe(0);
        sphinx.SessionsInUse.ShouldBe(0);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaitingForSession_ThrowsPromptly()
    {
        var whisper = Slot("whisper", _ => ValueTask.FromResult(new FakeSession("whisper")), maxSessions: 1, busyWait: TimeSpan.FromSeconds(2));
        var sphinx = Slot("pocketsphinx", _ => ValueTask.FromResult(new FakeSession("pocketsphinx")));
        var chain = new EngineChain<FakeSession>("stt", [whisper, sphinx]);
        await using var held = await chain.AcquireAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource();
        cts.CancelAfter(TimeSpan.FromMilliseconds(50));

        var watch = Stopwatch.StartNew();
        await Should.ThrowAsync<OperationCanceledException>(() => chain.AcquireAsync(cts.Token));

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1.5));
        whisper.SessionsInUse.ShouldBe(1);
    }

    [Fact]
    public async Task AcquireAsync_CancelledInFactory_ThrowsAndDoesNotFallBackOrCountFailure()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sphinxCalls = 0;
        var whisper = Slot("whisper", async ct =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return new FakeSession("whisper");
        });
        var sphinx = Slot("pocketsphinx", _ =>
        {
            sphinxCalls++;
            return ValueTask.FromResult(new FakeSession("pocketsphinx"));
        });
        var chain = new EngineChain<FakeSession>("stt", [whisper, sphinx]);
        using var cts = new CancellationTokenSource();

        var acquire = chain.AcquireAsync(cts.Token);
        await started.Task;
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => acquire);
        sphinxCalls.ShouldBe(0);
        whisper.SessionsInUse.ShouldBe(0);
    }

    [Fact]
    public async Task LeaseFail_CountsTowardBreaker()
    {
        var whisper = Slot("whisper", _ => ValueTask.FromResult(new FakeSession("whisper")));
        var sphinx = Slot("pocketsphinx", _ => ValueTask.FromResult(new FakeSession("pocketsphinx")));
        var chain = new EngineChain<FakeSession>("stt", [whisper, sphinx]);
        var ct = CancellationToken.None;

        // Each session acquires fine (a success) and then dies mid-call (a failure): after two such calls the breaker has
        // seen 2 failures in 4 outcomes, ratio 0.5 at throughput 4 (minimum 3), and opens.
        for (var i = 0; i < 2; i++)
        {
            whisper.BreakerState.ShouldBe(CircuitState.Closed);
            var lease = await chain.AcquireAsync(ct);
            lease.Engine.ShouldBe("whisper");
            lease.Fail(new InvalidOperationException("session died mid-call"));
            await lease.DisposeAsync();
            await lease.DisposeAsync();
        }

        whisper.BreakerState.ShouldBe(CircuitState.Open);
        whisper.SessionsInUse.ShouldBe(0);
        await using var next = await chain.AcquireAsync(ct);
        next.Engine.ShouldBe("pocketsphinx");
        next.Skipped.ShouldHaveSingleItem().Reason.ShouldBe(EngineSkipReason.Broken);
    }

    [Fact]
    public async Task AcquireAsync_ParallelAcquisitions_NeverExceedBound()
    {
        var inUse = 0;
        var peak = 0;
        var whisper = Slot(
            "whisper",
            async ct =>
            {
                var now = Interlocked.Increment(ref inUse);
                InterlockedMax(ref peak, now);
                await Task.Yield();
                return new FakeSession("whisper", () => Interlocked.Decrement(ref inUse));
            },
            maxSessions: 3,
            busyWait: TimeSpan.FromMilliseconds(200));
        var sphinx = Slot("pocketsphinx", _ => ValueTask.FromResult(new FakeSession("pocketsphinx")), maxSessions: 1024);
        var chain = new EngineChain<FakeSession>("stt", [whisper, sphinx]);
        var ct = CancellationToken.None;
        var whisperLeases = 0;

        await Parallel.ForAsync(0, 50, new ParallelOptions { MaxDegreeOfParallelism = 50, CancellationToken = ct }, async (_, token) =>
        {
            await using var lease = await chain.AcquireAsync(token);
            if (lease.Engine == "whisper")
            {
                Interlocked.Increment(ref whisperLeases);
                whisper.SessionsInUse.ShouldBeLessThanOrEqualTo(3);
                await Task.Delay(1, token);
            }
        });

        peak.ShouldBeLessThanOrEqualTo(3);
        peak.ShouldBeGreaterThan(0);
        whisperLeases.ShouldBeGreaterThan(0);
        inUse.ShouldBe(0);
        whisper.SessionsInUse.ShouldBe(0);
    }

    [Fact]
    public async Task AcquireAsync_Skips_CountedAndSessionsGauged()
    {
        var name = $"whisper-{Guid.NewGuid():N}";
        var whisper = Slot<FakeSession>(name, _ => throw new FileNotFoundException("model missing", "/x/model.bin"));
        var sphinxName = $"pocketsphinx-{Guid.NewGuid():N}";
        var sphinx = Slot(sphinxName, _ => ValueTask.FromResult(new FakeSession("pocketsphinx")));
        var chain = new EngineChain<FakeSession>("stt", [whisper, sphinx]);
        var fallbacks = new List<(long Value, string? Engine, string? Reason)>();
        var gauges = new Dictionary<string, int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Softswitch.Dialog" && instrument.Name is "softswitch.engine.fallbacks" or "softswitch.engine.sessions")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? engine = null, reason = null;
            foreach (var tag in tags)
            {
                engine = tag.Key == "engine" ? (string?)tag.Value : engine;
                reason = tag.Key == "reason" ? (string?)tag.Value : reason;
            }

            if (engine == name)
            {
                lock (fallbacks)
                {
                    fallbacks.Add((value, engine, reason));
                }
            }
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "engine" && (string?)tag.Value is { } engine)
                {
                    gauges[engine] = value;
                }
            }
        });
        listener.Start();

        await using var lease = await chain.AcquireAsync(CancellationToken.None);
        listener.RecordObservableInstruments();

        fallbacks.ShouldBe([(1L, name, "missing")]);
        gauges[sphinxName].ShouldBe(1);
        gauges[name].ShouldBe(0);
    }

    [Fact]
    public void Options_OutOfRange_ThrowNamingSetting()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new EngineSlotOptions { BusyWait = TimeSpan.FromMinutes(1) }.Validate())
            .Message.ShouldContain("EngineSlotOptions.BusyWait");
        Should.Throw<ArgumentOutOfRangeException>(() => new EngineSlotOptions { MaxConcurrentSessions = 0 }.Validate())
            .Message.ShouldContain("EngineSlotOptions.MaxConcurrentSessions");
        Should.Throw<ArgumentOutOfRangeException>(() => new EngineSlotOptions { MinimumThroughput = 1 }.Validate())
            .Message.ShouldContain("EngineSlotOptions.MinimumThroughput");
        Should.Throw<ArgumentOutOfRangeException>(() => new EngineSlotOptions { BreakDuration = TimeSpan.FromMilliseconds(10) }.Validate())
            .Message.ShouldContain("EngineSlotOptions.BreakDuration");
        Should.Throw<ArgumentException>(() => new EngineChain<FakeSession>("stt", []));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private EngineSlot<T> Slot<T>(string name, Func<CancellationToken, ValueTask<T>> factory, int maxSessions = 4, TimeSpan? busyWait = null) =>
        new(
            name,
            factory,
            new EngineSlotOptions
            {
                MaxConcurrentSessions = maxSessions,
                BusyWait = busyWait ?? TimeSpan.Zero,
                FailureRatio = 0.5,
                MinimumThroughput = 3,
                SamplingDuration = TimeSpan.FromSeconds(60),
                BreakDuration = s_break,
            },
            _clock);

    private sealed class FakeSession(string name, Action? onDispose = null) : IDisposable
    {
        public string Name { get; } = name;

        public bool Disposed { get; private set; }

        public void Dispose()
        {
            Disposed = true;
            onDispose?.Invoke();
        }
    }
}
