using System.ComponentModel.DataAnnotations;

namespace Softswitch.Gateway;

/// <summary>RTP settings, bound from the <c>Media</c> configuration section.</summary>
public sealed class MediaOptions
{
    /// <summary>Address RTP sockets bind to. Defaults to the SIP bind address when <c>null</c>.</summary>
    public string? RtpBindAddress { get; set; }

    /// <summary>Lowest RTP port (even). Defaults to 10000.</summary>
    [Range(1024, 65534)]
    public int RtpPortMin { get; set; } = 10000;

    /// <summary>Highest RTP port. Defaults to 20000. When every port in the range is taken, new calls get 503.</summary>
    [Range(1025, 65535)]
    public int RtpPortMax { get; set; } = 20000;

    /// <summary>Send RTP to where the caller's packets come from (symmetric RTP, RFC 4961), for callers behind NAT. Defaults to true.</summary>
    public bool SymmetricRtp { get; set; } = true;

    /// <summary>Packetization time offered and used, in milliseconds. Defaults to 20 (RFC 3551 §4.5).</summary>
    [Range(10, 60)]
    public int PtimeMs { get; set; } = 20;

    /// <summary>
    /// Codecs in preference order, by rtpmap name: PCMU, PCMA, G722, opus, G729. An answer picks the offered codec that comes
    /// first here. Defaults to PCMU, PCMA, G722, opus (G.711 first: cheapest to carry; put G722 or opus first for wideband).
    /// </summary>
    public string[] Codecs { get; set; } = ["PCMU", "PCMA", "G722", "opus"];

    /// <summary>Whether G.729 (bcg729, annexb=no) may be negotiated; off by default. When on, G729 is used where listed in <see cref="Codecs"/>, else last.</summary>
    public bool G729 { get; set; }

    /// <summary>Opus target bitrate in bit/s. Defaults to 24000.</summary>
    [Range(6000, 510000)]
    public int OpusBitrate { get; set; } = 24000;

    /// <summary>Opus encoder complexity, 0-10 (CPU against quality). Defaults to 5.</summary>
    [Range(0, 10)]
    public int OpusComplexity { get; set; } = 5;

    /// <summary>Opus discontinuous transmission (RFC 7587 usedtx). Defaults to false.</summary>
    public bool OpusDtx { get; set; }

    /// <summary>Opus in-band forward error correction (RFC 7587 useinbandfec). Defaults to true.</summary>
    public bool OpusFec { get; set; } = true;

    /// <summary>Understand comfort noise (RFC 3389, CN/8000) beside 8 kHz codecs. Defaults to true.</summary>
    public bool ComfortNoise { get; set; } = true;

    /// <summary>Detect DTMF tones in the audio when the peer negotiated no telephone-event. Defaults to true.</summary>
    public bool InbandDtmf { get; set; } = true;

    /// <summary>SRTP with SDES keys (RFC 4568): <c>Off</c>, <c>Optional</c> (answer RTP/SAVP offers with SRTP) or <c>Mandatory</c>. Defaults to Optional.</summary>
    public string Srtp { get; set; } = "Optional";

    /// <summary>SRTP crypto suites in preference order. Defaults to AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32.</summary>
    public string[] SrtpSuites { get; set; } = ["AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32"];

    /// <summary>Offer and accept RTP and RTCP on one port (RFC 5761). Defaults to true.</summary>
    public bool RtcpMux { get; set; } = true;

    /// <summary>Mean interval between RTCP reports in seconds; 0 sends none. Defaults to 5 (RFC 3550 §6.2).</summary>
    [Range(0, 60)]
    public int RtcpIntervalSeconds { get; set; } = 5;

    /// <summary>
    /// Hang up a call when no RTP arrived for this many seconds while the peer should be sending; 0 never does. Defaults to 60.
    /// </summary>
    [Range(0, 3600)]
    public int RtpTimeoutSeconds { get; set; } = 60;

    /// <summary>Checks the codec and SRTP names; returns the first problem, naming the setting, or null.</summary>
    /// <returns>An error message, or null when valid.</returns>
    public string? Validate()
    {
        if (Codecs.Length == 0)
        {
            return "Media:Codecs must list at least one codec.";
        }

        foreach (var name in Codecs)
        {
            if (Softswitch.Media.Codecs.AudioCodecs.FindByName(name) is null)
            {
                return $"Media:Codecs: unknown codec '{name}' (known: PCMU, PCMA, G722, opus, G729).";
            }
        }

        if (!Enum.TryParse<Softswitch.Sip.Sdp.SdpSrtpMode>(Srtp, ignoreCase: true, out _))
        {
            return $"Media:Srtp: '{Srtp}' is not Off, Optional or Mandatory.";
        }

        foreach (var suite in SrtpSuites)
        {
            if (!Softswitch.Media.Srtp.SrtpSuiteDescriptor.TryFromName(suite, out _))
            {
                return $"Media:SrtpSuites: unknown suite '{suite}' (known: AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32).";
            }
        }

        return null;
    }
}
