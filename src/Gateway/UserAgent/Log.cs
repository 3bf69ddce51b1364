using Microsoft.Extensions.Logging;

namespace Softswitch.Gateway.UserAgent;

/// <summary>UAS core log messages (event ids 1600–1649).</summary>
internal static partial class Log
{
    [LoggerMessage(1600, LogLevel.Error, "{Method} {CallId}: handling the request failed")]
    public static partial void RequestFailed(ILogger logger, string method, string callId, Exception exception);

    [LoggerMessage(1601, LogLevel.Warning, "Sending {Status} for {CallId} failed")]
    public static partial void ResponseFailed(ILogger logger, int status, string callId, Exception exception);

    [LoggerMessage(1602, LogLevel.Warning, "INVITE {CallId} refused with 503: {MaxCalls} calls in progress")]
    public static partial void Overloaded(ILogger logger, string callId, int maxCalls);
}
