using System.Diagnostics.Metrics;

namespace Softswitch.Media;

/// <summary>The process-wide <c>Softswitch.Media</c> meter and its per-packet counters (STYLE.md §7).</summary>
internal static class MediaMetrics
{
    /// <summary>The meter name that exporters subscribe to.</summary>
    public const string MeterName = "Softswitch.Media";

    private static readonly Meter s_meter = new(MeterName);

    /// <summary>RTP packets received (valid or not).</summary>
    public static Counter<long> PacketsIn { get; } = s_meter.CreateCounter<long>("softswitch.media.rtp.packets_in", "{packet}", "RTP packets received");

    /// <summary>RTP packets sent.</summary>
    public static Counter<long> PacketsOut { get; } = s_meter.CreateCounter<long>("softswitch.media.rtp.packets_out", "{packet}", "RTP packets sent");

    /// <summary>RTP packets dropped on receive (malformed, unexpected payload type or source) or failed on send.</summary>
    public static Counter<long> PacketsDropped { get; } = s_meter.CreateCounter<long>("softswitch.media.rtp.packets_dropped", "{packet}", "RTP packets dropped");

    /// <summary>Outbound ticks on which the playout queue was empty while a talkspurt was in progress.</summary>
    public static Counter<long> PlayoutUnderruns { get; } = s_meter.CreateCounter<long>("softswitch.media.playout.underruns", "{frame}", "Playout underruns");
}
