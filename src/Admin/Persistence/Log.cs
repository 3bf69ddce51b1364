using Microsoft.Extensions.Logging;

namespace Softswitch.Admin.Persistence;

/// <summary>Persistence log messages (event ids 4500–4549).</summary>
internal static partial class Log
{
    [LoggerMessage(4500, LogLevel.Information, "Database schema migration {Version} ({Name}) applied")]
    public static partial void MigrationApplied(ILogger logger, long version, string name);

    [LoggerMessage(4501, LogLevel.Information, "Database schema is up to date at version {Version} ({Provider})")]
    public static partial void SchemaUpToDate(ILogger logger, long version, DatabaseProvider provider);

    [LoggerMessage(4510, LogLevel.Warning, "Call record queue is full ({Capacity}); a {Kind} of call {CallId} was dropped")]
    public static partial void WriteQueueFull(ILogger logger, int capacity, string kind, string callId);

    [LoggerMessage(4511, LogLevel.Warning, "Call record write failed (attempt {Attempt}), retrying in {Delay}")]
    public static partial void WriteRetry(ILogger logger, Exception exception, int attempt, TimeSpan delay);

    [LoggerMessage(4512, LogLevel.Error, "Call record write for call {CallId} failed and was dropped")]
    public static partial void WriteFailed(ILogger logger, Exception exception, string callId);

    [LoggerMessage(4513, LogLevel.Warning, "Call record writer stopped with {Count} records still queued")]
    public static partial void WriterStoppedWithBacklog(ILogger logger, int count);
}
