using System.Diagnostics.Metrics;
using Shouldly;
using Softswitch.Admin.Metrics;
using Xunit;

namespace Softswitch.Admin.Tests.Metrics;

/// <summary>The exposition format of what <see cref="PrometheusMetrics"/> collects, from a meter made for each test.</summary>
public sealed class PrometheusMetricsTests : IDisposable
{
    private readonly Meter _meter = new("Softswitch.Test." + Guid.NewGuid().ToString("N"));
    private readonly string _prefix;

    public PrometheusMetricsTests() => _prefix = "t" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => _meter.Dispose();

    [Fact]
    public void Counter_TaggedAndUntagged_SummedPerSeriesWithTotalSuffix()
    {
        using var metrics = new PrometheusMetrics(scope: null);
        var counter = _meter.CreateCounter<long>(_prefix + ".sip.messages", "{message}", "SIP messages.");
        counter.Add(2, new KeyValuePair<string, object?>("method", "INVITE"), new KeyValuePair<string, object?>("transport", "udp"));
        counter.Add(3, new KeyValuePair<string, object?>("transport", "udp"), new KeyValuePair<string, object?>("method", "INVITE")); // other order, same series
        counter.Add(1, new KeyValuePair<string, object?>("method", "BYE"), new KeyValuePair<string, object?>("transport", "udp"));
        counter.Add(7);

        var text = metrics.Scrape();

        text.ShouldContain($"# TYPE {_prefix}_sip_messages_total counter\n");
        text.ShouldContain($"# HELP {_prefix}_sip_messages_total SIP messages.\n");
        text.ShouldContain($"{_prefix}_sip_messages_total{{method=\"INVITE\",transport=\"udp\"}} 5\n");
        text.ShouldContain($"{_prefix}_sip_messages_total{{method=\"BYE\",transport=\"udp\"}} 1\n");
        text.ShouldContain($"{_prefix}_sip_messages_total 7\n");
    }

    [Fact]
    public void Histogram_CumulativeBucketsSumAndCount_SecondsSuffix()
    {
        using var metrics = new PrometheusMetrics(scope: null);
        var histogram = _meter.CreateHistogram<double>(_prefix + ".engine.duration", "s", "Engine time.");
        histogram.Record(0.003, new KeyValuePair<string, object?>("engine", "espeak-ng"));
        histogram.Record(0.2, new KeyValuePair<string, object?>("engine", "espeak-ng"));
        histogram.Record(30, new KeyValuePair<string, object?>("engine", "espeak-ng"));

        var text = metrics.Scrape();
        var name = _prefix + "_engine_duration_seconds";
        text.ShouldContain($"# TYPE {name} histogram\n");
        text.ShouldContain($"{name}_bucket{{engine=\"espeak-ng\",le=\"0.001\"}} 0\n");
        text.ShouldContain($"{name}_bucket{{engine=\"espeak-ng\",le=\"0.005\"}} 1\n");
        text.ShouldContain($"{name}_bucket{{engine=\"espeak-ng\",le=\"0.25\"}} 2\n");
        text.ShouldContain($"{name}_bucket{{engine=\"espeak-ng\",le=\"10\"}} 2\n");
        text.ShouldContain($"{name}_bucket{{engine=\"espeak-ng\",le=\"+Inf\"}} 3\n");
        text.ShouldContain($"{name}_count{{engine=\"espeak-ng\"}} 3\n");
        var sum = text.Split('\n').Single(l => l.StartsWith(name + "_sum", StringComparison.Ordinal));
        double.Parse(sum.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(30.203, 1e-9);
    }

    [Fact]
    public void ObservableGauge_ReadAtEachScrape_LatestValueOnly()
    {
        using var metrics = new PrometheusMetrics(scope: null);
        var active = 3;
        _meter.CreateObservableUpDownCounter(_prefix + ".calls.active", () => active, "{call}", "Calls in progress.");

        metrics.Scrape().ShouldContain($"{_prefix}_calls_active 3\n");
        active = 1;
        var text = metrics.Scrape();
        text.ShouldContain($"# TYPE {_prefix}_calls_active gauge\n");
        text.ShouldContain($"{_prefix}_calls_active 1\n");
        text.ShouldNotContain($"{_prefix}_calls_active 3\n");
    }

    [Fact]
    public void LabelValues_Escaped_NamesSanitized()
    {
        using var metrics = new PrometheusMetrics(scope: null);
        var counter = _meter.CreateCounter<long>(_prefix + ".odd-name", null, "Line one\nline two.");
        counter.Add(1, new KeyValuePair<string, object?>("http.route", "a\"b\\c\nd"));

        var text = metrics.Scrape();
        text.ShouldContain($"# HELP {_prefix}_odd_name_total Line one\\nline two.\n");
        text.ShouldContain($"{_prefix}_odd_name_total{{http_route=\"a\\\"b\\\\c\\nd\"}} 1\n");
    }

    [Fact]
    public void MeterOfAnotherScope_NotExported()
    {
        using var metrics = new PrometheusMetrics(scope: null);
        using var otherMeter = new Meter(new MeterOptions("Softswitch.Test.Scoped") { Scope = new object() });
        otherMeter.CreateCounter<long>(_prefix + ".elsewhere").Add(1);
        _meter.CreateCounter<long>(_prefix + ".here").Add(1);

        var text = metrics.Scrape();
        text.ShouldNotContain(_prefix + "_elsewhere");
        text.ShouldContain($"{_prefix}_here_total 1\n");
    }

    [Fact]
    public void SeriesPerInstrument_Bounded()
    {
        using var metrics = new PrometheusMetrics(scope: null);
        var counter = _meter.CreateCounter<long>(_prefix + ".many");
        for (var i = 0; i < PrometheusMetrics.MaxSeriesPerInstrument + 50; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("n", i));
        }

        metrics.Scrape().Split('\n').Count(l => l.StartsWith(_prefix + "_many_total{", StringComparison.Ordinal)).ShouldBe(PrometheusMetrics.MaxSeriesPerInstrument);
    }

    [Theory]
    [InlineData("softswitch.media.rtp.packets_in", "{packet}", true, "softswitch_media_rtp_packets_in_total")]
    [InlineData("sip_messages_received", "{message}", true, "sip_messages_received_total")]
    [InlineData("http.server.request.duration", "s", false, "http_server_request_duration_seconds")]
    [InlineData("softswitch.media.call.jitter", "ms", false, "softswitch_media_call_jitter_milliseconds")]
    [InlineData("already_total", null, true, "already_total")]
    public void MetricName_FollowsPrometheusConventions(string name, string? unit, bool counter, string expected) =>
        PrometheusMetrics.MetricName(name, unit, counter).ShouldBe(expected);
}
