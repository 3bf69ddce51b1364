using System.Net;
using Microsoft.Extensions.Logging;

namespace Softswitch.Gateway;

/// <summary>Gateway lifecycle log messages (event ids 1900–1949).</summary>
internal static partial class Log
{
    [LoggerMessage(1900, LogLevel.Information, "SIP listening on udp:{Udp} and tcp:{Tcp}, advertising {Advertised}")]
    public static partial void Listening(ILogger logger, IPEndPoint udp, IPEndPoint tcp, IPAddress advertised);

    [LoggerMessage(1901, LogLevel.Warning, "Stopping with {Calls} calls still in progress")]
    public static partial void StopTimedOut(ILogger logger, int calls);
}
