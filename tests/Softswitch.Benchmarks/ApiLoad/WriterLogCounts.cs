namespace Softswitch.Benchmarks.ApiLoad;

/// <summary>
/// What the call record writer reported in the gateway's log (warnings and errors, the level the benchmark runs it at):
/// failed attempts it retried (event 4511), times its queue filled (4510, once per episode) and records it dropped after the
/// database refused them (4512). The host has no metrics endpoint, so the log is where these figures leave the process.
/// </summary>
/// <param name="Retries">Write attempts that failed and were retried.</param>
/// <param name="QueueFull">Times the queue was full (records were dropped from then on until a batch got through).</param>
/// <param name="Dropped">Records the database refused, dropped one by one.</param>
internal sealed record WriterLogCounts(int Retries, int QueueFull, int Dropped)
{
    /// <summary>No line of the writer.</summary>
    public static readonly WriterLogCounts None = new(0, 0, 0);

    /// <summary>Counts the writer's lines in a log file that the gateway may still be writing; <see cref="None"/> when it is missing.</summary>
    /// <param name="path">The gateway's log.</param>
    public static WriterLogCounts Read(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return None;
        }

        int retries = 0, full = 0, dropped = 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Contains("Call record write failed (attempt", StringComparison.Ordinal))
            {
                retries++;
            }
            else if (line.Contains("Call record queue is full", StringComparison.Ordinal))
            {
                full++;
            }
            else if (line.Contains("failed and was dropped", StringComparison.Ordinal))
            {
                dropped++;
            }
        }

        return new WriterLogCounts(retries, full, dropped);
    }

    /// <summary>What was logged between two reads.</summary>
    /// <param name="earlier">The earlier read.</param>
    public WriterLogCounts Since(WriterLogCounts earlier) => new(Retries - earlier.Retries, QueueFull - earlier.QueueFull, Dropped - earlier.Dropped);
}
