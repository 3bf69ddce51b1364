using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Softswitch.Sip.Sdp;

/// <summary>
/// A session description (<see href="https://www.rfc-editor.org/rfc/rfc4566#section-5"/>): session-level lines and the
/// media descriptions. Parses CRLF or LF line ends; <see cref="ToString"/> writes CRLF lines in the order of RFC 4566 §5.
/// </summary>
public sealed class SdpSession
{
    /// <summary>Gets or sets the protocol version (<c>v=0</c>).</summary>
    public int Version { get; set; }

    /// <summary>Gets or sets the origin (<c>o=</c>).</summary>
    public SdpOrigin Origin { get; set; } = new("-", "0", 0, "IN", "IP4", "0.0.0.0");

    /// <summary>Gets or sets the session name (<c>s=</c>); "-" when none.</summary>
    public string SessionName { get; set; } = "-";

    /// <summary>Gets or sets the session information (<c>i=</c>).</summary>
    public string? Information { get; set; }

    /// <summary>Gets the u=, e= and p= lines as (type, value), in order.</summary>
    public List<KeyValuePair<char, string>> Descriptions { get; } = [];

    /// <summary>Gets or sets the session-level connection (<c>c=</c>).</summary>
    public SdpConnection? Connection { get; set; }

    /// <summary>Gets the session-level bandwidth lines (<c>b=</c> values).</summary>
    public List<string> Bandwidths { get; } = [];

    /// <summary>Gets or sets the timing (<c>t=</c> value), "0 0" for an unbounded session.</summary>
    public string Timing { get; set; } = "0 0";

    /// <summary>Gets the r=, z= and k= lines as (type, value), in order.</summary>
    public List<KeyValuePair<char, string>> TimeDetails { get; } = [];

    /// <summary>Gets or sets the session-level direction attribute, or <see langword="null"/> when absent.</summary>
    public SdpDirection? Direction { get; set; }

    /// <summary>Gets the other session-level attributes in order.</summary>
    public List<SdpAttribute> Attributes { get; } = [];

    /// <summary>Gets the media descriptions in order.</summary>
    public List<SdpMedia> Media { get; } = [];

    /// <summary>Tries to parse a session description from UTF-8 bytes (a message body).</summary>
    /// <param name="utf8">The bytes.</param>
    /// <param name="session">The session.</param>
    /// <param name="error">Why parsing failed.</param>
    /// <returns><see langword="true"/> on success.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out SdpSession? session, out string? error) =>
        TryParse(Encoding.UTF8.GetString(utf8), out session, out error);

    /// <summary>Tries to parse a session description.</summary>
    /// <param name="text">The text.</param>
    /// <param name="session">The session.</param>
    /// <param name="error">Why parsing failed.</param>
    /// <returns><see langword="true"/> on success.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SdpSession? session, out string? error)
    {
        session = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "empty session description";
            return false;
        }

