using System.Net;
using Microsoft.Extensions.Logging;

namespace Softswitch.Media;

/// <summary>Media log messages (event ids 2000–2999, see STYLE.md §7).</summary>
internal static partial class Log
{
    [LoggerMessage(2000, LogLevel.Debug, "RTP session started on {LocalEndPoint}, payload type {PayloadType}, SSRC {Ssrc}")]
    public static partial void SessionStarted(ILogger logger, IPEndPoint localEndPoint, int payloadType, uint ssrc);

    [LoggerMessage(2001, LogLevel.Debug, "RTP session on {LocalEndPoint} stopped: {PacketsReceived} packets received, {PacketsSent} sent, {Malformed} malformed")]
    public static partial void SessionStopped(ILogger logger, IPEndPoint localEndPoint, long packetsReceived, long packetsSent, long malformed);

    [LoggerMessage(2002, LogLevel.Information, "Symmetric RTP: latched SSRC {Ssrc} to {Source} (signalled {Signalled})")]
    public static partial void Latched(ILogger logger, uint ssrc, EndPoint source, EndPoint? signalled);

    [LoggerMessage(2003, LogLevel.Error, "RTP receive loop on {LocalEndPoint} failed")]
    public static partial void ReceiveLoopFailed(ILogger logger, Exception exception, IPEndPoint localEndPoint);

    [LoggerMessage(2004, LogLevel.Error, "Audio sink threw while handling inbound audio on {LocalEndPoint}")]
    public static partial void SinkFailed(ILogger logger, Exception exception, IPEndPoint localEndPoint);

    [LoggerMessage(2005, LogLevel.Warning, "RTP send from {LocalEndPoint} failed: {Error}")]
    public static partial void SendFailed(ILogger logger, IPEndPoint localEndPoint, string error);

    [LoggerMessage(2006, LogLevel.Error, "A playout-drained handler threw on {LocalEndPoint}")]
    public static partial void DrainedHandlerFailed(ILogger logger, Exception exception, IPEndPoint localEndPoint);

    [LoggerMessage(2007, LogLevel.Information, "DTMF '{Digit}' ({DurationMs} ms, {Source}) received on {LocalEndPoint}")]
    public static partial void DtmfReceived(ILogger logger, System.Net.IPEndPoint localEndPoint, char digit, int durationMs, Dtmf.DtmfSource source);

    [LoggerMessage(2100, LogLevel.Information, "Media clock started ({PeriodMs} ms period)")]
    public static partial void ClockStarted(ILogger logger, int periodMs);

    [LoggerMessage(2101, LogLevel.Warning, "Media clock fell {LateTicks} ticks behind; skipping ahead")]
    public static partial void ClockSkipped(ILogger logger, long lateTicks);

    [LoggerMessage(2102, LogLevel.Error, "Media clock listener {Listener} threw on tick {Tick}")]
    public static partial void ListenerFailed(ILogger logger, Exception exception, string listener, long tick);

    [LoggerMessage(2103, LogLevel.Information, "Media clock stopped after {Ticks} ticks")]
    public static partial void ClockStopped(ILogger logger, long ticks);
}
