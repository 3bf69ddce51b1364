using System.Data.Common;
using System.Text.Json;
using Dapper;
using Softswitch.Admin.Model;

namespace Softswitch.Admin.Persistence;

/// <summary>
/// SIP trunks, stored as JSON, with the password in its own column: every read but <see cref="GetCredentialsAsync(string, CancellationToken)"/>
/// returns <see cref="Trunk.HasPassword"/> only. Optimistic concurrency on the row version.
/// </summary>
internal sealed class TrunkRepository
{
    private const string Columns = "id AS Id, body AS Body, row_version AS RowVersion, CASE WHEN password IS NULL THEN NULL ELSE '' END AS Password";
    private const string InsertSql =
        "INSERT INTO trunks (id, name, username, password, body, row_version, created_at, updated_at) " +
        "VALUES (@Id, @Name, @Username, @Password, @Body, 1, @Now, @Now)";
    private const string GetSql = $"SELECT {Columns} FROM trunks WHERE id = @id";
    private const string ListSql = $"SELECT {Columns} FROM trunks ORDER BY id";
    private const string UpdateKeepPasswordSql =
        "UPDATE trunks SET name = @Name, username = @Username, body = @Body, row_version = row_version + 1, updated_at = @Now " +
        "WHERE id = @Id AND row_version = @ExpectedRowVersion";
    private const string UpdateSetPasswordSql =
        "UPDATE trunks SET name = @Name, username = @Username, password = @Password, body = @Body, row_version = row_version + 1, updated_at = @Now " +
        "WHERE id = @Id AND row_version = @ExpectedRowVersion";
    private const string DeleteSql = "DELETE FROM trunks WHERE id = @id AND row_version = @expectedRowVersion";
    private const string ExistsSql = "SELECT COUNT(*) FROM trunks WHERE id = @id";
    private const string CredentialsSql = "SELECT id AS TrunkId, username AS Username, password AS Password FROM trunks WHERE id = @id";

    private readonly IDbConnectionFactory _connections;
    private readonly TimeProvider _timeProvider;

    public TrunkRepository(IDbConnectionFactory connections, TimeProvider timeProvider)
    {
        _connections = connections;
        _timeProvider = timeProvider;
    }

