namespace Softswitch.Admin.Auth;

/// <summary>An API key as stored: never the secret itself, only its hash.</summary>
/// <param name="Id">The public key id (the part of the key before its secret), unique.</param>
/// <param name="Name">A label chosen by the admin who created it.</param>
/// <param name="Role">What the key may do.</param>
/// <param name="SecretHash">Lower-case hex SHA-256 of the key's secret part.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="RevokedAt">When it was revoked, or null while it is valid.</param>
public sealed record ApiKeyRecord(string Id, string Name, ApiRole Role, string SecretHash, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
