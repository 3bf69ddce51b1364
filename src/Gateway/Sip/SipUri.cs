using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Softswitch.Sip;

/// <summary>
/// A SIP, SIPS (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-19.1"/>, grammar in
/// <see href="https://www.rfc-editor.org/rfc/rfc3261#section-25.1"/>) or tel (<see href="https://www.rfc-editor.org/rfc/rfc3966"/>) URI.
/// Components are held unescaped; <see cref="ToString"/> escapes them again where the grammar requires.
/// </summary>
public sealed class SipUri
{
    private string? _user;
    private string? _password;
    private string _host = string.Empty;
    private int? _port;
    private SipUriScheme _scheme;
    private int _version;
    private string? _formatted;
    private int _formattedVersion = -1;

    /// <summary>Gets or sets the scheme.</summary>
    public SipUriScheme Scheme { get => _scheme; set { _scheme = value; _version++; } }

    /// <summary>Gets or sets the unescaped user part; for tel URIs, the telephone number.</summary>
    public string? User { get => _user; set { _user = value; _version++; } }

    /// <summary>Gets or sets the unescaped password (deprecated by RFC 3261 but part of the grammar).</summary>
    public string? Password { get => _password; set { _password = value; _version++; } }

    /// <summary>Gets or sets the host: a name, an IPv4 address or an IPv6 reference with brackets; "" for tel URIs.</summary>
    public string Host { get => _host; set { _host = value ?? string.Empty; _version++; } }

    /// <summary>Gets or sets the port, or <see langword="null"/> when absent.</summary>
    public int? Port { get => _port; set { _port = value; _version++; } }

    /// <summary>Gets the URI parameters (<c>;transport=tcp;lr;user=phone</c>), names case-insensitive, values unescaped.</summary>
    public SipParameters Parameters { get; } = new();

    /// <summary>Gets the URI headers (<c>?subject=x&amp;priority=urgent</c>), unescaped.</summary>
    public SipParameters Headers { get; } = new();

    /// <summary>Gets whether the URI is a sips: URI.</summary>
    public bool IsSecure => _scheme == SipUriScheme.Sips;

    /// <summary>Parses a URI.</summary>
    /// <param name="text">The URI text.</param>
    /// <returns>The URI.</returns>
    /// <exception cref="FormatException"><paramref name="text"/> is not a sip, sips or tel URI.</exception>
    public static SipUri Parse(string text) =>
        TryParse(text, out var uri) ? uri : throw new FormatException("Not a valid sip, sips or tel URI.");

