using System.Net;
using System.Net.Sockets;
using Softswitch.Sip;

namespace Softswitch.Gateway.Transports;

/// <summary>Via processing on receipt (§18.2.1, RFC 3581 §4) and response routing (§18.2.2).</summary>
public sealed partial class SipTransportLayer
{
    private const int DefaultSipPort = 5060;
    private const int DefaultSipsPort = 5061;

    /// <summary>
    /// Where a response to this request goes (RFC 3261 §18.2.2, <see href="https://www.rfc-editor.org/rfc/rfc3261#section-18.2.2"/>;
    /// RFC 3581 §4). Reliable: the connection the request came in on while it is open, else a new connection to the
    /// <c>received</c> address and the sent-by port. Unreliable: <c>maddr</c> when present (IP literals only), else the
    /// <c>received</c> address with the <c>rport</c> port when the client asked for it, else with the sent-by port (default 5060).
    /// </summary>
    /// <param name="request">The received request.</param>
    /// <returns>Transport and address for the response.</returns>
    public SipEndPoint GetResponseDestination(SipInbound request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var via = request.Message.TopVia;
        var source = request.Source;
        if (source.Transport == SipTransportKind.Udp)
        {
            return GetUdpResponseDestination(via, source.EndPoint);
        }

        if (_connections.TryGetValue(source.EndPoint, out var connection) && !connection.IsClosed)
        {
            return source;
        }

        var address = ParseAddress(via.Received) ?? source.EndPoint.Address;
        var port = via.Port ?? (source.Transport == SipTransportKind.Tls ? DefaultSipsPort : DefaultSipPort);
        return new SipEndPoint(source.Transport, new IPEndPoint(address, port));
    }

    /// <summary>The unreliable-transport branch of §18.2.2 with RFC 3581.</summary>
    internal static SipEndPoint GetUdpResponseDestination(SipVia via, IPEndPoint source)
    {
        if (via.Parameters["maddr"] is { } maddr && ParseAddress(maddr) is { } multicast)
        {
            return new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(multicast, via.Port ?? DefaultSipPort));
        }

        // received is usually the packet's source, which we wrote ourselves: reuse its address instead of parsing it again.
        var received = via.Received;
        var address = received is null || string.Equals(received, source.Address.ToString(), StringComparison.Ordinal)
            ? source.Address
            : ParseAddress(received) ?? source.Address;
        if (via.Rport is { } rport and > 0 and <= 65535)
        {
            return new SipEndPoint(SipTransportKind.Udp, EndPointFor(address, rport, source));
        }

        if (via.HasRport)
        {
            // Bare ;rport that we did not fill (the request did not come through this transport): the source port is the answer.
            return new SipEndPoint(SipTransportKind.Udp, EndPointFor(address, source.Port, source));
        }

        return new SipEndPoint(SipTransportKind.Udp, EndPointFor(address, via.Port ?? DefaultSipPort, source));
    }

    /// <summary>
    /// §18.2.1: adds <c>received</c> when the sent-by host is not the packet's source address; RFC 3581 §4: fills a bare
    /// <c>rport</c> with the source port (and then always adds <c>received</c>).
    /// </summary>
    internal static void AddReceivedAndRport(SipRequest request, IPEndPoint source)
    {
        var via = request.TopVia;
        var sourceAddress = source.Address.IsIPv4MappedToIPv6 ? source.Address.MapToIPv4() : source.Address;
        var fillRport = via.HasRport && via.Rport is null;
        var hostDiffers = !string.Equals(via.Host, sourceAddress.ToString(), StringComparison.Ordinal)
            && !(ParseAddress(via.Host) is { } sentBy && sentBy.Equals(sourceAddress));
        if (!fillRport && !hostDiffers)
        {
            return;
        }

        via.Received = sourceAddress.ToString();
        if (fillRport)
        {
            via.Rport = source.Port;
        }

        ReplaceTopVia(request, via);
    }

    /// <summary>Rewrites the Via header lines so that the first element is <paramref name="topVia"/> and the others are kept in order.</summary>
    internal static void ReplaceTopVia(SipMessage request, SipVia topVia)
    {
        var headers = request.Headers;
        var index = 0;
        foreach (var header in headers)
        {
            if (string.Equals(header.Name, SipHeaderNames.Via, StringComparison.OrdinalIgnoreCase))
            {
                break;
            }

            index++;
        }

        var values = headers.GetValues(SipHeaderNames.Via);
        var rest = new string[Math.Max(0, values.Count - 1)];
        for (var i = 1; i < values.Count; i++)
        {
            rest[i - 1] = values[i];
        }

        headers.Remove(SipHeaderNames.Via);
        headers.Insert(index, SipHeaderNames.Via, topVia.ToString());
        for (var i = 0; i < rest.Length; i++)
        {
            headers.Insert(index + 1 + i, SipHeaderNames.Via, rest[i]);
        }
    }

    /// <summary>The source end point itself when address and port are its own (the usual case), else a new one.</summary>
    private static IPEndPoint EndPointFor(IPAddress address, int port, IPEndPoint source) =>
        port == source.Port && (ReferenceEquals(address, source.Address) || address.Equals(source.Address)) ? source : new IPEndPoint(address, port);

    private static IPAddress? ParseAddress(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return null;
        }

        var span = host.AsSpan();
        if (span.Length > 2 && span[0] == '[' && span[^1] == ']')
        {
            span = span[1..^1];
        }

        // Only literals: "1.2" or "10" would parse as IPv4 addresses but are host names in SIP.
        if ((!span.Contains(':') && span.Count('.') != 3) || !IPAddress.TryParse(span, out var address))
        {
            return null;
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }
}
