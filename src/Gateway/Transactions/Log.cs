using Microsoft.Extensions.Logging;
using Softswitch.Gateway.Transports;

namespace Softswitch.Gateway.Transactions;

/// <summary>Transaction layer log messages (event ids 1200–1299).</summary>
internal static partial class Log
{
    [LoggerMessage(1200, LogLevel.Debug, "{Method} transaction {Branch} terminated: {Reason}")]
    public static partial void Terminated(ILogger logger, string method, string branch, SipTransactionTerminationReason reason);

    [LoggerMessage(1201, LogLevel.Debug, "Dropped a {Status} response to {Method} that matches no transaction (branch {Branch})")]
    public static partial void StrayResponse(ILogger logger, int status, string method, string branch);

    [LoggerMessage(1202, LogLevel.Information, "{Method} to {Destination} timed out (branch {Branch})")]
    public static partial void ClientTimedOut(ILogger logger, string method, string branch, SipEndPoint destination);

    [LoggerMessage(1203, LogLevel.Information, "No ACK for the final response to {Method} (branch {Branch}): Timer H fired")]
    public static partial void ServerTimedOut(ILogger logger, string method, string branch);

    [LoggerMessage(1204, LogLevel.Information, "Transport error in {Method} transaction {Branch}")]
    public static partial void TransportError(ILogger logger, string method, string branch);

    [LoggerMessage(1205, LogLevel.Error, "The transport threw while sending for {Method} transaction {Branch}")]
    public static partial void SendThrew(ILogger logger, string method, string branch, Exception exception);

    [LoggerMessage(1206, LogLevel.Debug, "{Status} not sent: {Method} transaction {Branch} is {State}")]
    public static partial void ResponseIgnored(ILogger logger, int status, string method, string branch, SipTransactionState state);

    [LoggerMessage(1207, LogLevel.Error, "The transaction user threw in {Callback}")]
    public static partial void UserThrew(ILogger logger, string callback, Exception exception);
}
