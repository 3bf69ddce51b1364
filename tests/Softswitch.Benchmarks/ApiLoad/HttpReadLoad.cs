using System.Diagnostics;
using System.Net.Http.Headers;

namespace Softswitch.Benchmarks.ApiLoad;

/// <summary>
/// Closed-loop HTTP load on 127.0.0.1 from this process: a fixed number of workers, each sending one GET at a time and the
/// next as soon as the answer is read, taking the endpoints in turn; runs until a duration or a stop signal, whichever is
/// first. Latency is measured per request from send to the last byte of the body.
/// </summary>
internal sealed class HttpReadLoad : IDisposable
{
    /// <summary>The read endpoints the benchmark measures.</summary>
    public static readonly IReadOnlyList<string> ReadPaths = ["/api/v1/agents", "/api/v1/routes", "/api/v1/history?limit=50", "/api/v1/calls"];

    private static readonly TimeSpan s_requestTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _client;
    private readonly int _concurrency;
    private readonly long _intervalTicks;
    private long _nextSend;

    /// <summary>Creates the load with its own connection pool.</summary>
    /// <param name="baseAddress">The gateway's HTTP address.</param>
    /// <param name="apiKey">An API key with at least the viewer role.</param>
    /// <param name="concurrency">Requests in flight at once (one connection each).</param>
    /// <param name="requestsPerSecond">Most requests per second in all, or 0 for no pacing.</param>
    public HttpReadLoad(Uri baseAddress, string apiKey, int concurrency, int requestsPerSecond)
    {
        _concurrency = concurrency;
        _intervalTicks = requestsPerSecond > 0 ? Stopwatch.Frequency / requestsPerSecond : 0;
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        _client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = s_requestTimeout };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    /// <summary>Runs the load.</summary>
    /// <param name="duration">Longest run.</param>
    /// <param name="stop">Ends the run early (the phase it accompanies is over); not an error.</param>
    /// <param name="cancellationToken">Cancels the benchmark.</param>
    /// <returns>One result per endpoint, in <see cref="ReadPaths"/> order.</returns>
    public async Task<IReadOnlyList<EndpointResult>> RunAsync(TimeSpan duration, CancellationToken stop, CancellationToken cancellationToken)
    {
        using var end = CancellationTokenSource.CreateLinkedTokenSource(stop, cancellationToken);
        end.CancelAfter(duration);
        var clock = Stopwatch.StartNew();
        Volatile.Write(ref _nextSend, Stopwatch.GetTimestamp());
        var workers = new Task<Worker>[_concurrency];
        for (var i = 0; i < _concurrency; i++)
        {
            workers[i] = RunWorkerAsync(i, end.Token);
        }

        var done = await Task.WhenAll(workers);
        cancellationToken.ThrowIfCancellationRequested();
        var seconds = clock.Elapsed.TotalSeconds;
        var results = new List<EndpointResult>(ReadPaths.Count);
        for (var e = 0; e < ReadPaths.Count; e++)
        {
            var latencies = done.SelectMany(w => w.Latencies[e]).Order().ToArray();
            var errors = done.Sum(w => w.Errors[e]);
            var firstError = done.Select(w => w.FirstError[e]).FirstOrDefault(m => m is not null);
            results.Add(new EndpointResult(ReadPaths[e], latencies.Length, errors, seconds, firstError, latencies));
        }

        return results;
    }

    /// <summary>
    /// Checks that every endpoint answers with success, then runs the load unmeasured for a while, so connections are open and
    /// the gateway's request paths have been recompiled by the tiered JIT before anything is measured.
    /// </summary>
    /// <param name="duration">How long the unmeasured load runs.</param>
    /// <param name="cancellationToken">Cancels the warm-up.</param>
    /// <exception cref="InvalidOperationException">An endpoint does not answer with success.</exception>
    public async Task WarmUpAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        foreach (var path in ReadPaths)
        {
            using var response = await _client.GetAsync(path, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"GET {path}: HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        await RunAsync(duration, CancellationToken.None, cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();

    private async Task<Worker> RunWorkerAsync(int index, CancellationToken end)
    {
        await Task.Yield();
        var worker = new Worker(ReadPaths.Count);
        for (var next = index; !end.IsCancellationRequested; next++)
        {
            var e = next % ReadPaths.Count;
            try
            {
                await PaceAsync(end);
                var started = Stopwatch.GetTimestamp();
                using var response = await _client.GetAsync(ReadPaths[e], HttpCompletionOption.ResponseContentRead, end);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.IsSuccessStatusCode)
                {
                    worker.Latencies[e].Add(elapsed);
                }
                else
                {
                    worker.Fail(e, $"HTTP {(int)response.StatusCode}");
                }
            }
            catch (OperationCanceledException) when (end.IsCancellationRequested)
            {
                // The run ended with this request in flight: neither a sample nor an error.
                break;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                worker.Fail(e, ex is TaskCanceledException ? $"timed out after {s_requestTimeout.TotalSeconds:0} s" : ex.Message);
            }
        }

        return worker;
    }

    /// <summary>With pacing, waits for this request's send slot (slots are <c>1/rate</c> apart, shared by the workers).</summary>
    private ValueTask PaceAsync(CancellationToken end)
    {
        if (_intervalTicks == 0)
        {
            return ValueTask.CompletedTask;
        }

        var slot = Interlocked.Add(ref _nextSend, _intervalTicks) - _intervalTicks;
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), slot);
        return wait > TimeSpan.Zero ? new ValueTask(Task.Delay(wait, end)) : ValueTask.CompletedTask;
    }

    /// <summary>One worker's samples, kept apart so workers share nothing while they run.</summary>
    private sealed class Worker
    {
        public Worker(int endpoints)
        {
            Latencies = [.. Enumerable.Range(0, endpoints).Select(_ => new List<double>(4096))];
            Errors = new long[endpoints];
            FirstError = new string?[endpoints];
        }

        public List<double>[] Latencies { get; }

        public long[] Errors { get; }

        public string?[] FirstError { get; }

        public void Fail(int endpoint, string message)
        {
            Errors[endpoint]++;
            FirstError[endpoint] ??= message;
        }
    }
}
