using Microsoft.Extensions.Logging;

namespace Softswitch.Media.Recording;

/// <summary>Recording log messages (event ids 2200–2209, see STYLE.md §7).</summary>
internal static partial class Log
{
    [LoggerMessage(2200, LogLevel.Debug, "Recording to {Path} ({ChunkCount} chunks of {TicksPerChunk} ticks)")]
    public static partial void RecordingStarted(ILogger logger, string path, int chunkCount, int ticksPerChunk);

    [LoggerMessage(2201, LogLevel.Debug, "Recording {Path} completed: {Ticks} ticks ({DurationSeconds:F1} s), {DroppedTicks} replaced by silence")]
    public static partial void RecordingCompleted(ILogger logger, string path, long ticks, double durationSeconds, long droppedTicks);

    [LoggerMessage(2202, LogLevel.Warning, "Recording {Path}: the writer fell behind and {DroppedTicks} ticks were written as silence")]
    public static partial void RecordingDropped(ILogger logger, string path, long droppedTicks);

    [LoggerMessage(2203, LogLevel.Error, "Recording {Path}: writing failed; the rest of the call is not recorded")]
    public static partial void RecordingWriteFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(2204, LogLevel.Information, "Recording retention deleted {Files} recordings ({Bytes} bytes) older than {MaxAge} and {Folders} empty folders under {Directory}")]
    public static partial void RetentionSwept(ILogger logger, int files, long bytes, TimeSpan maxAge, int folders, string directory);

    [LoggerMessage(2205, LogLevel.Debug, "Recording retention deleted {Path} ({Bytes} bytes, last written {LastWriteUtc:O})")]
    public static partial void RetentionDeleted(ILogger logger, string path, long bytes, DateTime lastWriteUtc);

    [LoggerMessage(2206, LogLevel.Warning, "Recording retention could not delete or repair {Path}")]
    public static partial void RetentionFileFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(2207, LogLevel.Information, "Repaired the WAV header of {Path}, left stale by an interrupted recording ({Bytes} bytes)")]
    public static partial void HeaderRepaired(ILogger logger, string path, long bytes);

    [LoggerMessage(2208, LogLevel.Error, "Recording retention sweep of {Directory} failed")]
    public static partial void RetentionSweepFailed(ILogger logger, Exception exception, string directory);

    [LoggerMessage(2209, LogLevel.Information, "Recording retention for {Directory}: keeping recordings {Policy}, sweeping every {SweepInterval}")]
    public static partial void RetentionStarted(ILogger logger, string directory, string policy, TimeSpan sweepInterval);
}
