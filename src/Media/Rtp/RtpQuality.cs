namespace Softswitch.Media.Rtp;

/// <summary>
/// Quality of one call's media, from RTP receive statistics (RFC 3550 §A.3, §A.8), the jitter buffer and RTCP reports from the
/// peer: what a CDR stores and what metrics export.
/// </summary>
/// <param name="PacketsReceived">Audio packets received from the peer.</param>
/// <param name="PacketsExpected">Packets expected from the sequence numbers seen.</param>
/// <param name="PacketsLost">Frames due at playout that never came or came too late (each one concealed).</param>
/// <param name="LossPercent">Lost as a percentage of frames due.</param>
/// <param name="JitterMs">Interarrival jitter estimate (RFC 3550 §A.8), in milliseconds.</param>
/// <param name="RoundTripMs">Round-trip time from the peer's RTCP reports (RFC 3550 §6.4.1), or null before one arrived.</param>
/// <param name="RemoteLossPercent">The loss the peer reported for our stream (fraction lost of its last report), or null.</param>
/// <param name="RemoteJitterMs">The jitter the peer reported for our stream, or null.</param>
/// <param name="JitterBufferMs">The current jitter buffer delay.</param>
/// <param name="ConcealedFrames">Frames synthesized by packet loss concealment.</param>
/// <param name="FecRecoveredFrames">Frames rebuilt from Opus in-band FEC.</param>
/// <param name="SrtpFailures">SRTP/SRTCP packets dropped for failed authentication or replay.</param>
/// <param name="Mos">Estimated mean opinion score (ITU-T G.107 E-model), 1.0-4.5.</param>
public readonly record struct RtpQuality(
    long PacketsReceived,
    long PacketsExpected,
    long PacketsLost,
    double LossPercent,
    double JitterMs,
    double? RoundTripMs,
    double? RemoteLossPercent,
    double? RemoteJitterMs,
    int JitterBufferMs,
    long ConcealedFrames,
    long FecRecoveredFrames,
    long SrtpFailures,
    double Mos);
