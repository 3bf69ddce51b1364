namespace Softswitch.Admin.Model;

/// <summary>A SIP trunk (carrier or PBX). Its password is write-only: reads give <see cref="HasPassword"/> only.</summary>
/// <param name="Id">Unique id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Addresses"><c>host:port</c> addresses, in failover order.</param>
/// <param name="Transport">SIP transport.</param>
/// <param name="Username">Digest user name, or null without authentication.</param>
/// <param name="HasPassword">Whether a password is stored.</param>
/// <param name="Register">Whether the gateway registers with the trunk.</param>
/// <param name="RegisterExpirySeconds">Registration expiry asked for.</param>
/// <param name="OutboundProxy">Proxy for requests to the trunk, or null.</param>
/// <param name="InboundNetworks">CIDR networks calls from the trunk come from.</param>
/// <param name="Codecs">Codec names, most preferred first.</param>
/// <param name="RowVersion">Changes on every write; the ETag and the expected value of the next update.</param>
public sealed record Trunk(
    string Id,
    string Name,
    IReadOnlyList<string> Addresses,
    TrunkTransport Transport,
    string? Username,
    bool HasPassword,
    bool Register,
    int RegisterExpirySeconds,
    string? OutboundProxy,
    IReadOnlyList<string> InboundNetworks,
    IReadOnlyList<string> Codecs,
    long RowVersion);
