using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Softswitch.Sip.Sdp;

/// <summary>A connection line <c>c=IN IP4 192.0.2.1</c> (<see href="https://www.rfc-editor.org/rfc/rfc4566#section-5.7"/>).</summary>
/// <param name="NetworkType">The network type, "IN".</param>
/// <param name="AddressType">"IP4" or "IP6".</param>
/// <param name="Address">The connection address (may carry /ttl for multicast).</param>
public sealed record SdpConnection(string NetworkType, string AddressType, string Address)
{
    /// <summary>Creates <c>IN IP4|IP6 address</c> for an IP address.</summary>
    /// <param name="address">The address.</param>
    /// <returns>The connection.</returns>
    public static SdpConnection For(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new SdpConnection("IN", address.AddressFamily == AddressFamily.InterNetworkV6 ? "IP6" : "IP4", address.ToString());
    }

    /// <summary>Gets whether this is the RFC 2543 hold address 0.0.0.0 (<see href="https://www.rfc-editor.org/rfc/rfc3264#section-8.4"/>).</summary>
    public bool IsHold => Address == "0.0.0.0";

    /// <summary>Tries to read the address as an IP address.</summary>
    /// <param name="address">The IP address.</param>
    /// <returns><see langword="true"/> when the address is a literal IP address.</returns>
    public bool TryGetIPAddress([NotNullWhen(true)] out IPAddress? address)
    {
        var slash = Address.IndexOf('/', StringComparison.Ordinal);
        return IPAddress.TryParse(slash < 0 ? Address : Address[..slash], out address);
    }

    /// <summary>Formats the value of the c= line.</summary>
    /// <returns>"IN IP4 192.0.2.1".</returns>
    public override string ToString() => NetworkType + " " + AddressType + " " + Address;

    internal static bool TryParse(string value, [NotNullWhen(true)] out SdpConnection? connection)
    {
        connection = null;
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3)
        {
            return false;
        }

        connection = new SdpConnection(parts[0], parts[1], parts[2]);
        return true;
    }
}
