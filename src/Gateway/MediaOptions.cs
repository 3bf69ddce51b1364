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
}
