using System.Globalization;

namespace Softswitch.Benchmarks.ApiLoad;

/// <summary>
/// The call record writer's instruments as the gateway's <c>/metrics</c> shows them (Prometheus text): records written and
/// dropped, failed attempts retried (counters since start), and records waiting in its queue (a gauge).
/// </summary>
/// <param name="Written">Records written (CDR updates, events and transcript lines, each counted).</param>
/// <param name="Dropped">Records lost: queue full, or refused by the database.</param>
/// <param name="Retries">Failed write attempts that were retried.</param>
/// <param name="Queued">Records waiting to be written when read.</param>
internal sealed record WriterMetrics(long Written, long Dropped, long Retries, long Queued)
{
    private const string WrittenName = "softswitch_admin_call_records_written_total";
    private const string DroppedName = "softswitch_admin_call_records_dropped_total";
    private const string RetriesName = "softswitch_admin_call_records_write_retries_total";
    private const string QueuedName = "softswitch_admin_call_records_queued";

    /// <summary>Reads the writer's series from a scrape; a series not there yet (no record written) counts 0.</summary>
    /// <param name="text">The <c>/metrics</c> body.</param>
    public static WriterMetrics Parse(string text)
    {
        long written = 0, dropped = 0, retries = 0, queued = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            // name{labels} value, or name value; series of one name are summed over their labels.
            var space = line.LastIndexOf(' ');
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var name = line[..(brace >= 0 && brace < space ? brace : space)];
            if (space < 0 || !double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            switch (name)
            {
                case WrittenName: written += (long)value; break;
                case DroppedName: dropped += (long)value; break;
                case RetriesName: retries += (long)value; break;
                case QueuedName: queued += (long)value; break;
            }
        }

        return new WriterMetrics(written, dropped, retries, queued);
    }

    /// <summary>The counters' growth since an earlier read; <see cref="Queued"/> becomes the largest queue seen in between.</summary>
    /// <param name="earlier">The earlier read.</param>
    /// <param name="maxQueued">The largest queue sampled in between.</param>
    public WriterMetrics Since(WriterMetrics earlier, long maxQueued) =>
        new(Written - earlier.Written, Dropped - earlier.Dropped, Retries - earlier.Retries, Math.Max(maxQueued, Queued));
}
