using System.Net;
using Microsoft.Extensions.Logging;

namespace Softswitch.Gateway.Calls;

/// <summary>Call log messages (event ids 1500–1599).</summary>
internal static partial class Log
{
    [LoggerMessage(1500, LogLevel.Debug, "Call {CallId} from {Caller} to {Called} via {Remote}")]
    public static partial void CallStarted(ILogger logger, string callId, string caller, string called, IPEndPoint remote);

    [LoggerMessage(1501, LogLevel.Information, "Call {CallId} from {Caller} to {Called} ended: {Reason} after {DurationSeconds:F1} s, RTP in {PacketsIn} out {PacketsOut}, MOS {Mos:F2}, loss {LossPercent:F1} %, jitter {JitterMs:F1} ms")]
    public static partial void CallEnded(ILogger logger, string callId, string caller, string called, CallEndReason reason, double durationSeconds, long packetsIn, long packetsOut, double mos, double lossPercent, double jitterMs);

    [LoggerMessage(1508, LogLevel.Warning, "Call {CallId}: no RTP for {Seconds} s, hanging up")]
    public static partial void RtpTimeout(ILogger logger, string callId, int seconds);

    [LoggerMessage(1509, LogLevel.Information, "Call {CallId}: DTMF '{Digit}' ({DurationMs} ms) by SIP INFO")]
    public static partial void InfoDtmf(ILogger logger, string callId, char digit, int durationMs);

    [LoggerMessage(1502, LogLevel.Error, "Call {CallId}: handler failed")]
    public static partial void HandlerFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(1503, LogLevel.Error, "Call {CallId}: call loop failed")]
    public static partial void CallLoopFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(1504, LogLevel.Warning, "Call {CallId}: the ACK carried no acceptable SDP answer")]
    public static partial void BadAnswer(ILogger logger, string callId);

    [LoggerMessage(1505, LogLevel.Warning, "Call {CallId}: no ACK for the 2xx within 64*T1")]
    public static partial void AckTimeout(ILogger logger, string callId);

    [LoggerMessage(1506, LogLevel.Information, "Call {CallId}: session expired without refresh")]
    public static partial void SessionExpired(ILogger logger, string callId);

    [LoggerMessage(1507, LogLevel.Warning, "Call {CallId}: sending BYE failed")]
    public static partial void ByeFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(1510, LogLevel.Information, "Call {CallId}: blind transfer to {Target} (REFER)")]
    public static partial void TransferStarted(ILogger logger, string callId, string target);

    [LoggerMessage(1511, LogLevel.Information, "Call {CallId}: transfer {Outcome} ({StatusCode}): {Detail}")]
    public static partial void TransferEnded(ILogger logger, string callId, CallTransferOutcome outcome, int statusCode, string detail);

    [LoggerMessage(1512, LogLevel.Information, "Call {CallId}: outbound call answered by {Remote}")]
    public static partial void OutboundAnswered(ILogger logger, string callId, System.Net.IPEndPoint remote);

    [LoggerMessage(1513, LogLevel.Information, "Call {CallId}: outbound call failed with {StatusCode} {ReasonPhrase} ({Reason})")]
    public static partial void OutboundFailed(ILogger logger, string callId, int statusCode, string reasonPhrase, CallEndReason reason);

    [LoggerMessage(1514, LogLevel.Information, "Call {CallId}: outbound call cancelled ({Reason})")]
    public static partial void OutboundCancelled(ILogger logger, string callId, CallEndReason reason);
}