    /// <summary>Tries to parse a sip, sips or tel URI.</summary>
    /// <param name="text">The URI text, without surrounding whitespace or angle brackets.</param>
    /// <param name="uri">The parsed URI.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a valid URI.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        return text is not null && TryParse(text.AsSpan(), out uri);
    }

    /// <summary>Tries to parse a sip, sips or tel URI from a span.</summary>
    internal static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        if (!TryGetScheme(text, out var scheme, out var rest))
        {
            return false;
        }

        var result = new SipUri { _scheme = scheme };
        var ok = scheme == SipUriScheme.Tel ? TryParseTel(rest, result) : TryParseSip(rest, result, out _);
        if (ok)
        {
            uri = result;
        }

        return ok;
    }

    /// <summary>
    /// Checks a URI with exactly the rules of <see cref="TryParse(ReadOnlySpan{char}, out SipUri?)"/> without allocating;
    /// <paramref name="hasHeaders"/> tells whether it has URI headers (<c>?name=value</c>).
    /// </summary>
    internal static bool IsValid(ReadOnlySpan<char> text, out bool hasHeaders)
    {
        hasHeaders = false;
        if (!TryGetScheme(text, out var scheme, out var rest))
        {
            return false;
        }

        return scheme == SipUriScheme.Tel ? TryParseTel(rest, null) : TryParseSip(rest, null, out hasHeaders);
    }

    private static bool TryGetScheme(ReadOnlySpan<char> text, out SipUriScheme scheme, out ReadOnlySpan<char> rest)
    {
        scheme = default;
        rest = default;
        var colon = text.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var schemeText = text[..colon];
        if (schemeText.Equals("sip", StringComparison.OrdinalIgnoreCase))
        {
            scheme = SipUriScheme.Sip;
        }
        else if (schemeText.Equals("sips", StringComparison.OrdinalIgnoreCase))
        {
            scheme = SipUriScheme.Sips;
        }
        else if (schemeText.Equals("tel", StringComparison.OrdinalIgnoreCase))
        {
            scheme = SipUriScheme.Tel;
        }
        else
        {
            return false;
        }

        rest = text[(colon + 1)..];
        return !rest.IsEmpty && !rest.ContainsAny(" \t\r\n<>\"") && !rest.ContainsAnyInRange('\0', '\x1f');
    }

    /// <summary>Parses a tel number and its parameters into <paramref name="target"/>, or only checks them when it is null.</summary>
    private static bool TryParseTel(ReadOnlySpan<char> rest, SipUri? target)
    {
        var semi = rest.IndexOf(';');
        var number = semi < 0 ? rest : rest[..semi];
        if (number.IsEmpty || number.ContainsAnyExcept(SipGrammar.TelChars) || rest.IndexOf('?') >= 0)
        {
            return false;
        }

        if (target is not null)
        {
            target._user = number.ToString();
        }

        return semi < 0 || TryParseUriParameters(rest[(semi + 1)..], target?.Parameters);
    }

    /// <summary>Parses a sip/sips URI after the scheme into <paramref name="target"/>, or only checks it when it is null.</summary>
    private static bool TryParseSip(ReadOnlySpan<char> rest, SipUri? target, out bool hasHeaders)
    {
        hasHeaders = false;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            var colon = userInfo.IndexOf(':');
            var user = colon < 0 ? userInfo : userInfo[..colon];
            if (user.IsEmpty || !IsEscapedText(user, SipGrammar.UserChars))
            {
                return false;
            }

            // IsEscapedText guarantees that unescaping succeeds.
            if (target is not null && SipEscaping.TryUnescape(user, out var unescapedUser))
            {
                target._user = unescapedUser;
            }

            if (colon >= 0)
            {
                var password = userInfo[(colon + 1)..];
                if (!IsEscapedText(password, SipGrammar.PasswordChars))
                {
                    return false;
                }

                if (target is not null && SipEscaping.TryUnescape(password, out var unescapedPassword))
                {
                    target._password = unescapedPassword;
                }
            }

            rest = rest[(at + 1)..];
        }

        if (!TryParseHostPort(rest, out ReadOnlySpan<char> host, out var port, out var consumed))
        {
            return false;
        }

        if (target is not null)
        {
            target._host = host.ToString();
            target._port = port;
        }

        rest = rest[consumed..];

        var question = rest.IndexOf('?');
        var parameters = question < 0 ? rest : rest[..question];
        if (!parameters.IsEmpty)
        {
            if (parameters[0] != ';' || !TryParseUriParameters(parameters[1..], target?.Parameters))
            {
                return false;
            }
        }

        hasHeaders = question >= 0;
        return question < 0 || TryParseUriHeaders(rest[(question + 1)..], target?.Headers);
    }

    /// <summary>Parses <c>host [":" port]</c> at the start of <paramref name="text"/>.</summary>
    internal static bool TryParseHostPort(ReadOnlySpan<char> text, out string host, out int? port, out int consumed)
    {
        var ok = TryParseHostPort(text, out ReadOnlySpan<char> hostSpan, out port, out consumed);
        host = ok ? hostSpan.ToString() : string.Empty;
        return ok;
    }

    /// <summary>Parses <c>host [":" port]</c> at the start of <paramref name="text"/> without allocating.</summary>
    internal static bool TryParseHostPort(ReadOnlySpan<char> text, out ReadOnlySpan<char> host, out int? port, out int consumed)
    {
        host = default;
        port = null;
        consumed = 0;
        int hostLength;
        if (!text.IsEmpty && text[0] == '[')
        {
            var close = text.IndexOf(']');
            if (close < 3 || text[1..close].ContainsAnyExcept("0123456789abcdefABCDEF:.") || text[1..close].IndexOf(':') < 0)
            {
                return false;
            }

            hostLength = close + 1;
        }
        else
        {
            hostLength = text.IndexOfAnyExcept(SipGrammar.HostChars);
            if (hostLength < 0)
            {
                hostLength = text.Length;
            }

            if (hostLength == 0 || text[0] is '-' or '.' || text[hostLength - 1] == '-')
            {
                return false;
            }
        }

        host = text[..hostLength];
        consumed = hostLength;
        if (consumed < text.Length && text[consumed] == ':')
        {
            var digits = text[(consumed + 1)..];
            var end = digits.IndexOfAnyExceptInRange('0', '9');
            if (end < 0)
            {
                end = digits.Length;
            }

            if (end == 0 || end > 5 || !int.TryParse(digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 65535)
            {
                return false;
            }

            port = value;
            consumed += 1 + end;
        }

        return true;
    }

    private static bool TryParseUriParameters(ReadOnlySpan<char> text, SipParameters? target)
    {
        foreach (var range in text.Split(';'))
        {
            var item = text[range];
            var equals = item.IndexOf('=');
            var name = equals < 0 ? item : item[..equals];
            if (name.IsEmpty || !IsEscapedText(name, SipGrammar.ParamChars))
            {
                return false;
            }

            var raw = equals < 0 ? default : item[(equals + 1)..];
            if (equals >= 0 && (raw.IsEmpty || !IsEscapedText(raw, SipGrammar.ParamChars)))
            {
                return false;
            }

            // IsEscapedText guarantees that unescaping succeeds.
            if (target is not null && SipEscaping.TryUnescape(name, out var key))
            {
                string? value = null;
                if (equals >= 0 && SipEscaping.TryUnescape(raw, out var unescaped))
                {
                    value = unescaped;
                }

                target.Append(key, value);
            }
        }

        return true;
    }

    private static bool TryParseUriHeaders(ReadOnlySpan<char> text, SipParameters? target)
    {
        foreach (var range in text.Split('&'))
        {
            var item = text[range];
            var equals = item.IndexOf('=');
            if (equals <= 0)
            {
                return false;
            }

            var name = item[..equals];
            var raw = item[(equals + 1)..];
            if (!IsEscapedText(name, SipGrammar.HeaderChars) || !IsEscapedText(raw, SipGrammar.HeaderChars))
            {
                return false;
            }

            // IsEscapedText guarantees that unescaping succeeds.
            if (target is not null && SipEscaping.TryUnescape(name, out var key) && SipEscaping.TryUnescape(raw, out var value))
            {
                target.Append(key, value);
            }
        }

        return true;
    }

    /// <summary>True when every character is allowed or part of a %HH escape.</summary>
    private static bool IsEscapedText(ReadOnlySpan<char> text, System.Buffers.SearchValues<char> allowed)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    return false;
                }

                i += 2;
            }
            else if (!allowed.Contains(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Formats the URI, escaping user, password, parameters and headers where needed.</summary>
    /// <returns>The URI text.</returns>
    public override string ToString()
    {
        var version = _version + Parameters.Version + Headers.Version;
        if (_formatted is not null && _formattedVersion == version)
        {
            return _formatted;
        }

        var builder = new StringBuilder(64);
        builder.Append(_scheme switch { SipUriScheme.Sips => "sips:", SipUriScheme.Tel => "tel:", _ => "sip:" });
        if (_scheme == SipUriScheme.Tel)
        {
            builder.Append(_user);
        }
        else
        {
            if (!string.IsNullOrEmpty(_user))
            {
                SipEscaping.Append(builder, _user, SipGrammar.UserChars);
                if (_password is not null)
                {
                    builder.Append(':');
                    SipEscaping.Append(builder, _password, SipGrammar.PasswordChars);
                }

                builder.Append('@');
            }

            builder.Append(_host);
            if (_port is { } port)
            {
                builder.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
            }
        }

        foreach (var (key, value) in Parameters)
        {
            builder.Append(';');
            SipEscaping.Append(builder, key, SipGrammar.ParamChars);
            if (value is not null)
            {
                builder.Append('=');
                SipEscaping.Append(builder, value, SipGrammar.ParamChars);
            }
        }

        var separator = '?';
        foreach (var (key, value) in Headers)
        {
            builder.Append(separator);
            SipEscaping.Append(builder, key, SipGrammar.HeaderChars);
            builder.Append('=');
            SipEscaping.Append(builder, value ?? string.Empty, SipGrammar.HeaderChars);
            separator = '&';
        }

        _formatted = builder.ToString();
        _formattedVersion = version;
        return _formatted;
    }

    /// <summary>Returns a deep copy.</summary>
    /// <returns>The copy.</returns>
    public SipUri Clone()
    {
        var copy = new SipUri { _scheme = _scheme, _user = _user, _password = _password, _host = _host, _port = _port };
        Parameters.CopyTo(copy.Parameters);
        Headers.CopyTo(copy.Headers);
        return copy;
    }
}
