using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Softswitch.Sip.Sdp;

/// <summary>The origin line <c>o=username sess-id sess-version IN IP4 address</c> (<see href="https://www.rfc-editor.org/rfc/rfc4566#section-5.2"/>).</summary>
/// <param name="Username">The user name, "-" when none.</param>
/// <param name="SessionId">The session id (numeric string).</param>
/// <param name="SessionVersion">The session version, incremented on each new offer (<see href="https://www.rfc-editor.org/rfc/rfc3264#section-8"/>).</param>
/// <param name="NetworkType">"IN".</param>
/// <param name="AddressType">"IP4" or "IP6".</param>
/// <param name="Address">The unicast address of the originator.</param>
public sealed record SdpOrigin(string Username, string SessionId, ulong SessionVersion, string NetworkType, string AddressType, string Address)
{
    /// <summary>Formats the value of the o= line.</summary>
    /// <returns>The line value.</returns>
    public override string ToString() =>
        string.Join(' ', Username, SessionId, SessionVersion.ToString(CultureInfo.InvariantCulture), NetworkType, AddressType, Address);

    internal static bool TryParse(string value, [NotNullWhen(true)] out SdpOrigin? origin)
    {
        origin = null;
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6 || !ulong.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        origin = new SdpOrigin(parts[0], parts[1], version, parts[3], parts[4], parts[5]);
        return true;
    }
}
