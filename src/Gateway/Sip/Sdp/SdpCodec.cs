namespace Softswitch.Sip.Sdp;

/// <summary>
/// One audio codec as SDP sees it (<see href="https://www.rfc-editor.org/rfc/rfc4566#section-6"/>): rtpmap name, clock rate and
/// channels, the payload type we use when we offer it, and the fmtp we send with it. The media engine maps its codecs to these.
/// </summary>
/// <param name="EncodingName">The rtpmap encoding name (PCMU, PCMA, G722, opus, G729).</param>
/// <param name="ClockRate">The RTP clock rate.</param>
/// <param name="PayloadType">The static payload type, or the dynamic one used in our offers.</param>
/// <param name="Channels">The rtpmap channel count, or null for one (omitted).</param>
/// <param name="Fmtp">The format parameters we send, or null.</param>
public sealed record SdpCodec(string EncodingName, int ClockRate, int PayloadType, int? Channels = null, string? Fmtp = null)
{
    /// <summary>G.711 µ-law, payload type 0.</summary>
    public static SdpCodec Pcmu { get; } = new("PCMU", 8000, 0);

    /// <summary>G.711 A-law, payload type 8.</summary>
    public static SdpCodec Pcma { get; } = new("PCMA", 8000, 8);

    /// <summary>Whether an offered rtpmap is this codec (names compare case-insensitively).</summary>
    /// <param name="map">The rtpmap.</param>
    /// <returns>True when name and clock rate match.</returns>
    public bool Matches(SdpRtpMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.ClockRate == ClockRate && string.Equals(map.EncodingName, EncodingName, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The rtpmap for this codec under <paramref name="payloadType"/>.</summary>
    /// <param name="payloadType">The payload type.</param>
    /// <returns>The rtpmap.</returns>
    public SdpRtpMap RtpMap(int payloadType) => new(payloadType, EncodingName, ClockRate, Channels);
}
