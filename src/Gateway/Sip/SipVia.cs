using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Softswitch.Sip;

/// <summary>
/// One Via header field value (<c>via-parm</c>, <see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.42"/>):
/// <c>SIP/2.0/transport sent-by;params</c>, with the rport extension (<see href="https://www.rfc-editor.org/rfc/rfc3581"/>).
/// </summary>
public sealed class SipVia
{
    /// <summary>The branch prefix of RFC 3261 transaction identifiers (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.7"/>).</summary>
    public const string MagicCookie = "z9hG4bK";

    private string _transport = "UDP";

    /// <summary>Creates an empty Via; set <see cref="Transport"/>, <see cref="Host"/> and <see cref="Branch"/>.</summary>
    public SipVia()
    {
    }

    /// <summary>Creates a Via for the given transport and sent-by.</summary>
    /// <param name="transport">The transport token, e.g. "UDP".</param>
    /// <param name="host">The sent-by host.</param>
    /// <param name="port">The sent-by port, or <see langword="null"/>.</param>
    /// <param name="branch">The branch parameter, or <see langword="null"/>.</param>
    public SipVia(string transport, string host, int? port, string? branch = null)
    {
        Transport = transport;
        Host = host;
        Port = port;
        Branch = branch;
    }

    /// <summary>Gets or sets the transport ("UDP", "TCP", "TLS", "SCTP", "WS", …), upper-cased.</summary>
    public string Transport
    {
        get => _transport;
        set => _transport = (value ?? throw new ArgumentNullException(nameof(value))).ToUpperInvariant();
    }

    /// <summary>Gets or sets the sent-by host (IPv6 references keep their brackets).</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>Gets or sets the sent-by port, or <see langword="null"/>.</summary>
    public int? Port { get; set; }

    /// <summary>Gets the via-params in order (branch, received, rport, maddr, ttl and extensions).</summary>
    public SipParameters Parameters { get; } = new();

    /// <summary>Gets or sets the <c>branch</c> parameter (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.7"/>).</summary>
    public string? Branch { get => Parameters["branch"]; set => SetOrRemove("branch", value); }

    /// <summary>Gets or sets the <c>received</c> parameter (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-18.2.1"/>).</summary>
    public string? Received { get => Parameters["received"]; set => SetOrRemove("received", value); }

    /// <summary>Gets whether an <c>rport</c> parameter is present, with or without a value.</summary>
    public bool HasRport => Parameters.Contains("rport");

