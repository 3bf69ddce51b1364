using System.Data.Common;
using System.Text.Json;
using Dapper;
using Softswitch.Admin.Model;

namespace Softswitch.Admin.Persistence;

/// <summary>Queues, stored as JSON; optimistic concurrency on the row version.</summary>
internal sealed class QueueRepository
{
    private const string Columns = "id AS Id, body AS Body, row_version AS RowVersion";
    private const string InsertSql =
        "INSERT INTO queues (id, name, body, row_version, created_at, updated_at) " +
        "VALUES (@Id, @Name, @Body, 1, @Now, @Now)";
    private const string GetSql = $"SELECT {Columns} FROM queues WHERE id = @id";
    private const string ListSql = $"SELECT {Columns} FROM queues ORDER BY id";
    private const string UpdateSql =
        "UPDATE queues SET name = @Name, body = @Body, row_version = row_version + 1, updated_at = @Now " +
        "WHERE id = @Id AND row_version = @ExpectedRowVersion";
    private const string DeleteSql = "DELETE FROM queues WHERE id = @id AND row_version = @expectedRowVersion";
    private const string ExistsSql = "SELECT COUNT(*) FROM queues WHERE id = @id";

    private readonly IDbConnectionFactory _connections;
    private readonly TimeProvider _timeProvider;

    public QueueRepository(IDbConnectionFactory connections, TimeProvider timeProvider)
    {
        _connections = connections;
        _timeProvider = timeProvider;
    }

    /// <summary>Stores a new queue (its <see cref="Queue.RowVersion"/> is ignored); Conflict when the id exists.</summary>
    public async Task<WriteResult<Queue>> CreateAsync(Queue queue, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await CreateAsync(connection, null, queue, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stores a new queue inside <paramref name="transaction"/>; results as the other overload.</summary>
    public Task<WriteResult<Queue>> CreateAsync(Queue queue, AdminTransaction transaction, CancellationToken cancellationToken) =>
        CreateAsync(transaction.Connection, transaction.Transaction, queue, cancellationToken);

    /// <summary>The queue, or null.</summary>
    public async Task<Queue?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var row = await connection.QuerySingleOrDefaultAsync<JsonRow>(new CommandDefinition(GetSql, new { id }, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
            return row is null ? null : ToModel(row);
        }
    }

    /// <summary>Every queue, by id.</summary>
    public async Task<IReadOnlyList<Queue>> ListAsync(CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ListAsync(connection, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every queue, in the same order, read inside <paramref name="transaction"/>.</summary>
    public Task<IReadOnlyList<Queue>> ListAsync(AdminTransaction transaction, CancellationToken cancellationToken) =>
        ListAsync(transaction.Connection, transaction.Transaction, cancellationToken);

    /// <summary>
    /// Replaces the queue whose id and row version are <paramref name="queue"/>'s. NotFound when there is no such queue;
    /// Conflict when its row version differs (it changed since it was read).
    /// </summary>
    public async Task<WriteResult<Queue>> UpdateAsync(Queue queue, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await UpdateAsync(connection, null, queue, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Replaces the queue inside <paramref name="transaction"/>; results as the other overload.</summary>
    public Task<WriteResult<Queue>> UpdateAsync(Queue queue, AdminTransaction transaction, CancellationToken cancellationToken) =>
        UpdateAsync(transaction.Connection, transaction.Transaction, queue, cancellationToken);

    /// <summary>Deletes the queue if its row version is <paramref name="expectedRowVersion"/>; NotFound or Conflict otherwise.</summary>
    public async Task<WriteStatus> DeleteAsync(string id, long expectedRowVersion, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await DeleteAsync(connection, null, id, expectedRowVersion, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the queue inside <paramref name="transaction"/>; results as the other overload.</summary>
    public Task<WriteStatus> DeleteAsync(string id, long expectedRowVersion, AdminTransaction transaction, CancellationToken cancellationToken) =>
        DeleteAsync(transaction.Connection, transaction.Transaction, id, expectedRowVersion, cancellationToken);

    private async Task<WriteResult<Queue>> CreateAsync(DbConnection connection, DbTransaction? transaction, Queue queue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentException.ThrowIfNullOrWhiteSpace(queue.Id);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, Parameters(queue), transaction, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
        }
        catch (DbException e) when (_connections.Dialect.IsUniqueViolation(e))
        {
            return WriteResult<Queue>.Conflict;
        }

        return WriteResult<Queue>.Ok(queue with { RowVersion = 1 });
    }

    private static async Task<IReadOnlyList<Queue>> ListAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<JsonRow>(new CommandDefinition(ListSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(ToModel).ToList();
    }

    private async Task<WriteResult<Queue>> UpdateAsync(DbConnection connection, DbTransaction? transaction, Queue queue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var changed = await connection.ExecuteAsync(new CommandDefinition(UpdateSql, Parameters(queue), transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        if (changed == 1)
        {
            return WriteResult<Queue>.Ok(queue with { RowVersion = queue.RowVersion + 1 });
        }

        return await ExistsAsync(connection, transaction, queue.Id, cancellationToken).ConfigureAwait(false) ? WriteResult<Queue>.Conflict : WriteResult<Queue>.NotFound;
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

    private object Parameters(Queue queue) => new
    {
        queue.Id,
        queue.Name,
        Body = JsonSerializer.Serialize(queue with { RowVersion = 0 }, ModelJson.Options),
        Now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds(),
        ExpectedRowVersion = queue.RowVersion,
    };

    private static Queue ToModel(JsonRow row) =>
        (JsonSerializer.Deserialize<Queue>(row.Body, ModelJson.Options) ?? throw new InvalidDataException($"Queue {row.Id} has no body."))
        with { Id = row.Id, RowVersion = row.RowVersion };
}
