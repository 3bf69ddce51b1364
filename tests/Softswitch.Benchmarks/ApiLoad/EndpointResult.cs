using System.Text.Json.Serialization;
using Softswitch.Benchmarks.Load;

namespace Softswitch.Benchmarks.ApiLoad;

/// <summary>What one endpoint did during a phase of the HTTP read load.</summary>
/// <param name="Path">The request path and query.</param>
/// <param name="Requests">Requests answered with a success status.</param>
/// <param name="Errors">Requests that failed: other statuses, timeouts, broken connections.</param>
/// <param name="Seconds">How long the load ran.</param>
/// <param name="FirstError">The first failure seen, or <c>null</c>.</param>
/// <param name="Latencies">Latency of each successful request, ms, sorted.</param>
internal sealed record EndpointResult(
    string Path,
    long Requests,
    long Errors,
    double Seconds,
    string? FirstError,
    [property: JsonIgnore] IReadOnlyList<double> Latencies)
{
    /// <summary>Successful requests per second.</summary>
    public double RequestsPerSecond => Seconds > 0 ? Requests / Seconds : 0;

    /// <summary>Median latency of the successful requests, ms; <c>null</c> without samples.</summary>
    public double? P50Milliseconds => LoadStep.Percentile([.. Latencies], 0.50);

    /// <summary>99th percentile latency, ms; <c>null</c> without samples.</summary>
    public double? P99Milliseconds => LoadStep.Percentile([.. Latencies], 0.99);

    /// <summary>Pools the rounds of a phase, endpoint by endpoint.</summary>
    /// <param name="rounds">Each round's results, in the same endpoint order.</param>
    public static IReadOnlyList<EndpointResult> Merge(IReadOnlyList<IReadOnlyList<EndpointResult>> rounds) =>
        rounds.Count == 1
            ? rounds[0]
            : [.. Enumerable.Range(0, rounds[0].Count).Select(e =>
            {
                var parts = rounds.Select(r => r[e]).ToList();
                return new EndpointResult(
                    parts[0].Path,
                    parts.Sum(p => p.Requests),
                    parts.Sum(p => p.Errors),
                    parts.Sum(p => p.Seconds),
                    parts.Select(p => p.FirstError).FirstOrDefault(m => m is not null),
                    [.. parts.SelectMany(p => p.Latencies).Order()]);
            })];
}
