using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Softswitch.Admin.Metrics;

namespace Softswitch.Benchmarks.Admin;

/// <summary>
/// What a per-packet counter costs while <c>/metrics</c> listens: the RTP counters are incremented once per packet, so recording
/// into an existing series must allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class MetricsBenchmarks
{
    private Meter _meter = null!;
    private PrometheusMetrics _metrics = null!;
    private Counter<long> _packets = null!;
    private Counter<long> _messages = null!;
    private Histogram<double> _latency = null!;

    [GlobalSetup]
    public void Setup()
    {
        _meter = new Meter("Softswitch.Benchmarks.Metrics");
        _metrics = new PrometheusMetrics(scope: null);
        _packets = _meter.CreateCounter<long>("bench.packets");
        _messages = _meter.CreateCounter<long>("bench.messages");
        _latency = _meter.CreateHistogram<double>("bench.latency", "s");
        CounterAdd();
        TaggedCounterAdd();
        HistogramRecord();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _metrics.Dispose();
        _meter.Dispose();
    }

    /// <summary>An untagged counter, as the RTP packet counters.</summary>
    [Benchmark]
    public void CounterAdd() => _packets.Add(1);

    /// <summary>A counter with two tags, as the SIP message counters.</summary>
    [Benchmark]
    public void TaggedCounterAdd() => _messages.Add(1, new KeyValuePair<string, object?>("method", "INVITE"), new KeyValuePair<string, object?>("transport", "udp"));

    /// <summary>A tagged histogram, as the engine latencies.</summary>
    [Benchmark]
    public void HistogramRecord() => _latency.Record(0.042, new KeyValuePair<string, object?>("engine", "espeak-ng"));
}
