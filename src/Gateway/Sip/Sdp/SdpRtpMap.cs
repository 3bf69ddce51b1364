using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Softswitch.Sip.Sdp;

/// <summary>An <c>a=rtpmap:&lt;pt&gt; &lt;encoding&gt;/&lt;clock&gt;[/&lt;channels&gt;]</c> value (<see href="https://www.rfc-editor.org/rfc/rfc4566#section-6"/>).</summary>
/// <param name="PayloadType">The RTP payload type.</param>
/// <param name="EncodingName">The encoding name, e.g. "PCMU" or "telephone-event".</param>
/// <param name="ClockRate">The clock rate in Hz.</param>
/// <param name="Channels">The channel count, or <see langword="null"/>.</param>
public sealed record SdpRtpMap(int PayloadType, string EncodingName, int ClockRate, int? Channels = null)
{
    /// <summary>The static payload types of RFC 3551 §6 that this gateway knows by number.</summary>
    /// <param name="payloadType">The payload type.</param>
    /// <returns>The implied rtpmap, or <see langword="null"/>.</returns>
    public static SdpRtpMap? ForStaticPayloadType(int payloadType) => payloadType switch
    {
        0 => new SdpRtpMap(0, "PCMU", 8000),
        3 => new SdpRtpMap(3, "GSM", 8000),
        4 => new SdpRtpMap(4, "G723", 8000),
        8 => new SdpRtpMap(8, "PCMA", 8000),
        9 => new SdpRtpMap(9, "G722", 8000),
        13 => new SdpRtpMap(13, "CN", 8000),
        18 => new SdpRtpMap(18, "G729", 8000),
        _ => null,
    };

    /// <summary>Formats the attribute value "pt name/clock[/channels]".</summary>
    /// <returns>The value.</returns>
    public override string ToString() =>
        PayloadType.ToString(CultureInfo.InvariantCulture) + " " + EncodingName + "/" + ClockRate.ToString(CultureInfo.InvariantCulture)
        + (Channels is { } channels ? "/" + channels.ToString(CultureInfo.InvariantCulture) : string.Empty);

    internal static bool TryParse(string value, [NotNullWhen(true)] out SdpRtpMap? map)
    {
        map = null;
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !int.TryParse(value.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var pt))
        {
            return false;
        }

        var parts = value[(space + 1)..].Trim().Split('/');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var clock))
        {
            return false;
        }

        int? channels = null;
        if (parts.Length == 3)
        {
            if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                return false;
            }

            channels = count;
        }

        map = new SdpRtpMap(pt, parts[0], clock, channels);
        return true;
    }
}
