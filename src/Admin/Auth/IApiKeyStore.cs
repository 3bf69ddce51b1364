namespace Softswitch.Admin.Auth;

/// <summary>Where API keys are kept (the database in production).</summary>
public interface IApiKeyStore
{
    /// <summary>The key with this id, revoked or not, or null.</summary>
    /// <param name="id">The key id.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every key, newest first, revoked ones included.</summary>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Stores a new key; its id must not exist yet.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task InsertAsync(ApiKeyRecord key, CancellationToken cancellationToken);

    /// <summary>Marks a key revoked; false when there is no such key or it was revoked already.</summary>
    /// <param name="id">The key id.</param>
    /// <param name="revokedAt">When.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<bool> RevokeAsync(string id, DateTimeOffset revokedAt, CancellationToken cancellationToken);

    /// <summary>How many keys are not revoked (zero on a new database: the gateway then creates the first admin key).</summary>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    Task<int> CountActiveAsync(CancellationToken cancellationToken);
}
