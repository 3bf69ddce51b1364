using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Softswitch.Host;

/// <summary>Turns the <c>--http-address</c> text into the address Kestrel listens on.</summary>
internal static class HttpBinding
{
    /// <summary>Parses an IP address, <c>localhost</c> (the IPv4 loopback) or <c>*</c> (every IPv4 interface).</summary>
    /// <param name="value">The text given on the command line.</param>
    /// <param name="address">The address to bind to.</param>
    /// <returns>Whether <paramref name="value"/> names an address.</returns>
    public static bool TryParse(string? value, [NotNullWhen(true)] out IPAddress? address)
    {
        switch (value)
        {
            case "*":
                address = IPAddress.Any;
                return true;
            case not null when value.Equals("localhost", StringComparison.OrdinalIgnoreCase):
                // Kestrel's ListenLocalhost cannot take port 0, so localhost means the IPv4 loopback.
                address = IPAddress.Loopback;
                return true;
            default:
                return IPAddress.TryParse(value, out address);
        }
    }
}
