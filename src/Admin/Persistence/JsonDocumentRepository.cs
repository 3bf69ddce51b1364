using System.Data.Common;
using System.Text.Json;
using Dapper;
using Softswitch.Admin.Model;

namespace Softswitch.Admin.Persistence;

/// <summary>
/// A table of JSON documents keyed by id, with a name (and any other columns a subclass queries by) beside the body, and
/// optimistic concurrency on the row version: the shared half of <see cref="QueueRepository"/> and <see cref="RouteRepository"/>.
/// </summary>
/// <typeparam name="T">The document.</typeparam>
internal abstract class JsonDocumentRepository<T>
    where T : class
{
    private const string Columns = "id AS Id, body AS Body, row_version AS RowVersion";

    private readonly IDbConnectionFactory _connections;
    private readonly TimeProvider _timeProvider;
    private readonly string _insertSql;
    private readonly string _getSql;
    private readonly string _listSql;
    private readonly string _updateSql;
    private readonly string _deleteSql;
    private readonly string _existsSql;

    /// <summary>Builds the statements for <paramref name="table"/>.</summary>
    /// <param name="connections">The database.</param>
    /// <param name="timeProvider">Stamps created_at and updated_at.</param>
    /// <param name="table">The table.</param>
    /// <param name="extraColumns">Columns beside id, name and body, each filled from the parameter of the same name with the first letter upper-cased (see <see cref="AddColumns"/>).</param>
    /// <param name="orderBy">The list order.</param>
    protected JsonDocumentRepository(IDbConnectionFactory connections, TimeProvider timeProvider, string table, IReadOnlyList<string> extraColumns, string orderBy)
    {
        _connections = connections;
        _timeProvider = timeProvider;
        var names = extraColumns.Select(c => (Column: c, Parameter: "@" + char.ToUpperInvariant(c[0]) + c[1..])).ToList();
        _insertSql = $"INSERT INTO {table} (id, name, {string.Concat(names.Select(n => n.Column + ", "))}body, row_version, created_at, updated_at) " +
            $"VALUES (@Id, @Name, {string.Concat(names.Select(n => n.Parameter + ", "))}@Body, 1, @Now, @Now)";
        _getSql = $"SELECT {Columns} FROM {table} WHERE id = @id";
        _listSql = $"SELECT {Columns} FROM {table} ORDER BY {orderBy}";
        _updateSql = $"UPDATE {table} SET name = @Name, {string.Concat(names.Select(n => n.Column + " = " + n.Parameter + ", "))}body = @Body, row_version = row_version + 1, updated_at = @Now " +
            "WHERE id = @Id AND row_version = @ExpectedRowVersion";
        _deleteSql = $"DELETE FROM {table} WHERE id = @id AND row_version = @expectedRowVersion";
        _existsSql = $"SELECT COUNT(*) FROM {table} WHERE id = @id";
    }

    /// <summary>Stores a new document (its row version is ignored); Conflict when the id exists.</summary>
    public async Task<WriteResult<T>> CreateAsync(T item, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await CreateAsync(connection, null, item, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stores a new document inside <paramref name="transaction"/>; results as the other overload.</summary>
    public Task<WriteResult<T>> CreateAsync(T item, AdminTransaction transaction, CancellationToken cancellationToken) =>
        CreateAsync(transaction.Connection, transaction.Transaction, item, cancellationToken);

    /// <summary>The document, or null.</summary>
    public async Task<T?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var row = await connection.QuerySingleOrDefaultAsync<JsonRow>(new CommandDefinition(_getSql, new { id }, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
            return row is null ? null : ToModel(row);
        }
    }

    /// <summary>Every document, in the table's order.</summary>
    public async Task<IReadOnlyList<T>> ListAsync(CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ListAsync(connection, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every document, in the same order, read inside <paramref name="transaction"/>.</summary>
    public Task<IReadOnlyList<T>> ListAsync(AdminTransaction transaction, CancellationToken cancellationToken) =>
        ListAsync(transaction.Connection, transaction.Transaction, cancellationToken);

    /// <summary>
    /// Replaces the document whose id and row version are <paramref name="item"/>'s. NotFound when there is none; Conflict when
    /// its row version differs (it changed since it was read).
    /// </summary>
    public async Task<WriteResult<T>> UpdateAsync(T item, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await UpdateAsync(connection, null, item, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Replaces the document inside <paramref name="transaction"/>; results as the other overload.</summary>
    public Task<WriteResult<T>> UpdateAsync(T item, AdminTransaction transaction, CancellationToken cancellationToken) =>
        UpdateAsync(transaction.Connection, transaction.Transaction, item, cancellationToken);

    /// <summary>Deletes the document if its row version is <paramref name="expectedRowVersion"/>; NotFound or Conflict otherwise.</summary>
    public async Task<WriteStatus> DeleteAsync(string id, long expectedRowVersion, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await DeleteAsync(connection, null, id, expectedRowVersion, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the document inside <paramref name="transaction"/>; results as the other overload.</summary>
    public Task<WriteStatus> DeleteAsync(string id, long expectedRowVersion, AdminTransaction transaction, CancellationToken cancellationToken) =>
        DeleteAsync(transaction.Connection, transaction.Transaction, id, expectedRowVersion, cancellationToken);

    /// <summary>The document's id.</summary>
    protected abstract string IdOf(T item);

    /// <summary>The document's name (its own column).</summary>
    protected abstract string NameOf(T item);

    /// <summary>The document's row version.</summary>
    protected abstract long RowVersionOf(T item);

    /// <summary>The document with <paramref name="id"/> and <paramref name="rowVersion"/> set.</summary>
    protected abstract T WithIdentity(T item, string id, long rowVersion);

    /// <summary>Adds the values of the extra columns.</summary>
    protected virtual void AddColumns(DynamicParameters parameters, T item)
    {
    }

    private async Task<WriteResult<T>> CreateAsync(DbConnection connection, DbTransaction? transaction, T item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentException.ThrowIfNullOrWhiteSpace(IdOf(item));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(_insertSql, Parameters(item), transaction, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
        }
        catch (DbException e) when (_connections.Dialect.IsUniqueViolation(e))
        {
            return WriteResult<T>.Conflict;
        }

        return WriteResult<T>.Ok(WithIdentity(item, IdOf(item), 1));
    }

    private async Task<IReadOnlyList<T>> ListAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<JsonRow>(new CommandDefinition(_listSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(ToModel).ToList();
    }

    private async Task<WriteResult<T>> UpdateAsync(DbConnection connection, DbTransaction? transaction, T item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var changed = await connection.ExecuteAsync(new CommandDefinition(_updateSql, Parameters(item), transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        if (changed == 1)
        {
            return WriteResult<T>.Ok(WithIdentity(item, IdOf(item), RowVersionOf(item) + 1));
        }

        return await ExistsAsync(connection, transaction, IdOf(item), cancellationToken).ConfigureAwait(false) ? WriteResult<T>.Conflict : WriteResult<T>.NotFound;
    }

    private async Task<WriteStatus> DeleteAsync(DbConnection connection, DbTransaction? transaction, string id, long expectedRowVersion, CancellationToken cancellationToken)
    {
        var deleted = await connection.ExecuteAsync(new CommandDefinition(_deleteSql, new { id, expectedRowVersion }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        if (deleted == 1)
        {
            return WriteStatus.Ok;
        }

        return await ExistsAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false) ? WriteStatus.Conflict : WriteStatus.NotFound;
    }

    private async Task<bool> ExistsAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(_existsSql, new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;

    private DynamicParameters Parameters(T item)
    {
        var parameters = new DynamicParameters();
        parameters.Add("Id", IdOf(item));
        parameters.Add("Name", NameOf(item));
        parameters.Add("Body", JsonSerializer.Serialize(WithIdentity(item, IdOf(item), 0), ModelJson.Options));
        parameters.Add("Now", _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        parameters.Add("ExpectedRowVersion", RowVersionOf(item));
        AddColumns(parameters, item);
        return parameters;
    }

    private T ToModel(JsonRow row) =>
        WithIdentity(
            JsonSerializer.Deserialize<T>(row.Body, ModelJson.Options) ?? throw new InvalidDataException($"{typeof(T).Name} {row.Id} has no body."),
            row.Id,
            row.RowVersion);
}