        var result = new SdpSession();
        SdpMedia? media = null;
        var expected = 'v';
        var lineNumber = 0;
        foreach (var range in text.AsSpan().Split('\n'))
        {
            var line = text.AsSpan()[range].TrimEnd('\r');
            lineNumber++;
            if (line.IsEmpty)
            {
                continue;
            }

            if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0]))
            {
                error = "malformed line " + lineNumber.ToString(CultureInfo.InvariantCulture);
                return false;
            }

            var type = line[0];
            var value = line[2..].ToString();
            if (expected != '\0' && type != expected)
            {
                error = "expected " + expected + "= line";
                return false;
            }

            switch (type)
            {
                case 'v':
                    if (value != "0")
                    {
                        error = "unsupported SDP version";
                        return false;
                    }

                    expected = 'o';
                    continue;
                case 'o':
                    if (!SdpOrigin.TryParse(value, out var origin))
                    {
                        error = "bad o= line";
                        return false;
                    }

                    result.Origin = origin;
                    expected = 's';
                    continue;
                case 's':
                    result.SessionName = value;
                    expected = '\0';
                    continue;
            }

            if (type == 'm')
            {
                if (!TryParseMediaLine(value, out media))
                {
                    error = "bad m= line";
                    return false;
                }

                media.Direction = result.Direction ?? SdpDirection.SendRecv;
                result.Media.Add(media);
                continue;
            }

            if (!(media is null ? result.TryApplySessionLine(type, value, out error) : TryApplyMediaLine(media, type, value, out error)))
            {
                return false;
            }
        }

        if (expected != '\0')
        {
            error = "missing v=, o= or s= line";
            return false;
        }

        error = null;
        session = result;
        return true;
    }

    /// <summary>Returns the connection that applies to <paramref name="media"/> (its own, else the session's).</summary>
    /// <param name="media">A media description of this session.</param>
    /// <returns>The connection, or <see langword="null"/>.</returns>
    public SdpConnection? ConnectionFor(SdpMedia media) => media?.Connection ?? Connection;

    /// <summary>Formats the session description with CRLF line ends.</summary>
    /// <returns>The SDP text.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder(256);
        AppendLine(builder, 'v', Version.ToString(CultureInfo.InvariantCulture));
        AppendLine(builder, 'o', Origin.ToString());
        AppendLine(builder, 's', SessionName.Length == 0 ? "-" : SessionName);
        AppendLine(builder, 'i', Information);
        foreach (var (type, value) in Descriptions)
        {
            AppendLine(builder, type, value);
        }

        AppendLine(builder, 'c', Connection?.ToString());
        foreach (var bandwidth in Bandwidths)
        {
            AppendLine(builder, 'b', bandwidth);
        }

        AppendLine(builder, 't', Timing);
        foreach (var (type, value) in TimeDetails)
        {
            AppendLine(builder, type, value);
        }

        foreach (var attribute in Attributes)
        {
            AppendLine(builder, 'a', attribute.ToString());
        }

        if (Direction is { } direction)
        {
            AppendLine(builder, 'a', DirectionName(direction));
        }

        foreach (var media in Media)
        {
            media.AppendTo(builder);
        }

        return builder.ToString();
    }

    /// <summary>Returns the UTF-8 bytes of <see cref="ToString"/>, for a message body.</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToString());

    internal static void AppendLine(StringBuilder builder, char type, string? value)
    {
        if (value is not null)
        {
            builder.Append(type).Append('=').Append(value).Append("\r\n");
        }
    }

    internal static string DirectionName(SdpDirection direction) => direction switch
    {
        SdpDirection.SendOnly => "sendonly",
        SdpDirection.RecvOnly => "recvonly",
        SdpDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    private static SdpDirection? ParseDirection(string name) => name switch
    {
        "sendrecv" => SdpDirection.SendRecv,
        "sendonly" => SdpDirection.SendOnly,
        "recvonly" => SdpDirection.RecvOnly,
        "inactive" => SdpDirection.Inactive,
        _ => null,
    };

    private bool TryApplySessionLine(char type, string value, out string? error)
    {
        error = null;
        switch (type)
        {
            case 'i':
                Information = value;
                break;
            case 'u' or 'e' or 'p':
                Descriptions.Add(new KeyValuePair<char, string>(type, value));
                break;
            case 'c':
                if (!SdpConnection.TryParse(value, out var connection))
                {
                    error = "bad c= line";
                    return false;
                }

                Connection = connection;
                break;
            case 'b':
                Bandwidths.Add(value);
                break;
            case 't':
                Timing = value;
                break;
            case 'r' or 'z' or 'k':
                TimeDetails.Add(new KeyValuePair<char, string>(type, value));
                break;
            case 'a':
                if (ParseDirection(value) is { } direction)
                {
                    Direction = direction;
                }
                else
                {
                    Attributes.Add(SdpAttribute.Parse(value));
                }

                break;
            default:
                error = "unexpected " + type + "= line";
                return false;
        }

        return true;
    }

    private static bool TryApplyMediaLine(SdpMedia media, char type, string value, out string? error)
    {
        error = null;
        switch (type)
        {
            case 'i':
                media.Information = value;
                break;
            case 'c':
                if (!SdpConnection.TryParse(value, out var connection))
                {
                    error = "bad c= line";
                    return false;
                }

                media.Connection = connection;
                break;
            case 'b':
                media.Bandwidths.Add(value);
                break;
            case 'k':
                // Encryption keys are obsolete (RFC 8866 §5.12) and never used here; the line is dropped.
                break;
            case 'a':
                if (ParseDirection(value) is { } direction)
                {
                    media.Direction = direction;
                }
                else if (value.StartsWith("ptime:", StringComparison.Ordinal)
                    && int.TryParse(value.AsSpan(6).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var ptime))
                {
                    media.Ptime = ptime;
                }
                else
                {
                    media.Attributes.Add(SdpAttribute.Parse(value));
                }

                break;
            default:
                error = "unexpected " + type + "= line in media description";
                return false;
        }

        return true;
    }

    private static bool TryParseMediaLine(string value, [NotNullWhen(true)] out SdpMedia? media)
    {
        media = null;
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 4)
        {
            return false;
        }

        var portText = parts[1].AsSpan();
        int? portCount = null;
        var slash = portText.IndexOf('/');
        if (slash >= 0)
        {
            if (!int.TryParse(portText[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                return false;
            }

            portCount = count;
            portText = portText[..slash];
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        media = new SdpMedia(parts[0], port, parts[2]) { PortCount = portCount };
        var numeric = true;
        for (var i = 3; i < parts.Length && numeric; i++)
        {
            if (int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var pt) && pt <= 127)
            {
                media.Formats.Add(pt);
            }
            else
            {
                numeric = false;
            }
        }

        if (!numeric)
        {
            media.Formats.Clear();
            media.FormatText = string.Join(' ', parts, 3, parts.Length - 3);
        }

        return true;
    }
}
