using System.Globalization;

namespace Softswitch.Benchmarks.Load;

/// <summary>
/// The last row of a sipp statistics file (<c>-trace_stat</c>) or message count file (<c>-trace_counts</c>):
/// semicolon-separated, a header line, one row per dump, the final dump at exit last.
/// </summary>
internal sealed class SippCsv
{
    private readonly Dictionary<string, string> _values;

    private SippCsv(Dictionary<string, string> values)
    {
        _values = values;
    }

    /// <summary>Column names.</summary>
    public IEnumerable<string> Columns => _values.Keys;

    /// <summary>Reads the header and the last row; <c>null</c> when the file is missing or has no row.</summary>
    /// <param name="path">The file.</param>
    public static SippCsv? ReadLast(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        var lines = File.ReadAllLines(path).Where(line => line.Length > 0).ToList();
        if (lines.Count < 2)
        {
            return null;
        }

        var header = lines[0].Split(';');
        var row = lines[^1].Split(';');
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length && i < row.Length; i++)
        {
            if (header[i].Length > 0)
            {
                values[header[i]] = row[i];
            }
        }

        return new SippCsv(values);
    }

    /// <summary>A whole-number column; 0 when missing.</summary>
    /// <param name="column">The column name, e.g. <c>SuccessfulCall(C)</c>.</param>
    public long Count(string column) =>
        _values.TryGetValue(column, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    /// <summary>
    /// A time column as Unix seconds: sipp writes <c>date&lt;TAB&gt;time&lt;TAB&gt;epoch.micros</c>; <c>null</c> when missing.
    /// </summary>
    /// <param name="column">The column name, e.g. <c>StartTime</c>.</param>
    public double? Epoch(string column) =>
        _values.TryGetValue(column, out var text)
        && double.TryParse(text[(text.LastIndexOf('\t') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
