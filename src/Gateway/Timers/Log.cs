using Microsoft.Extensions.Logging;

namespace Softswitch.Gateway.Timers;

/// <summary>Timer service log messages (event ids 1100–1149).</summary>
internal static partial class Log
{
    [LoggerMessage(1100, LogLevel.Error, "A SIP timer callback threw")]
    public static partial void CallbackFailed(ILogger logger, Exception exception);
}
