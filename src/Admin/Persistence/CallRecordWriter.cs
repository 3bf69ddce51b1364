using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Softswitch.Admin.Model;

namespace Softswitch.Admin.Persistence;

/// <summary>
/// Writes call records (CDRs, events, transcript lines) off the call path: <c>Enqueue</c> puts them in a bounded queue
/// and returns at once, never waiting on the database and never throwing; one background loop drains the queue in
/// batches and retries with exponential back-off while the database is unreachable, so a brief outage loses nothing.
/// When the queue is full the record is dropped, logged and counted (<c>softswitch.admin.call_records.dropped</c>).
/// </summary>
internal sealed class CallRecordWriter : BackgroundService
{
    /// <summary>Name of the meter of the writer's instruments.</summary>
    public const string MeterName = "Softswitch.Admin.Persistence";

    private const int MaxBatch = 256;

    private readonly Channel<PendingWrite> _channel;
    private readonly CallRecordRepository _repository;
    private readonly ISqlDialect _dialect;
    private readonly ILogger<CallRecordWriter> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ResiliencePipeline _retry;
    private readonly int _capacity;
    private readonly TimeSpan _shutdownTimeout;
    private readonly List<PendingWrite> _batch = new(MaxBatch);
    private readonly Counter<long> _written;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _retries;
    private int _fullReported;

    public CallRecordWriter(
        CallRecordRepository repository,
        IDbConnectionFactory connections,
        IOptions<DatabaseOptions> options,
        IMeterFactory meterFactory,
        TimeProvider timeProvider,
        ILogger<CallRecordWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _repository = repository;
        _dialect = connections.Dialect;
        _timeProvider = timeProvider;
        _logger = logger;
        _capacity = options.Value.WriteQueueCapacity;
        _shutdownTimeout = options.Value.WriteShutdownTimeout;
        _channel = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(_capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });

        var meter = meterFactory.Create(MeterName);
        _written = meter.CreateCounter<long>("softswitch.admin.call_records.written", "{record}", "Call records written to the database.");
        _dropped = meter.CreateCounter<long>("softswitch.admin.call_records.dropped", "{record}", "Call records lost: queue full, or rejected by the database.");
        _retries = meter.CreateCounter<long>("softswitch.admin.call_records.write_retries", "{attempt}", "Failed write attempts that were retried.");
        meter.CreateObservableGauge("softswitch.admin.call_records.queued", () => _channel.Reader.Count, "{record}", "Call records waiting to be written.");

        _retry = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && _dialect.IsTransient(e)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(50),
                MaxDelay = options.Value.WriteRetryMaxDelay,
                OnRetry = args =>
                {
                    _retries.Add(1);
                    Log.WriteRetry(_logger, args.Outcome.Exception!, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Records waiting to be written.</summary>
    public int QueuedCount => _channel.Reader.Count;

    /// <summary>Queues a CDR (insert or update by Call-ID).</summary>
    /// <param name="call">The call record.</param>
    /// <returns>False when the queue was full and the record was dropped.</returns>
    public bool Enqueue(CallRecord call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return TryQueue(new PendingWrite(call, null, null), "cdr", call.CallId);
    }

    /// <summary>Queues a call event.</summary>
    /// <param name="callEvent">The event.</param>
    /// <returns>False when the queue was full and the event was dropped.</returns>
    public bool Enqueue(CallEventRecord callEvent)
    {
        ArgumentNullException.ThrowIfNull(callEvent);
        return TryQueue(new PendingWrite(null, callEvent, null), "event", callEvent.CallId);
    }

    /// <summary>Queues a transcript line.</summary>
    /// <param name="entry">The line.</param>
    /// <returns>False when the queue was full and the line was dropped.</returns>
    public bool Enqueue(TranscriptEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return TryQueue(new PendingWrite(null, null, entry), "transcript", entry.CallId);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _channel.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                FillBatch();
                await WriteBatchAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Stopping: keep writing what is queued (including a batch interrupted mid-retry) for a while.
        using var flush = new CancellationTokenSource(_shutdownTimeout, _timeProvider);
        try
        {
            while (_batch.Count > 0 || _channel.Reader.Count > 0)
            {
                FillBatch();
                await WriteBatchAsync(flush.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (flush.IsCancellationRequested)
        {
        }

        var left = _batch.Count + _channel.Reader.Count;
        if (left > 0)
        {
            _dropped.Add(left);
            Log.WriterStoppedWithBacklog(_logger, left);
        }
    }

    private bool TryQueue(PendingWrite write, string kind, string callId)
    {
        if (_channel.Writer.TryWrite(write))
        {
            return true;
        }

        _dropped.Add(1);
        if (Interlocked.Exchange(ref _fullReported, 1) == 0)
        {
            Log.WriteQueueFull(_logger, _capacity, kind, callId);
        }

        return false;
    }

    private void FillBatch()
    {
        while (_batch.Count < MaxBatch && _channel.Reader.TryRead(out var write))
        {
            _batch.Add(write);
        }
    }

    private async Task WriteBatchAsync(CancellationToken cancellationToken)
    {
        if (_batch.Count == 0)
        {
            return;
        }

        try
        {
            // Every write is idempotent, so a batch may be retried whole after a partial failure.
            await _retry.ExecuteAsync(static (state, ct) => new ValueTask(state.WriteAsync(state._batch, ct)), this, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && !_dialect.IsTransient(e))
        {
            // The database refused something (not an outage): write one record at a time and drop only the bad ones.
            await WriteOneByOneAsync(cancellationToken).ConfigureAwait(false);
        }

        _written.Add(_batch.Count);
        _batch.Clear();
        Volatile.Write(ref _fullReported, 0);
    }

    private async Task WriteOneByOneAsync(CancellationToken cancellationToken)
    {
        var single = new List<PendingWrite>(1);
        for (var i = _batch.Count - 1; i >= 0; i--)
        {
            single.Clear();
            single.Add(_batch[i]);
            try
            {
                await _retry.ExecuteAsync(static (state, ct) => new ValueTask(state.Writer.WriteAsync(state.Single, ct)), (Writer: this, Single: single), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException && !_dialect.IsTransient(e))
            {
                _dropped.Add(1);
                Log.WriteFailed(_logger, e, _batch[i].CallId);
                _batch.RemoveAt(i);
            }
        }
    }

    private async Task WriteAsync(List<PendingWrite> writes, CancellationToken cancellationToken)
    {
        // Within a batch only the last CDR of each call matters; events and transcript lines are keyed by sequence.
        var calls = new Dictionary<string, CallRecord>(StringComparer.Ordinal);
        var events = new List<CallEventRecord>();
        var transcript = new List<TranscriptEntry>();
        foreach (var write in writes)
        {
            if (write.Call is { } call)
            {
                calls[call.CallId] = call;
            }
            else if (write.Event is { } callEvent)
            {
                events.Add(callEvent);
            }
            else if (write.Transcript is { } entry)
            {
                transcript.Add(entry);
            }
        }

        foreach (var call in calls.Values)
        {
            await _repository.UpsertAsync(call, cancellationToken).ConfigureAwait(false);
        }

        await _repository.AppendEventsAsync(events, cancellationToken).ConfigureAwait(false);
        await _repository.AppendTranscriptAsync(transcript, cancellationToken).ConfigureAwait(false);
    }

    private readonly record struct PendingWrite(CallRecord? Call, CallEventRecord? Event, TranscriptEntry? Transcript)
    {
        public string CallId => Call?.CallId ?? Event?.CallId ?? Transcript?.CallId ?? "";
    }
}
