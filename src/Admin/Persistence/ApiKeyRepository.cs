using System.Data.Common;
using Dapper;
using Softswitch.Admin.Auth;

namespace Softswitch.Admin.Persistence;

/// <summary>API keys (hashes only) in the <c>api_keys</c> table.</summary>
internal sealed class ApiKeyRepository : IApiKeyStore
{
    private const string Columns =
        "id AS Id, name AS Name, role AS Role, secret_hash AS SecretHash, created_at AS CreatedAt, revoked_at AS RevokedAt";
    private const string FindSql = $"SELECT {Columns} FROM api_keys WHERE id = @id";
    private const string ListSql = $"SELECT {Columns} FROM api_keys ORDER BY created_at DESC, id DESC";
    private const string InsertSql =
        "INSERT INTO api_keys (id, name, role, secret_hash, created_at, revoked_at) VALUES (@Id, @Name, @Role, @SecretHash, @CreatedAt, @RevokedAt)";
    private const string RevokeSql = "UPDATE api_keys SET revoked_at = @revokedAt WHERE id = @id AND revoked_at IS NULL";
    private const string CountActiveSql = "SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL";

    private readonly IDbConnectionFactory _connections;

    public ApiKeyRepository(IDbConnectionFactory connections)
    {
        _connections = connections;
    }

    public async Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(FindSql, new { id }, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
            return row?.ToModel();
        }
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<Row>(new CommandDefinition(ListSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return rows.Select(r => r.ToModel()).ToList();
        }
    }

    /// <exception cref="InvalidOperationException">A key with this id exists.</exception>
    public async Task InsertAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    InsertSql,
                    new
                    {
                        key.Id,
                        key.Name,
                        Role = RoleName(key.Role),
                        key.SecretHash,
                        CreatedAt = UnixTime.ToMs(key.CreatedAt),
                        RevokedAt = UnixTime.ToMs(key.RevokedAt),
                    },
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            catch (DbException e) when (_connections.Dialect.IsUniqueViolation(e))
            {
                throw new InvalidOperationException($"An API key with id '{key.Id}' exists already.", e);
            }
        }
    }

    public async Task<bool> RevokeAsync(string id, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var changed = await connection.ExecuteAsync(new CommandDefinition(
                RevokeSql, new { id, revokedAt = UnixTime.ToMs(revokedAt) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return changed == 1;
        }
    }

    public async Task<int> CountActiveAsync(CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountActiveSql, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
        }
    }

    private static string RoleName(ApiRole role) => role switch
    {
        ApiRole.Viewer => "viewer",
        ApiRole.Editor => "editor",
        ApiRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown API role."),
    };

    private static ApiRole ParseRole(string role) => role switch
    {
        "viewer" => ApiRole.Viewer,
        "editor" => ApiRole.Editor,
        "admin" => ApiRole.Admin,
        _ => throw new InvalidDataException($"Unknown API role '{role}' in the database."),
    };

    private sealed class Row
    {
        public string Id { get; set; } = "";

        public string Name { get; set; } = "";

        public string Role { get; set; } = "";

        public string SecretHash { get; set; } = "";

        public long CreatedAt { get; set; }

        public long? RevokedAt { get; set; }

        public ApiKeyRecord ToModel() => new(Id, Name, ParseRole(Role), SecretHash, UnixTime.FromMs(CreatedAt), UnixTime.FromMs(RevokedAt));
    }
}
