using Softswitch.Admin.Model;

namespace Softswitch.Admin.Validation;

/// <summary>A trunk as written (HTTP body, or an entry of an imported configuration), with its write-only password.</summary>
/// <param name="Id">Unique id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Addresses"><c>host:port</c> addresses, in failover order.</param>
/// <param name="Transport">SIP transport.</param>
/// <param name="Username">Digest user name, or null.</param>
/// <param name="Password">Password: null keeps the stored one, empty removes it.</param>
/// <param name="Register">Whether the gateway registers with the trunk.</param>
/// <param name="RegisterExpirySeconds">Registration expiry asked for; null for 3600.</param>
/// <param name="OutboundProxy">Proxy for requests to the trunk, or null.</param>
/// <param name="InboundNetworks">CIDR networks calls from the trunk come from.</param>
/// <param name="Codecs">Codec names, most preferred first.</param>
internal sealed record TrunkRequest(
    string? Id,
    string? Name,
    IReadOnlyList<string>? Addresses,
    TrunkTransport? Transport,
    string? Username,
    string? Password,
    bool Register,
    int? RegisterExpirySeconds,
    string? OutboundProxy,
    IReadOnlyList<string>? InboundNetworks,
    IReadOnlyList<string>? Codecs)
{
    /// <summary>Hides the password from logs and debugger displays.</summary>
    /// <returns>The id and name.</returns>
    public override string ToString() => $"TrunkRequest {{ Id = {Id}, Name = {Name}, Password = *** }}";

    /// <summary>The trunk as stored (without its password), with defaults for what was left out.</summary>
    /// <param name="id">The id.</param>
    /// <param name="rowVersion">The row version expected by an update.</param>
    public Trunk ToTrunk(string id, long rowVersion) => new(
        id, Name!, Addresses!, Transport!.Value, Username, HasPassword: false, Register, RegisterExpirySeconds ?? 3600,
        OutboundProxy, InboundNetworks ?? [], Codecs ?? [], rowVersion);
}
