using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Softswitch.Admin.Auth;

/// <summary>
/// API keys as users see them: <c>ssk_&lt;id&gt;_&lt;secret&gt;</c>, where the id is 12 lower-case hex characters (public, the
/// database key) and the secret 32 random bytes in base64url. Only the SHA-256 of the secret is stored; a 256-bit random secret
/// needs no slow hash.
/// </summary>
public static class ApiKeySecret
{
    /// <summary>What every key starts with.</summary>
    public const string Prefix = "ssk_";

    private const int IdLength = 12;
    private const int SecretBytes = 32;

    /// <summary>A new random key.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="secretHash">The hash to store.</param>
    /// <returns>The full key, to show once.</returns>
    public static string Generate(out string id, out string secretHash)
    {
        id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        secretHash = Hash(secret);
        return Prefix + id + "_" + secret;
    }

    /// <summary>Splits a presented key into id and secret; false when it is not of the key format.</summary>
    /// <param name="key">What the client sent.</param>
    /// <param name="id">The id.</param>
    /// <param name="secret">The secret.</param>
    /// <returns>Whether the format is right.</returns>
    public static bool TryParse(string? key, [NotNullWhen(true)] out string? id, [NotNullWhen(true)] out string? secret)
    {
        id = null;
        secret = null;
        if (key is null || key.Length != Prefix.Length + IdLength + 1 + 43 || !key.StartsWith(Prefix, StringComparison.Ordinal) || key[Prefix.Length + IdLength] != '_')
        {
            return false;
        }

        var idPart = key.AsSpan(Prefix.Length, IdLength);
        var secretPart = key.AsSpan(Prefix.Length + IdLength + 1);
        if (idPart.ContainsAnyExcept("0123456789abcdef") || !Base64Url.IsValid(secretPart, out var decoded) || decoded != SecretBytes)
        {
            return false;
        }

        id = idPart.ToString();
        secret = secretPart.ToString();
        return true;
    }

    /// <summary>The stored form of a secret: lower-case hex SHA-256.</summary>
    /// <param name="secret">The secret part of a key.</param>
    /// <returns>The hash.</returns>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));

    /// <summary>Whether <paramref name="secret"/> hashes to <paramref name="storedHash"/>, compared in constant time.</summary>
    /// <param name="secret">The presented secret.</param>
    /// <param name="storedHash">The stored hash.</param>
    /// <returns>True when they match.</returns>
    public static bool Verify(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));
}
