using System.Net;

namespace Softswitch.Media.Rtp;

/// <summary>Settings of one <see cref="RtpSession"/>, usually from the SDP offer/answer.</summary>
public sealed class RtpSessionOptions
{
    /// <summary>Negotiated payload type: <see cref="RtpPayloadTypes.Pcmu"/> (0) or <see cref="RtpPayloadTypes.Pcma"/> (8). Defaults to 0.</summary>
    public int PayloadType { get; init; } = RtpPayloadTypes.Pcmu;

    /// <summary>Where to send, from the peer's SDP c= and m= lines; null until known (nothing is sent before).</summary>
    public IPEndPoint? RemoteEndPoint { get; init; }

    /// <summary>
    /// Symmetric RTP (<see href="https://www.rfc-editor.org/rfc/rfc4961"/>): send to the source of the first valid packet
    /// received, for peers behind NAT, and then accept packets only from that source. Defaults to true.
    /// </summary>
    public bool SymmetricRtp { get; init; } = true;

    /// <summary>Initial direction. Defaults to <see cref="MediaDirection.SendRecv"/>.</summary>
    public MediaDirection Direction { get; init; } = MediaDirection.SendRecv;

    /// <summary>Playout queue capacity in 20 ms frames, allocated at setup. Defaults to 750 (15 s, 480 KB per call).</summary>
    public int PlayoutCapacityFrames { get; init; } = 750;

    /// <summary>Resampler quality, 0–10. Defaults to 3 (speexdsp VoIP quality).</summary>
    public int ResamplerQuality { get; init; } = Resampling.SpeexResampler.QualityVoip;
}
