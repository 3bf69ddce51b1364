using System.Globalization;
using System.Text;

namespace Softswitch.Sip.Sdp;

/// <summary>
/// A media description: the <c>m=</c> line and the lines that follow it (<see href="https://www.rfc-editor.org/rfc/rfc4566#section-5.14"/>).
/// Direction and ptime are typed; every other attribute (rtpmap, fmtp, rtcp…) stays in <see cref="Attributes"/> in order.
/// </summary>
public sealed class SdpMedia
{
    /// <summary>Creates a media description.</summary>
    /// <param name="media">The media type, e.g. "audio".</param>
    /// <param name="port">The transport port; 0 rejects or disables the stream.</param>
    /// <param name="protocol">The transport protocol, e.g. "RTP/AVP".</param>
    public SdpMedia(string media, int port, string protocol)
    {
        Media = media;
        Port = port;
        Protocol = protocol;
    }

    /// <summary>Gets or sets the media type ("audio", "video", "application"…).</summary>
    public string Media { get; set; }

    /// <summary>Gets or sets the port; 0 marks a rejected or disabled stream (<see href="https://www.rfc-editor.org/rfc/rfc3264#section-6"/>).</summary>
    public int Port { get; set; }

    /// <summary>Gets or sets the number of ports (<c>m=audio 49170/2</c>), or <see langword="null"/>.</summary>
    public int? PortCount { get; set; }

    /// <summary>Gets or sets the transport protocol ("RTP/AVP", "RTP/SAVP"…).</summary>
    public string Protocol { get; set; }

    /// <summary>Gets the RTP payload types in preference order.</summary>
    public List<int> Formats { get; } = [];

    /// <summary>Gets or sets the format list as text when the formats are not payload type numbers (non-RTP media).</summary>
    public string? FormatText { get; set; }

    /// <summary>Gets or sets the media title (<c>i=</c>).</summary>
    public string? Information { get; set; }

    /// <summary>Gets or sets the media-level connection, or <see langword="null"/> to use the session's.</summary>
    public SdpConnection? Connection { get; set; }

    /// <summary>Gets the bandwidth lines (<c>b=</c> values).</summary>
    public List<string> Bandwidths { get; } = [];

    /// <summary>Gets or sets the direction; when the media has no direction attribute, the session's (or sendrecv).</summary>
    public SdpDirection Direction { get; set; }

    /// <summary>Gets or sets <c>a=ptime</c> in milliseconds, or <see langword="null"/>.</summary>
    public int? Ptime { get; set; }

    /// <summary>Gets the other attributes in order (direction and ptime excluded).</summary>
    public List<SdpAttribute> Attributes { get; } = [];

    /// <summary>Returns the rtpmap for <paramref name="payloadType"/>, or the implied one for a static type (RFC 3551).</summary>
    /// <param name="payloadType">The payload type.</param>
    /// <returns>The mapping, or <see langword="null"/>.</returns>
    public SdpRtpMap? GetRtpMap(int payloadType)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.Name == "rtpmap" && attribute.Value is { } value && SdpRtpMap.TryParse(value, out var map) && map.PayloadType == payloadType)
            {
                return map;
            }
        }

        return SdpRtpMap.ForStaticPayloadType(payloadType);
    }

    /// <summary>Returns the fmtp parameters for <paramref name="payloadType"/>, or <see langword="null"/>.</summary>
    /// <param name="payloadType">The payload type.</param>
    /// <returns>The format parameters.</returns>
    public string? GetFmtp(int payloadType)
    {
        var prefix = payloadType.ToString(CultureInfo.InvariantCulture) + " ";
        foreach (var attribute in Attributes)
        {
            if (attribute.Name == "fmtp" && attribute.Value is { } value && value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return value[prefix.Length..].Trim();
            }
        }

        return null;
    }

    /// <summary>Returns the first payload type whose encoding name (and clock rate) match, or <see langword="null"/>.</summary>
    /// <param name="encodingName">The encoding name, case-insensitive.</param>
    /// <param name="clockRate">The clock rate.</param>
    /// <returns>The payload type.</returns>
    public int? FindPayloadType(string encodingName, int clockRate)
    {
        foreach (var pt in Formats)
        {
            if (GetRtpMap(pt) is { } map && map.ClockRate == clockRate && string.Equals(map.EncodingName, encodingName, StringComparison.OrdinalIgnoreCase))
            {
                return pt;
            }
        }

        return null;
    }

    /// <summary>Returns the value of the first attribute named <paramref name="name"/>, or <see langword="null"/>.</summary>
    /// <param name="name">The attribute name.</param>
    /// <returns>The attribute, or <see langword="null"/>.</returns>
    public SdpAttribute? GetAttribute(string name)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.Name == name)
            {
                return attribute;
            }
        }

        return null;
    }

    internal void AppendTo(StringBuilder builder)
    {
        builder.Append("m=").Append(Media).Append(' ').Append(Port.ToString(CultureInfo.InvariantCulture));
        if (PortCount is { } count)
        {
            builder.Append('/').Append(count.ToString(CultureInfo.InvariantCulture));
        }

        builder.Append(' ').Append(Protocol);
        if (FormatText is not null)
        {
            builder.Append(' ').Append(FormatText);
        }
        else
        {
            foreach (var format in Formats)
            {
                builder.Append(' ').Append(format.ToString(CultureInfo.InvariantCulture));
            }
        }

        builder.Append("\r\n");
        SdpSession.AppendLine(builder, 'i', Information);
        SdpSession.AppendLine(builder, 'c', Connection?.ToString());
        foreach (var bandwidth in Bandwidths)
        {
            SdpSession.AppendLine(builder, 'b', bandwidth);
        }

        foreach (var attribute in Attributes)
        {
            SdpSession.AppendLine(builder, 'a', attribute.ToString());
        }

        if (Ptime is { } ptime)
        {
            SdpSession.AppendLine(builder, 'a', "ptime:" + ptime.ToString(CultureInfo.InvariantCulture));
        }

        SdpSession.AppendLine(builder, 'a', SdpSession.DirectionName(Direction));
    }
}
