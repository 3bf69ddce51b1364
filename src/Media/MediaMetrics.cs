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

    /// <summary>SRTP/SRTCP packets dropped for failed authentication or replay.</summary>
    public static Counter<long> SrtpFailures { get; } = s_meter.CreateCounter<long>("softswitch.media.srtp.failures", "{packet}", "SRTP packets dropped for failed authentication or replay");

    /// <summary>Frames synthesized by packet loss concealment.</summary>
    public static Counter<long> ConcealedFrames { get; } = s_meter.CreateCounter<long>("softswitch.media.plc.frames", "{frame}", "Frames concealed by PLC");

    /// <summary>Frames rebuilt from Opus in-band FEC.</summary>
    public static Counter<long> FecFrames { get; } = s_meter.CreateCounter<long>("softswitch.media.fec.frames", "{frame}", "Frames recovered from in-band FEC");

    /// <summary>DTMF digits received (RFC 4733 and in-band).</summary>
    public static Counter<long> DtmfDigits { get; } = s_meter.CreateCounter<long>("softswitch.media.dtmf.digits", "{digit}", "DTMF digits received");

    /// <summary>RTCP compound packets sent.</summary>
    public static Counter<long> RtcpPackets { get; } = s_meter.CreateCounter<long>("softswitch.media.rtcp.packets_out", "{packet}", "RTCP packets sent");

    /// <summary>Estimated MOS per finished call.</summary>
    public static Histogram<double> Mos { get; } = s_meter.CreateHistogram<double>("softswitch.media.call.mos", "{score}", "Estimated MOS (E-model) per call");

    /// <summary>Loss percentage per finished call.</summary>
    public static Histogram<double> LossPercent { get; } = s_meter.CreateHistogram<double>("softswitch.media.call.loss", "%", "Packet loss per call");

    /// <summary>Interarrival jitter per finished call.</summary>
    public static Histogram<double> JitterMs { get; } = s_meter.CreateHistogram<double>("softswitch.media.call.jitter", "ms", "Interarrival jitter per call");

    /// <summary>Engine latency: time for one engine request (tag <c>engine</c>: espeak-ng, …; tag <c>stage</c>: tts, stt, llm).</summary>
    public static Histogram<double> EngineDuration { get; } = s_meter.CreateHistogram<double>("softswitch.engine.duration", "s", "Time an engine took for one request, by engine and stage");

    /// <summary>Records a finished call's quality, when it received any audio.</summary>
    /// <param name="quality">The call's quality.</param>
    /// <param name="packetsReceived">Packets received; nothing is recorded when zero.</param>
    public static void RecordQuality(Rtp.RtpQuality quality, long packetsReceived)
    {
        if (packetsReceived == 0)
        {
            return;
        }

        Mos.Record(quality.Mos);
        LossPercent.Record(quality.LossPercent);
        JitterMs.Record(quality.JitterMs);
    }
}
