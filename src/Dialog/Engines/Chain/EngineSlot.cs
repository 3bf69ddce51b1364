using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;

namespace Softswitch.Dialog.Engines.Chain;

/// <summary>
/// One engine of an <see cref="EngineChain{T}"/>: a factory that acquires a session (it may throw: a missing model file,
/// a missing native library, an overload), a bound on the sessions in use at once and its own Polly circuit breaker, which
/// opens after repeated failures (of acquisitions and of sessions, see <see cref="EngineLease{T}.Fail"/>) and lets one
/// trial acquisition through after its break.
/// </summary>
/// <typeparam name="T">The session type.</typeparam>
public sealed class EngineSlot<T> : IEngineSlot, IDisposable
{
    private readonly Func<CancellationToken, ValueTask<T>> _factory;
    private readonly Func<T, ValueTask>? _release;
    private readonly SemaphoreSlim _sessions;
    private readonly ResiliencePipeline _breaker;
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _busyWait;
    private long _openUntil;

    /// <summary>Creates the slot.</summary>
    /// <param name="name">The engine's name (the <c>engine</c> tag), e.g. <c>whisper</c>.</param>
    /// <param name="factory">Acquires one session; throws when it cannot.</param>
    /// <param name="options">The bound and the breaker's settings (validated).</param>
    /// <param name="timeProvider">The clock of the breaker.</param>
    /// <param name="release">Ends a session when its lease is disposed; null disposes it when it is disposable.</param>
    /// <param name="logger">Where breaker changes are logged.</param>
    public EngineSlot(
        string name,
        Func<CancellationToken, ValueTask<T>> factory,
        EngineSlotOptions options,
        TimeProvider timeProvider,
        Func<T, ValueTask>? release = null,
        ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        Name = name;
        MaxConcurrentSessions = options.MaxConcurrentSessions;
        _factory = factory;
        _release = release;
        _timeProvider = timeProvider;
        _busyWait = options.BusyWait;
        _sessions = new SemaphoreSlim(options.MaxConcurrentSessions, options.MaxConcurrentSessions);
        var log = logger ?? NullLogger.Instance;
        _breaker = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                StateProvider = _state,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is { } e and not OperationCanceledException),
                OnOpened = args =>
                {
                    Volatile.Write(ref _openUntil, _timeProvider.GetTimestamp() + (long)(args.BreakDuration.TotalSeconds * _timeProvider.TimestampFrequency));
                    Log.BreakerOpened(log, Name, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    Log.BreakerClosed(log, Name);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        EngineChainMetrics.Track(this);
    }

    /// <summary>The engine's name.</summary>
    public string Name { get; }

    /// <summary>The bound on sessions in use at once.</summary>
    public int MaxConcurrentSessions { get; }

    /// <summary>Sessions in use now.</summary>
    public int SessionsInUse => MaxConcurrentSessions - _sessions.CurrentCount;

    /// <summary>The breaker's state (an open breaker reads <see cref="CircuitState.Open"/> until a trial acquisition after its break).</summary>
    public CircuitState BreakerState => _state.CircuitState;

    /// <inheritdoc/>
    public void Dispose() => _sessions.Dispose();

    /// <summary>
    /// Tries to acquire a session: passes at once when the breaker is open, waits at most the short busy wait for a free
    /// session, then runs the factory through the breaker.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait and the factory.</param>
    /// <returns>The session, or why there is none.</returns>
    /// <exception cref="OperationCanceledException">The acquisition was cancelled.</exception>
    internal async ValueTask<(T? Session, EngineSkip? Skip)> TryAcquireAsync(CancellationToken cancellationToken)
    {
        if (_state.CircuitState == CircuitState.Open && _timeProvider.GetTimestamp() < Volatile.Read(ref _openUntil))
        {
            return (default, BrokenSkip());
        }

        if (!await _sessions.WaitAsync(_busyWait, cancellationToken).ConfigureAwait(false))
        {
            return (default, new EngineSkip(Name, EngineSkipReason.Busy, $"all {MaxConcurrentSessions} sessions in use"));
        }

        Outcome<T> outcome;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            outcome = await _breaker.ExecuteOutcomeAsync(
                static async (ctx, factory) =>
                {
                    try
                    {
                        return Outcome.FromResult(await factory(ctx.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception e)
                    {
                        return Outcome.FromException<T>(e);
                    }
                },
                context,
                _factory).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (outcome.Exception is not { } exception)
        {
            return (outcome.Result, null);
        }

        _sessions.Release();
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            throw exception;
        }

        return (default, exception switch
        {
            BrokenCircuitException => BrokenSkip(),
            FileNotFoundException or DirectoryNotFoundException or DllNotFoundException or EntryPointNotFoundException =>
                new EngineSkip(Name, EngineSkipReason.Missing, exception.Message, exception),
            _ => new EngineSkip(Name, EngineSkipReason.Failed, $"{exception.GetType().Name}: {exception.Message}", exception),
        });
    }

    /// <summary>Records a session that failed while in use, toward the breaker.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>A task that completes when it is recorded.</returns>
    internal async ValueTask RecordFailureAsync(Exception exception)
    {
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            await _breaker.ExecuteOutcomeAsync(static (_, e) => ValueTask.FromResult(Outcome.FromException<bool>(e)), context, exception)
                .ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Ends a session and frees its place.</summary>
    /// <param name="session">The session.</param>
    /// <returns>A task that completes when the session is ended.</returns>
    internal async ValueTask ReleaseAsync(T session)
    {
        try
        {
            if (_release is not null)
            {
                await _release(session).ConfigureAwait(false);
            }
            else if (session is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            }
            else if (session is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
        finally
        {
            _sessions.Release();
        }
    }

    private EngineSkip BrokenSkip() => new(Name, EngineSkipReason.Broken, "circuit breaker open after repeated failures");
}