    /// <summary>Gets or sets the value of <c>rport</c> (<see href="https://www.rfc-editor.org/rfc/rfc3581#section-4"/>);
    /// <see langword="null"/> when absent or bare. Setting <see langword="null"/> removes the parameter.</summary>
    public int? Rport
    {
        get => int.TryParse(Parameters["rport"], NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
        set => SetOrRemove("rport", value?.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Gets whether the branch starts with the RFC 3261 magic cookie.</summary>
    public bool IsRfc3261Branch => Branch?.StartsWith(MagicCookie, StringComparison.Ordinal) == true;

    /// <summary>Adds a bare <c>;rport</c>, asking the server to answer to the source port (RFC 3581 §3).</summary>
    public void SetRportRequested() => Parameters.Set("rport", null);

    /// <summary>Tries to parse one via-parm.</summary>
    /// <param name="text">One Via value element (not a comma-separated list).</param>
    /// <param name="via">The parsed Via.</param>
    /// <returns><see langword="true"/> on success.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SipVia? via)
    {
        via = null;
        if (text is null || !TrySplit(text.AsSpan(), out var transport, out var host, out var port, out var parameters))
        {
            return false;
        }

        var result = new SipVia { _transport = TransportToken(transport), Host = host.ToString(), Port = port };
        if (!SipParameters.TryParseHeaderParameters(parameters, result.Parameters, viaRules: true))
        {
            return false;
        }

        via = result;
        return true;
    }

    /// <summary>Checks one via-parm with exactly the rules of <see cref="TryParse"/>, without allocating.</summary>
    internal static bool IsValid(ReadOnlySpan<char> text) =>
        TrySplit(text, out _, out _, out _, out var parameters) && SipParameters.TryParseHeaderParameters(parameters, null, viaRules: true);

    /// <summary>Splits <c>sent-protocol LWS sent-by</c> and returns the via-params text that follows.</summary>
    private static bool TrySplit(ReadOnlySpan<char> text, out ReadOnlySpan<char> transport, out ReadOnlySpan<char> host, out int? port, out ReadOnlySpan<char> parameters)
    {
        transport = default;
        host = default;
        port = null;
        parameters = default;
        var span = SipGrammar.TrimLws(text);
        if (!TryReadToken(ref span, out var protocol) || !protocol.Equals("SIP", StringComparison.OrdinalIgnoreCase)
            || !TrySkip(ref span, '/') || !TryReadToken(ref span, out var version) || !version.SequenceEqual("2.0")
            || !TrySkip(ref span, '/') || !TryReadToken(ref span, out transport))
        {
            return false;
        }

        var trimmed = SipGrammar.TrimLws(span);
        if (trimmed.Length == span.Length)
        {
            return false;
        }

        span = trimmed;
        var hostEnd = span.IndexOfAny(":; \t\r\n");
        if (!span.IsEmpty && span[0] == '[')
        {
            hostEnd = span.IndexOf(']') + 1;
        }

        if (hostEnd < 0)
        {
            hostEnd = span.Length;
        }

        if (!SipUri.TryParseHostPort(span[..hostEnd], out host, out _, out var hostConsumed) || hostConsumed != hostEnd)
        {
            return false;
        }

        span = SipGrammar.TrimLws(span[hostEnd..]);
        if (!span.IsEmpty && span[0] == ':')
        {
            span = SipGrammar.TrimLws(span[1..]);
            var end = span.IndexOfAnyExceptInRange('0', '9');
            end = end < 0 ? span.Length : end;
            if (end == 0 || end > 5 || !int.TryParse(span[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 65535)
            {
                return false;
            }

            port = value;
            span = span[end..];
        }

        parameters = span;
        return true;
    }

    /// <summary>Formats as <c>SIP/2.0/TRANSPORT host[:port];params</c>.</summary>
    /// <returns>The header value.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder(64);
        builder.Append("SIP/2.0/").Append(Transport).Append(' ').Append(Host);
        if (Port is { } port)
        {
            builder.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        Parameters.AppendTo(builder);
        return builder.ToString();
    }

    /// <summary>Returns a deep copy.</summary>
    /// <returns>The copy.</returns>
    public SipVia Clone()
    {
        var copy = new SipVia { _transport = _transport, Host = Host, Port = Port };
        Parameters.CopyTo(copy.Parameters);
        return copy;
    }

    /// <summary>The upper-cased transport, without allocating for the common ones.</summary>
    private static string TransportToken(ReadOnlySpan<char> transport) =>
        transport.Equals("UDP", StringComparison.OrdinalIgnoreCase) ? "UDP"
        : transport.Equals("TCP", StringComparison.OrdinalIgnoreCase) ? "TCP"
        : transport.Equals("TLS", StringComparison.OrdinalIgnoreCase) ? "TLS"
        : transport.ToString().ToUpperInvariant();

    private void SetOrRemove(string key, string? value)
    {
        if (value is null)
        {
            Parameters.Remove(key);
        }
        else
        {
            Parameters.Set(key, value);
        }
    }

    private static bool TryReadToken(scoped ref ReadOnlySpan<char> span, out ReadOnlySpan<char> token)
    {
        span = SipGrammar.TrimLws(span);
        var end = span.IndexOfAnyExcept(SipGrammar.Token);
        end = end < 0 ? span.Length : end;
        token = span[..end];
        span = span[end..];
        return !token.IsEmpty;
    }

    private static bool TrySkip(scoped ref ReadOnlySpan<char> span, char expected)
    {
        span = SipGrammar.TrimLws(span);
        if (span.IsEmpty || span[0] != expected)
        {
            return false;
        }

        span = span[1..];
        return true;
    }
}
