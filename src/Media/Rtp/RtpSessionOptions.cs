using System.Net;

namespace Softswitch.Media.Rtp;

/// <summary>Settings of an <see cref="RtpSession"/> fixed at creation; negotiated ones come later with <see cref="RtpSession.Configure"/>.</summary>
public sealed class RtpSessionOptions
{
    /// <summary>The initial payload type, 0 (PCMU) or 8 (PCMA); <see cref="RtpSession.Configure"/> sets any codec.</summary>
    public int PayloadType { get; init; } = RtpPayloadTypes.Pcmu;

    /// <summary>The initial remote end point (from SDP), or null until known.</summary>
    public IPEndPoint? RemoteEndPoint { get; init; }

    /// <summary>Whether to latch onto the source of the first valid packet (symmetric RTP, RFC 4961) for callers behind NAT.</summary>
    public bool SymmetricRtp { get; init; } = true;

    /// <summary>The initial direction.</summary>
    public MediaDirection Direction { get; init; } = MediaDirection.SendRecv;

    /// <summary>Capacity of the playout queue in 20 ms frames (750 = 15 s).</summary>
    public int PlayoutCapacityFrames { get; init; } = 750;

    /// <summary>speexdsp resampler quality (0-10).</summary>
    public int ResamplerQuality { get; init; } = Resampling.SpeexResampler.QualityVoip;

    /// <summary>Whether to detect DTMF tones in the audio when no telephone-event was negotiated.</summary>
    public bool InbandDtmf { get; init; } = true;

    /// <summary>Mean interval between RTCP reports (RFC 3550 §6.2: 5 s minimum, randomized ±50 %); zero turns RTCP sending off.</summary>
    public TimeSpan RtcpInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The RTCP SDES CNAME (RFC 3550 §6.5.1); defaults to <c>softswitch@</c> and the local address.</summary>
    public string? CName { get; init; }
}
