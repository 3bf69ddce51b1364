using System.Net;

namespace Softswitch.Admin.Validation;

/// <summary>The rules a trunk follows, the same for the HTTP API and <c>softswitch config import</c>.</summary>
internal static class TrunkValidation
{
    private static readonly string[] s_codecs = ["PCMU", "PCMA", "G722", "opus", "G729"];

    /// <summary>Checks a trunk (not its id), naming each bad field under <paramref name="prefix"/>.</summary>
    public static void Validate(TrunkRequest t, Validator v, string prefix = "")
    {
        v.Check(!string.IsNullOrWhiteSpace(t.Name) && t.Name.Length <= 200, Validator.Field(prefix, "name"), "is required, at most 200 characters")
            .Check(t.Addresses is { Count: > 0 }, Validator.Field(prefix, "addresses"), "needs at least one host:port, in failover order")
            .Check(t.Transport is not null, Validator.Field(prefix, "transport"), "is required: udp, tcp or tls")
            .Check(t.RegisterExpirySeconds is null or (>= 60 and <= 86_400), Validator.Field(prefix, "registerExpirySeconds"), "must be 60-86400")
            .Check(!t.Register || !string.IsNullOrWhiteSpace(t.Username), Validator.Field(prefix, "username"), "is required when register is true")
            .Check(t.Password is null || t.Password.Length <= 256, Validator.Field(prefix, "password"), "must be at most 256 characters");
        var addresses = t.Addresses ?? [];
        for (var i = 0; i < addresses.Count; i++)
        {
            v.Check(IsHostPort(addresses[i]), Validator.Field(prefix, $"addresses[{i}]"), "must be host or host:port");
        }

        var networks = t.InboundNetworks ?? [];
        for (var i = 0; i < networks.Count; i++)
        {
            v.Check(IPNetwork.TryParse(networks[i], out _), Validator.Field(prefix, $"inboundNetworks[{i}]"), "must be a network in CIDR form, such as 192.0.2.0/24");
        }

        var codecs = t.Codecs ?? [];
        for (var i = 0; i < codecs.Count; i++)
        {
            v.Check(s_codecs.Contains(codecs[i], StringComparer.OrdinalIgnoreCase), Validator.Field(prefix, $"codecs[{i}]"), "must be one of " + string.Join(", ", s_codecs));
        }
    }

    private static bool IsHostPort(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > 255)
        {
            return false;
        }

        var colon = address.LastIndexOf(':');
        if (colon > 0 && address.IndexOf(':') == colon)
        {
            return int.TryParse(address.AsSpan(colon + 1), out var port) && port is > 0 and < 65536 && Uri.CheckHostName(address[..colon]) != UriHostNameType.Unknown;
        }

        return Uri.CheckHostName(address.Trim('[', ']')) != UriHostNameType.Unknown;
    }
}
