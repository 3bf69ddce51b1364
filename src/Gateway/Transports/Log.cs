using System.Net;
using Microsoft.Extensions.Logging;

namespace Softswitch.Gateway.Transports;

/// <summary>Transport log messages (event ids 1000–1099).</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Debug, "Dropped a {Length}-byte {Transport} message from {Remote}: {Reason}")]
    public static partial void Dropped(ILogger logger, int length, SipTransportKind transport, IPEndPoint remote, string reason);

    [LoggerMessage(1001, LogLevel.Debug, "Answered an unparsable request from {Remote} with 400: {Reason}")]
    public static partial void AnsweredBadRequest(ILogger logger, IPEndPoint remote, string reason);

    [LoggerMessage(1002, LogLevel.Debug, "TCP connection {ConnectionId} {Direction} {Remote}")]
    public static partial void ConnectionOpened(ILogger logger, long connectionId, string direction, IPEndPoint remote);

    [LoggerMessage(1003, LogLevel.Debug, "TCP connection {ConnectionId} to {Remote} closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, long connectionId, IPEndPoint remote, string reason);

    [LoggerMessage(1004, LogLevel.Debug, "Sending to {Destination} failed: {Error}")]
    public static partial void SendFailed(ILogger logger, SipEndPoint destination, string error);

    [LoggerMessage(1005, LogLevel.Error, "The {Transport} receive loop failed")]
    public static partial void ReceiveLoopFailed(ILogger logger, SipTransportKind transport, Exception exception);

    [LoggerMessage(1006, LogLevel.Error, "Handling a message from {Remote} threw")]
    public static partial void HandlerFailed(ILogger logger, SipEndPoint remote, Exception exception);

    [LoggerMessage(1007, LogLevel.Trace, "Received from {Remote}:\n{Message}")]
    public static partial void MessageReceived(ILogger logger, SipEndPoint remote, string message);

    [LoggerMessage(1008, LogLevel.Trace, "Sent to {Remote}:\n{Message}")]
    public static partial void MessageSent(ILogger logger, SipEndPoint remote, string message);

    [LoggerMessage(1009, LogLevel.Debug, "TCP connect to {Remote} failed: {Error}")]
    public static partial void ConnectFailed(ILogger logger, IPEndPoint remote, string error);

    [LoggerMessage(1010, LogLevel.Warning, "No {Transport} transport is available; cannot send to {Destination}")]
    public static partial void TransportUnavailable(ILogger logger, SipTransportKind transport, SipEndPoint destination);

    [LoggerMessage(1011, LogLevel.Error, "TCP connection {ConnectionId} failed")]
    public static partial void ConnectionFailed(ILogger logger, long connectionId, Exception exception);
}
