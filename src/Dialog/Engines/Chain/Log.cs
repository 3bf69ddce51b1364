using Microsoft.Extensions.Logging;

namespace Softswitch.Dialog.Engines.Chain;

/// <summary>Engine chain log messages (Dialog event ids 3600–3649).</summary>
internal static partial class Log
{
    [LoggerMessage(3600, LogLevel.Warning, "Engine chain {Chain}: {Engine} skipped ({Reason}): {Detail}")]
    public static partial void Skipped(ILogger logger, string chain, string engine, string reason, string detail);

    [LoggerMessage(3601, LogLevel.Error, "Engine chain {Chain}: no engine available ({Reasons})")]
    public static partial void Unavailable(ILogger logger, string chain, string reasons);

    [LoggerMessage(3602, LogLevel.Debug, "Engine chain {Chain}: session of {Engine} acquired after {SkippedCount} skipped")]
    public static partial void Acquired(ILogger logger, string chain, string engine, int skippedCount);

    [LoggerMessage(3603, LogLevel.Warning, "Engine {Engine}: circuit breaker opened for {BreakDuration}")]
    public static partial void BreakerOpened(ILogger logger, string engine, TimeSpan breakDuration);

    [LoggerMessage(3604, LogLevel.Information, "Engine {Engine}: circuit breaker closed")]
    public static partial void BreakerClosed(ILogger logger, string engine);
}
