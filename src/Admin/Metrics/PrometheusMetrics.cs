using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Softswitch.Admin.Metrics;

/// <summary>
/// Collects the process's <see cref="System.Diagnostics.Metrics"/> instruments (every meter whose name starts with
/// <c>Softswitch</c>, and ASP.NET Core's HTTP request duration) and writes them in the Prometheus text exposition format
/// (version 0.0.4) for <c>/metrics</c>. Counters become <c>_total</c> series, histograms cumulative <c>_bucket</c> series with
/// <c>_sum</c> and <c>_count</c>, gauges and up-down counters plain series. Recording a measurement with tags the instrument has
/// seen before allocates nothing (the per-packet RTP counters go through here).
/// </summary>
internal sealed class PrometheusMetrics : IDisposable
{
    /// <summary>Content type of the exposition format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Most series kept per instrument; measurements with further tag combinations are not exported.</summary>
    public const int MaxSeriesPerInstrument = 500;

    private static readonly double[] s_secondsBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] s_millisecondsBuckets = [1, 5, 10, 20, 40, 60, 80, 100, 150, 200, 300, 500, 1000, 2000, 5000];
    private static readonly double[] s_percentBuckets = [0.1, 0.5, 1, 2, 3, 5, 10, 20, 50];
    private static readonly double[] s_scoreBuckets = [1, 1.5, 2, 2.5, 3, 3.5, 4, 4.2, 4.4, 5];
    private static readonly double[] s_defaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000];

    private readonly MeterListener _listener = new();
    private readonly object? _scope;
    private readonly Lock _instrumentsLock = new();
    private readonly List<InstrumentState> _instruments = [];

    /// <summary>Starts listening.</summary>
    /// <param name="scope">
    /// The <see cref="IMeterFactory"/> of this host: meters it made (and static meters, whose scope is null) are exported;
    /// meters of another host in the same process are not.
    /// </param>
    public PrometheusMetrics(IMeterFactory? scope)
    {
        _scope = scope;
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.MeasurementsCompleted = static (_, _) => { };
        _listener.SetMeasurementEventCallback<long>(static (instrument, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (instrument, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (instrument, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (instrument, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Writes every collected series (observable instruments are read now).</summary>
    /// <param name="output">Where the text goes.</param>
    public void WriteTo(StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        InstrumentState[] instruments;
        lock (_instrumentsLock)
        {
            instruments = [.. _instruments];
        }

        foreach (var instrument in instruments)
        {
            instrument.BeginObservation();
        }

        _listener.RecordObservableInstruments();

        // Two meters (one per host made by a factory, say) may publish the same instrument name: one family each name.
        foreach (var family in instruments.GroupBy(i => i.ExportName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = family.First();
            output.Append("# HELP ").Append(first.ExportName).Append(' ').Append(EscapeHelp(first.Description)).Append('\n');
            output.Append("# TYPE ").Append(first.ExportName).Append(' ').Append(first.TypeName).Append('\n');
            foreach (var instrument in family)
            {
                instrument.WriteSeries(output);
            }
        }
    }

    /// <summary>The exposition text.</summary>
    /// <returns>Every series, one per line.</returns>
    public string Scrape()
    {
        var output = new StringBuilder(16 * 1024);
        WriteTo(output);
        return output.ToString();
    }

    /// <inheritdoc/>
    public void Dispose() => _listener.Dispose();

    /// <summary>The Prometheus name of an instrument: dots and dashes become underscores, the unit a suffix, counters end in <c>_total</c>.</summary>
    /// <param name="name">The instrument's name.</param>
    /// <param name="unit">Its unit (UCUM).</param>
    /// <param name="counter">Whether it is a monotonic counter.</param>
    /// <returns>A valid metric name.</returns>
    internal static string MetricName(string name, string? unit, bool counter)
    {
        var builder = new StringBuilder(name.Length + 16);
        AppendSanitized(builder, name);
        var suffix = unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            "%" => "_percent",
            _ => null,
        };
        if (suffix is not null && !builder.ToString().EndsWith(suffix, StringComparison.Ordinal))
        {
            builder.Append(suffix);
        }

        if (counter && !builder.ToString().EndsWith("_total", StringComparison.Ordinal))
        {
            builder.Append("_total");
        }

        return builder.ToString();
    }

    private static void AppendSanitized(StringBuilder builder, string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var valid = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or ':' || (i > 0 && c is >= '0' and <= '9');
            builder.Append(valid ? c : '_');
        }
    }

    private static string EscapeHelp(string? text) =>
        string.IsNullOrEmpty(text) ? "(no description)" : text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static void AppendLabelValue(StringBuilder output, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\':
                    output.Append("\\\\");
                    break;
                case '"':
                    output.Append("\\\"");
                    break;
                case '\n':
                    output.Append("\\n");
                    break;
                default:
                    output.Append(c);
                    break;
            }
        }
    }

    private static void AppendNumber(StringBuilder output, double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            output.Append("+Inf");
        }
        else if (double.IsNegativeInfinity(value))
        {
            output.Append("-Inf");
        }
        else if (double.IsNaN(value))
        {
            output.Append("NaN");
        }
        else
        {
            output.Append(value.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        var meter = instrument.Meter;
        var ours = meter.Name.StartsWith("Softswitch", StringComparison.Ordinal)
            || (meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Name == "http.server.request.duration");
        if (!ours || (meter.Scope is not null && !ReferenceEquals(meter.Scope, _scope)))
        {
            return;
        }

        var state = InstrumentState.For(instrument);
        if (state is null)
        {
            return;
        }

        lock (_instrumentsLock)
        {
            _instruments.Add(state);
        }

        listener.EnableMeasurementEvents(instrument, state);
    }

    private enum Kind
    {
        Counter,
        Gauge,
        Histogram,
    }

    /// <summary>One instrument's series.</summary>
    private sealed class InstrumentState
    {
        private readonly Kind _kind;
        private readonly bool _observable;
        private readonly bool _absolute;
        private readonly double[] _bounds;
        private readonly Lock _lock = new();
        private volatile Series[] _series = [];

        private InstrumentState(Instrument instrument, Kind kind, bool observable, bool absolute, double[] bounds)
        {
            _kind = kind;
            _observable = observable;
            _absolute = absolute;
            _bounds = bounds;
            ExportName = MetricName(instrument.Name, instrument.Unit, kind == Kind.Counter);
            Description = instrument.Description;
        }

        public string ExportName { get; }

        public string? Description { get; }

        public string TypeName => _kind switch
        {
            Kind.Counter => "counter",
            Kind.Histogram => "histogram",
            _ => "gauge",
        };

        public static InstrumentState? For(Instrument instrument)
        {
            var type = instrument.GetType();
            if (!type.IsGenericType)
            {
                return null;
            }

            var definition = type.GetGenericTypeDefinition();
            // Observable instruments report absolute values when read; a synchronous gauge records absolute values too.
            (Kind Kind, bool Observable, bool Absolute)? shape =
                definition == typeof(Counter<>) ? (Kind.Counter, false, false)
                : definition == typeof(ObservableCounter<>) ? (Kind.Counter, true, true)
                : definition == typeof(UpDownCounter<>) ? (Kind.Gauge, false, false)
                : definition == typeof(ObservableUpDownCounter<>) ? (Kind.Gauge, true, true)
                : definition == typeof(ObservableGauge<>) ? (Kind.Gauge, true, true)
                : definition == typeof(Gauge<>) ? (Kind.Gauge, false, true)
                : definition == typeof(Histogram<>) ? (Kind.Histogram, false, false)
                : null;
            if (shape is not { } s)
            {
                return null;
            }

            var bounds = s.Kind == Kind.Histogram ? BoundsFor(instrument) : [];
            return new InstrumentState(instrument, s.Kind, s.Observable, s.Absolute, bounds);
        }

        /// <summary>Before observable instruments report: their values are absolute, so the last report replaces the previous one.</summary>
        public void BeginObservation()
        {
            if (!_observable)
            {
                return;
            }

            foreach (var series in _series)
            {
                series.Stale = true;
            }
        }

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var series = Find(tags);
            if (series is null)
            {
                return;
            }

            if (_kind == Kind.Histogram)
            {
                series.Observe(value, _bounds);
            }
            else if (_absolute)
            {
                series.Set(value);
            }
            else
            {
                series.Add(value);
            }
        }

        public void WriteSeries(StringBuilder output)
        {
            foreach (var series in _series)
            {
                if (_observable && series.Stale)
                {
                    continue;
                }

                if (_kind == Kind.Histogram)
                {
                    series.WriteHistogram(output, ExportName, _bounds);
                }
                else
                {
                    output.Append(ExportName);
                    series.WriteLabels(output, null, 0);
                    output.Append(' ');
                    AppendNumber(output, series.Value);
                    output.Append('\n');
                }
            }
        }

        private static double[] BoundsFor(Instrument instrument)
        {
            if (instrument is Histogram<double> { Advice.HistogramBucketBoundaries: { Count: > 0 } advised })
            {
                return [.. advised];
            }

            return instrument.Unit switch
            {
                "s" => s_secondsBuckets,
                "ms" => s_millisecondsBuckets,
                "%" => s_percentBuckets,
                "{score}" => s_scoreBuckets,
                _ => s_defaultBuckets,
            };
        }

        private Series? Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var series in _series)
            {
                if (series.Matches(tags))
                {
                    return series;
                }
            }

            lock (_lock)
            {
                foreach (var series in _series)
                {
                    if (series.Matches(tags))
                    {
                        return series;
                    }
                }

                if (_series.Length >= MaxSeriesPerInstrument)
                {
                    return null;
                }

                var added = new Series(tags, _kind == Kind.Histogram ? _bounds.Length : 0);
                _series = [.. _series, added];
                return added;
            }
        }
    }

    /// <summary>One tag combination's value (or histogram).</summary>
    private sealed class Series
    {
        private readonly string[] _keys;
        private readonly string[] _names;
        private readonly object?[] _values;
        private readonly string[] _printed;
        private readonly long[] _buckets;
        private readonly Lock _lock = new();
        private double _value;
        private long _count;

        public Series(ReadOnlySpan<KeyValuePair<string, object?>> tags, int bucketCount)
        {
            // Sorted by name so the exposition is stable whatever order a caller gave the tags in.
            var sorted = tags.ToArray();
            Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            _keys = new string[sorted.Length];
            _names = new string[sorted.Length];
            _values = new object?[sorted.Length];
            _printed = new string[sorted.Length];
            for (var i = 0; i < sorted.Length; i++)
            {
                var name = new StringBuilder();
                AppendSanitized(name, sorted[i].Key);
                _keys[i] = sorted[i].Key;
                _names[i] = name.ToString();
                _values[i] = sorted[i].Value;
                _printed[i] = Convert.ToString(sorted[i].Value, CultureInfo.InvariantCulture) ?? string.Empty;
            }

            _buckets = new long[bucketCount];
        }

        public bool Stale { get; set; }

        public double Value
        {
            get
            {
                lock (_lock)
                {
                    return _value;
                }
            }
        }

        public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length != _values.Length)
            {
                return false;
            }

            for (var i = 0; i < tags.Length; i++)
            {
                var found = false;
                for (var j = 0; j < _values.Length; j++)
                {
                    if (string.Equals(_keys[j], tags[i].Key, StringComparison.Ordinal) && Equals(_values[j], tags[i].Value))
                    {
                        found = true;
                        break;
                    }
                }

                if (!found)
                {
                    return false;
                }
            }

            return true;
        }

        public void Add(double value)
        {
            lock (_lock)
            {
                _value += value;
            }
        }

        public void Set(double value)
        {
            lock (_lock)
            {
                _value = value;
                Stale = false;
            }
        }

        public void Observe(double value, double[] bounds)
        {
            lock (_lock)
            {
                _value += value;
                _count++;
                for (var i = 0; i < bounds.Length; i++)
                {
                    if (value <= bounds[i])
                    {
                        _buckets[i]++;
                        break;
                    }
                }
            }
        }

        public void WriteLabels(StringBuilder output, string? extraName, double extraValue)
        {
            if (_names.Length == 0 && extraName is null)
            {
                return;
            }

            output.Append('{');
            for (var i = 0; i < _names.Length; i++)
            {
                if (i > 0)
                {
                    output.Append(',');
                }

                output.Append(_names[i]).Append("=\"");
                AppendLabelValue(output, _printed[i]);
                output.Append('"');
            }

            if (extraName is not null)
            {
                if (_names.Length > 0)
                {
                    output.Append(',');
                }

                output.Append(extraName).Append("=\"");
                AppendNumber(output, extraValue);
                output.Append('"');
            }

            output.Append('}');
        }

        public void WriteHistogram(StringBuilder output, string name, double[] bounds)
        {
            long[] buckets;
            long count;
            double sum;
            lock (_lock)
            {
                buckets = [.. _buckets];
                count = _count;
                sum = _value;
            }

            long cumulative = 0;
            for (var i = 0; i < bounds.Length; i++)
            {
                cumulative += buckets[i];
                output.Append(name).Append("_bucket");
                WriteLabels(output, "le", bounds[i]);
                output.Append(' ').Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            output.Append(name).Append("_bucket");
            WriteLabels(output, "le", double.PositiveInfinity);
            output.Append(' ').Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
            output.Append(name).Append("_sum");
            WriteLabels(output, null, 0);
            output.Append(' ');
            AppendNumber(output, sum);
            output.Append('\n');
            output.Append(name).Append("_count");
            WriteLabels(output, null, 0);
            output.Append(' ').Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }
}
