using System.Data.Common;
using System.Text.Json;
using Dapper;
using Softswitch.Admin.Model;

namespace Softswitch.Admin.Persistence;

/// <summary>Dialplan routes, stored as JSON with their priority and enabled flag in columns; optimistic concurrency on the row version.</summary>
internal sealed class RouteRepository
{
    private const string Columns = "id AS Id, body AS Body, row_version AS RowVersion";
    private const string InsertSql =
        "INSERT INTO routes (id, name, priority, enabled, body, row_version, created_at, updated_at) " +
        "VALUES (@Id, @Name, @Priority, @Enabled, @Body, 1, @Now, @Now)";
    private const string GetSql = $"SELECT {Columns} FROM routes WHERE id = @id";
    private const string ListSql = $"SELECT {Columns} FROM routes ORDER BY priority, id";
    private const string UpdateSql =
        "UPDATE routes SET name = @Name, priority = @Priority, enabled = @Enabled, body = @Body, row_version = row_version + 1, updated_at = @Now " +
        "WHERE id = @Id AND row_version = @ExpectedRowVersion";
    private const string DeleteSql = "DELETE FROM routes WHERE id = @id AND row_version = @expectedRowVersion";
    private const string ExistsSql = "SELECT COUNT(*) FROM routes WHERE id = @id";

    private readonly IDbConnectionFactory _connections;
    private readonly TimeProvider _timeProvider;

    public RouteRepository(IDbConnectionFactory connections, TimeProvider timeProvider)
    {
        _connections = connections;
        _timeProvider = timeProvider;
    }

    /// <summary>Stores a new route (its <see cref="Route.RowVersion"/> is ignored); Conflict when the id exists.</summary>
    public async Task<WriteResult<Route>> CreateAsync(Route route, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await CreateAsync(connection, null, route, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stores a new route inside <paramref name="transaction"/>; results as the other overload.</summary>
    public Task<WriteResult<Route>> CreateAsync(Route route, AdminTransaction transaction, CancellationToken cancellationToken) =>
        CreateAsync(transaction.Connection, transaction.Transaction, route, cancellationToken);

    /// <summary>The route, or null.</summary>
    public async Task<Route?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var row = await connection.QuerySingleOrDefaultAsync<JsonRow>(new CommandDefinition(GetSql, new { id }, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
            return row is null ? null : ToModel(row);
        }
    }

    /// <summary>Every route, in the order they are tried (ascending priority, then id).</summary>
    public async Task<IReadOnlyList<Route>> ListAsync(CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ListAsync(connection, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every route, in the same order, read inside <paramref name="transaction"/>.</summary>
    public Task<IReadOnlyList<Route>> ListAsync(AdminTransaction transaction, CancellationToken cancellationToken) =>
        ListAsync(transaction.Connection, transaction.Transaction, cancellationToken);

    /// <summary>
    /// Replaces the route whose id and row version are <paramref name="route"/>'s. NotFound when there is no such route;
    /// Conflict when its row version differs (it changed since it was read).
    /// </summary>
    public async Task<WriteResult<Route>> UpdateAsync(Route route, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await UpdateAsync(connection, null, route, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Replaces the route inside <paramref name="transaction"/>; results as the other overload.</summary>
    public Task<WriteResult<Route>> UpdateAsync(Route route, AdminTransaction transaction, CancellationToken cancellationToken) =>
        UpdateAsync(transaction.Connection, transaction.Transaction, route, cancellationToken);

    /// <summary>Deletes the route if its row version is <paramref name="expectedRowVersion"/>; NotFound or Conflict otherwise.</summary>
    public async Task<WriteStatus> DeleteAsync(string id, long expectedRowVersion, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await DeleteAsync(connection, null, id, expectedRowVersion, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the route inside <paramref name="transaction"/>; results as the other overload.</summary>
    public Task<WriteStatus> DeleteAsync(string id, long expectedRowVersion, AdminTransaction transaction, CancellationToken cancellationToken) =>
        DeleteAsync(transaction.Connection, transaction.Transaction, id, expectedRowVersion, cancellationToken);

    private async Task<WriteResult<Route>> CreateAsync(DbConnection connection, DbTransaction? transaction, Route route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentException.ThrowIfNullOrWhiteSpace(route.Id);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, Parameters(route), transaction, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
        }
        catch (DbException e) when (_connections.Dialect.IsUniqueViolation(e))
        {
            return WriteResult<Route>.Conflict;
        }

        return WriteResult<Route>.Ok(route with { RowVersion = 1 });
    }

    private static async Task<IReadOnlyList<Route>> ListAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<JsonRow>(new CommandDefinition(ListSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(ToModel).ToList();
    }

    private async Task<WriteResult<Route>> UpdateAsync(DbConnection connection, DbTransaction? transaction, Route route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        var changed = await connection.ExecuteAsync(new CommandDefinition(UpdateSql, Parameters(route), transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        if (changed == 1)
        {
            return WriteResult<Route>.Ok(route with { RowVersion = route.RowVersion + 1 });
        }

        return await ExistsAsync(connection, transaction, route.Id, cancellationToken).ConfigureAwait(false) ? WriteResult<Route>.Conflict : WriteResult<Route>.NotFound;
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

    private object Parameters(Route route) => new
    {
        route.Id,
        route.Name,
        Priority = (long)route.Priority,
        route.Enabled,
        Body = JsonSerializer.Serialize(route with { RowVersion = 0 }, ModelJson.Options),
        Now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds(),
        ExpectedRowVersion = route.RowVersion,
    };

    private static Route ToModel(JsonRow row) =>
        (JsonSerializer.Deserialize<Route>(row.Body, ModelJson.Options) ?? throw new InvalidDataException($"Route {row.Id} has no body."))
        with { Id = row.Id, RowVersion = row.RowVersion };
}
