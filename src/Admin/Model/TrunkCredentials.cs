namespace Softswitch.Admin.Model;

/// <summary>A trunk's digest credentials, for the registration client only; never returned by the API.</summary>
/// <param name="TrunkId">The trunk.</param>
/// <param name="Username">Digest user name, or null.</param>
/// <param name="Password">Password, or null when none is stored.</param>
public sealed record TrunkCredentials(string TrunkId, string? Username, string? Password)
{
    /// <summary>Hides the password from logs and debugger displays.</summary>
    /// <returns>The trunk id and user name.</returns>
    public override string ToString() => $"TrunkCredentials {{ TrunkId = {TrunkId}, Username = {Username}, Password = *** }}";
}