    /// <summary>Stores a new trunk (its <see cref="Trunk.HasPassword"/> and <see cref="Trunk.RowVersion"/> are ignored) with
    /// <paramref name="password"/> (null or empty for none); Conflict when the id exists.
    /// </summary>
    public async Task<WriteResult<Trunk>> CreateAsync(Trunk trunk, string? password, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await CreateAsync(connection, null, trunk, password, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stores a new trunk inside <paramref name="transaction"/>; results as the other overload.</summary>
    public Task<WriteResult<Trunk>> CreateAsync(Trunk trunk, string? password, AdminTransaction transaction, CancellationToken cancellationToken) =>
        CreateAsync(transaction.Connection, transaction.Transaction, trunk, password, cancellationToken);

    /// <summary>The trunk (without its password), or null.</summary>
    public async Task<Trunk?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var row = await connection.QuerySingleOrDefaultAsync<JsonRow>(new CommandDefinition(GetSql, new { id }, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
            return row is null ? null : ToModel(row);
        }
    }

    /// <summary>Every trunk (without passwords), by id.</summary>
    public async Task<IReadOnlyList<Trunk>> ListAsync(CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ListAsync(connection, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every trunk, in the same order, read inside <paramref name="transaction"/>.</summary>
    public Task<IReadOnlyList<Trunk>> ListAsync(AdminTransaction transaction, CancellationToken cancellationToken) =>
        ListAsync(transaction.Connection, transaction.Transaction, cancellationToken);

    /// <summary>The trunk's user name and password, for the registration client only; null when there is no such trunk.</summary>
    public async Task<TrunkCredentials?> GetCredentialsAsync(string trunkId, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await GetCredentialsAsync(connection, null, trunkId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The trunk's credentials, read inside <paramref name="transaction"/> (to compare an imported password); null when there is no such trunk.</summary>
    public Task<TrunkCredentials?> GetCredentialsAsync(string trunkId, AdminTransaction transaction, CancellationToken cancellationToken) =>
        GetCredentialsAsync(transaction.Connection, transaction.Transaction, trunkId, cancellationToken);

    /// <summary>
    /// Replaces the trunk whose id and row version are <paramref name="trunk"/>'s. <paramref name="password"/>: null keeps
    /// the stored password, empty removes it, anything else replaces it. NotFound when there is no such trunk; Conflict
    /// when its row version differs.
    /// </summary>
    public async Task<WriteResult<Trunk>> UpdateAsync(Trunk trunk, string? password, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await UpdateAsync(connection, null, trunk, password, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Replaces the trunk inside <paramref name="transaction"/>; results as the other overload.</summary>
    public Task<WriteResult<Trunk>> UpdateAsync(Trunk trunk, string? password, AdminTransaction transaction, CancellationToken cancellationToken) =>
        UpdateAsync(transaction.Connection, transaction.Transaction, trunk, password, cancellationToken);

    /// <summary>Deletes the trunk if its row version is <paramref name="expectedRowVersion"/>; NotFound or Conflict otherwise.</summary>
    public async Task<WriteStatus> DeleteAsync(string id, long expectedRowVersion, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await DeleteAsync(connection, null, id, expectedRowVersion, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the trunk inside <paramref name="transaction"/>; results as the other overload.</summary>
    public Task<WriteStatus> DeleteAsync(string id, long expectedRowVersion, AdminTransaction transaction, CancellationToken cancellationToken) =>
        DeleteAsync(transaction.Connection, transaction.Transaction, id, expectedRowVersion, cancellationToken);

    private async Task<WriteResult<Trunk>> CreateAsync(DbConnection connection, DbTransaction? transaction, Trunk trunk, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        ArgumentException.ThrowIfNullOrWhiteSpace(trunk.Id);
        var stored = string.IsNullOrEmpty(password) ? null : password;
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, Parameters(trunk, stored), transaction, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
        }
        catch (DbException e) when (_connections.Dialect.IsUniqueViolation(e))
        {
            return WriteResult<Trunk>.Conflict;
        }

        return WriteResult<Trunk>.Ok(trunk with { HasPassword = stored is not null, RowVersion = 1 });
    }

    private static async Task<IReadOnlyList<Trunk>> ListAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<JsonRow>(new CommandDefinition(ListSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(ToModel).ToList();
    }

    private static async Task<TrunkCredentials?> GetCredentialsAsync(DbConnection connection, DbTransaction? transaction, string trunkId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<CredentialsRow>(new CommandDefinition(
            CredentialsSql, new { id = trunkId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : new TrunkCredentials(row.TrunkId, row.Username, row.Password);
    }

    private async Task<WriteResult<Trunk>> UpdateAsync(DbConnection connection, DbTransaction? transaction, Trunk trunk, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        var sql = password is null ? UpdateKeepPasswordSql : UpdateSetPasswordSql;
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            sql, Parameters(trunk, password is "" ? null : password), transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (changed == 1)
        {
            var row = await connection.QuerySingleAsync<JsonRow>(new CommandDefinition(GetSql, new { id = trunk.Id }, transaction, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
            return WriteResult<Trunk>.Ok(ToModel(row));
        }

        return await ExistsAsync(connection, transaction, trunk.Id, cancellationToken).ConfigureAwait(false) ? WriteResult<Trunk>.Conflict : WriteResult<Trunk>.NotFound;
    }

    private static async Task<WriteStatus> DeleteAsync(DbConnection connection, DbTransaction? transaction, string id, long expectedRowVersion, CancellationToken cancellationToken)
    {
        var deleted = await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { id, expectedRowVersion }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        if (deleted == 1)
        {
            return WriteStatus.Ok;
        }

        return await ExistsAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false) ? WriteStatus.Conflict : WriteStatus.NotFound;
    }

    private static async Task<bool> ExistsAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(ExistsSql, new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;

    private object Parameters(Trunk trunk, string? password) => new
    {
        trunk.Id,
        trunk.Name,
        trunk.Username,
        Password = password,
        Body = JsonSerializer.Serialize(trunk with { HasPassword = false, RowVersion = 0 }, ModelJson.Options),
        Now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds(),
        ExpectedRowVersion = trunk.RowVersion,
    };

    // The Password column of these reads is '' when a password is stored, never the password itself.
    private static Trunk ToModel(JsonRow row) =>
        (JsonSerializer.Deserialize<Trunk>(row.Body, ModelJson.Options) ?? throw new InvalidDataException($"Trunk {row.Id} has no body."))
        with { Id = row.Id, HasPassword = row.Password is not null, RowVersion = row.RowVersion };

    private sealed class CredentialsRow
    {
        public string TrunkId { get; set; } = "";

        public string? Username { get; set; }

        public string? Password { get; set; }
    }
}
