using System.Data.Common;
using System.Text.Json;
using Dapper;
using Softswitch.Admin.Model;

namespace Softswitch.Admin.Persistence;

/// <summary>
/// Agents and their versions. A version is a draft (editable, with optimistic concurrency on its row version) until it is
/// published; then it never changes, and the agent's <see cref="Agent.PublishedVersion"/> names the one new calls use.
/// </summary>
internal sealed class AgentRepository
{
    private const string Published = "published";

    private const string AgentColumns = "id AS Id, name AS Name, created_at AS CreatedAt, published_version AS PublishedVersion";
    private const string VersionColumns =
        "agent_id AS AgentId, version AS Version, state AS State, definition AS Definition, created_at AS CreatedAt, published_at AS PublishedAt, row_version AS RowVersion";

    private const string InsertAgentSql = "INSERT INTO agents (id, name, created_at, published_version) VALUES (@Id, @Name, @CreatedAt, NULL)";
    private const string InsertVersionSql =
        "INSERT INTO agent_versions (agent_id, version, state, definition, created_at, published_at, row_version) " +
        "VALUES (@AgentId, @Version, 'draft', @Definition, @CreatedAt, NULL, 1)";
    private const string GetAgentSql = $"SELECT {AgentColumns} FROM agents WHERE id = @id";
    private const string ListAgentsSql = $"SELECT {AgentColumns} FROM agents ORDER BY id";
    private const string GetVersionSql = $"SELECT {VersionColumns} FROM agent_versions WHERE agent_id = @agentId AND version = @version";
    private const string LatestVersionSql =
        $"SELECT {VersionColumns} FROM agent_versions WHERE agent_id = @agentId ORDER BY version DESC LIMIT 1";
    private const string ListVersionsSql = $"SELECT {VersionColumns} FROM agent_versions WHERE agent_id = @agentId ORDER BY version";
    private const string UpdateDraftSql =
        "UPDATE agent_versions SET definition = @Definition, row_version = row_version + 1 " +
        "WHERE agent_id = @AgentId AND version = @Version AND state = 'draft' AND row_version = @ExpectedRowVersion";
    private const string PublishSql =
        "UPDATE agent_versions SET state = 'published', published_at = @PublishedAt, row_version = row_version + 1 " +
        "WHERE agent_id = @AgentId AND version = @Version AND state = 'draft' AND row_version = @ExpectedRowVersion";
    private const string SetPublishedVersionSql = "UPDATE agents SET published_version = @Version WHERE id = @AgentId";
    private const string RollBackSql =
        "UPDATE agents SET published_version = @Version WHERE id = @AgentId AND EXISTS " +
        "(SELECT 1 FROM agent_versions WHERE agent_id = @AgentId AND version = @Version AND state = 'published')";
    private const string DeleteVersionsSql = "DELETE FROM agent_versions WHERE agent_id = @id";
    private const string DeleteAgentSql = "DELETE FROM agents WHERE id = @id";
    private const string RenameSql = "UPDATE agents SET name = @Name WHERE id = @Id";

    private readonly IDbConnectionFactory _connections;
    private readonly TimeProvider _timeProvider;

    public AgentRepository(IDbConnectionFactory connections, TimeProvider timeProvider)
    {
        _connections = connections;
        _timeProvider = timeProvider;
    }

    /// <summary>Creates an agent with version 1 as a draft of <paramref name="definition"/>; Conflict when the id exists.</summary>
    public async Task<WriteResult<Agent>> CreateAsync(string id, string name, AgentDefinition definition, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await CreateAsync(connection, transaction, id, name, definition, cancellationToken).ConfigureAwait(false);
                if (result.Status == WriteStatus.Ok)
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                return result;
            }
        }
    }

    /// <summary>Creates an agent with version 1 as a draft, inside <paramref name="transaction"/>; Conflict when the id exists.</summary>
    public Task<WriteResult<Agent>> CreateAsync(string id, string name, AgentDefinition definition, AdminTransaction transaction, CancellationToken cancellationToken) =>
        CreateAsync(transaction.Connection, transaction.Transaction, id, name, definition, cancellationToken);

    /// <summary>The agent, or null.</summary>
    public async Task<Agent?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var row = await connection.QuerySingleOrDefaultAsync<AgentRow>(new CommandDefinition(
                GetAgentSql, new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return row?.ToModel();
        }
    }

    /// <summary>Every agent, by id.</summary>
    public async Task<IReadOnlyList<Agent>> ListAsync(CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ListAsync(connection, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every agent, by id, read inside <paramref name="transaction"/>.</summary>
    public Task<IReadOnlyList<Agent>> ListAsync(AdminTransaction transaction, CancellationToken cancellationToken) =>
        ListAsync(transaction.Connection, transaction.Transaction, cancellationToken);

    /// <summary>One version of the agent, or null.</summary>
    public async Task<AgentVersion?> GetVersionAsync(string agentId, int version, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await GetVersionAsync(connection, null, agentId, version, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every version of the agent, oldest first (empty when there is no such agent).</summary>
    public async Task<IReadOnlyList<AgentVersion>> ListVersionsAsync(string agentId, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ListVersionsAsync(connection, null, agentId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every version of the agent, oldest first, read inside <paramref name="transaction"/>.</summary>
    public Task<IReadOnlyList<AgentVersion>> ListVersionsAsync(string agentId, AdminTransaction transaction, CancellationToken cancellationToken) =>
        ListVersionsAsync(transaction.Connection, transaction.Transaction, agentId, cancellationToken);

    /// <summary>
    /// Replaces a draft's definition. NotFound when there is no such version; Conflict when it is published or its row
    /// version is not <paramref name="expectedRowVersion"/>.
    /// </summary>
    public async Task<WriteResult<AgentVersion>> UpdateDraftAsync(
        string agentId, int version, AgentDefinition definition, long expectedRowVersion, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await UpdateDraftAsync(connection, null, agentId, version, definition, expectedRowVersion, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Replaces a draft's definition inside <paramref name="transaction"/>; results as the other overload.</summary>
    public Task<WriteResult<AgentVersion>> UpdateDraftAsync(
        string agentId, int version, AgentDefinition definition, long expectedRowVersion, AdminTransaction transaction, CancellationToken cancellationToken) =>
        UpdateDraftAsync(transaction.Connection, transaction.Transaction, agentId, version, definition, expectedRowVersion, cancellationToken);

    /// <summary>
    /// Publishes a draft: it becomes immutable and the agent's published version. NotFound when there is no such version;
    /// Conflict when it is published already or its row version is not <paramref name="expectedRowVersion"/>.
    /// </summary>
    public async Task<WriteResult<AgentVersion>> PublishAsync(string agentId, int version, long expectedRowVersion, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await PublishAsync(connection, transaction, agentId, version, expectedRowVersion, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }

    /// <summary>Publishes a draft inside <paramref name="transaction"/>; results as the other overload.</summary>
    public Task<WriteResult<AgentVersion>> PublishAsync(string agentId, int version, long expectedRowVersion, AdminTransaction transaction, CancellationToken cancellationToken) =>
        PublishAsync(transaction.Connection, transaction.Transaction, agentId, version, expectedRowVersion, cancellationToken);

    /// <summary>
    /// Creates a new draft (the next version number) copying the definition of <paramref name="fromVersion"/>, or of the
    /// latest version when it is null. NotFound when there is no such agent or version; Conflict when another draft was
    /// created at the same moment.
    /// </summary>
    public async Task<WriteResult<AgentVersion>> CreateDraftAsync(string agentId, int? fromVersion, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var latest = await connection.QuerySingleOrDefaultAsync<VersionRow>(new CommandDefinition(
                    LatestVersionSql, new { agentId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                var source = fromVersion is { } v && latest is not null
                    ? await GetVersionAsync(connection, transaction, agentId, v, cancellationToken).ConfigureAwait(false)
                    : latest?.ToModel();
                if (latest is null || source is null)
                {
                    return WriteResult<AgentVersion>.NotFound;
                }

                var result = await InsertDraftAsync(connection, transaction, agentId, (int)latest.Version + 1, source.Definition, cancellationToken).ConfigureAwait(false);
                if (result.Status == WriteStatus.Ok)
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                return result;
            }
        }
    }

    /// <summary>
    /// Adds a draft of <paramref name="definition"/> as the next version of the agent, inside <paramref name="transaction"/>.
    /// NotFound when there is no such agent; Conflict when another version took the number.
    /// </summary>
    public async Task<WriteResult<AgentVersion>> AddDraftAsync(string agentId, AgentDefinition definition, AdminTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var latest = await transaction.Connection.QuerySingleOrDefaultAsync<VersionRow>(new CommandDefinition(
            LatestVersionSql, new { agentId }, transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return latest is null
            ? WriteResult<AgentVersion>.NotFound
            : await InsertDraftAsync(transaction.Connection, transaction.Transaction, agentId, (int)latest.Version + 1, definition, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes an earlier (or any) published version the one new calls use. NotFound when there is no such agent or version;
    /// Conflict when the version is a draft.
    /// </summary>
    public async Task<WriteResult<Agent>> RollBackAsync(string agentId, int version, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await RollBackAsync(connection, null, agentId, version, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Makes a published version current inside <paramref name="transaction"/>; results as the other overload.</summary>
    public Task<WriteResult<Agent>> RollBackAsync(string agentId, int version, AdminTransaction transaction, CancellationToken cancellationToken) =>
        RollBackAsync(transaction.Connection, transaction.Transaction, agentId, version, cancellationToken);

    /// <summary>Changes the agent's display name inside <paramref name="transaction"/>; false when there is no such agent.</summary>
    public async Task<bool> RenameAsync(string agentId, string name, AdminTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var changed = await transaction.Connection.ExecuteAsync(new CommandDefinition(
            RenameSql, new { Id = agentId, Name = name }, transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 1;
    }

    /// <summary>Deletes the agent and all its versions; false when there is no such agent.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var deleted = await DeleteAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return deleted;
            }
        }
    }

    /// <summary>Deletes the agent and all its versions inside <paramref name="transaction"/>; false when there is no such agent.</summary>
    public Task<bool> DeleteAsync(string id, AdminTransaction transaction, CancellationToken cancellationToken) =>
        DeleteAsync(transaction.Connection, transaction.Transaction, id, cancellationToken);

    private async Task<WriteResult<Agent>> CreateAsync(
        DbConnection connection, DbTransaction transaction, string id, string name, AgentDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(definition);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                InsertAgentSql, new { Id = id, Name = name, CreatedAt = now }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                InsertVersionSql,
                new { AgentId = id, Version = 1L, Definition = Serialize(definition), CreatedAt = now },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (DbException e) when (_connections.Dialect.IsUniqueViolation(e))
        {
            return WriteResult<Agent>.Conflict;
        }

        return WriteResult<Agent>.Ok(new Agent(id, name, UnixTime.FromMs(now), null));
    }

    private static async Task<IReadOnlyList<Agent>> ListAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<AgentRow>(new CommandDefinition(ListAgentsSql, transaction: transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

    private static async Task<IReadOnlyList<AgentVersion>> ListVersionsAsync(
        DbConnection connection, DbTransaction? transaction, string agentId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<VersionRow>(new CommandDefinition(
            ListVersionsSql, new { agentId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

    private static async Task<WriteResult<AgentVersion>> UpdateDraftAsync(
        DbConnection connection, DbTransaction? transaction, string agentId, int version, AgentDefinition definition, long expectedRowVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            UpdateDraftSql,
            new { AgentId = agentId, Version = (long)version, Definition = Serialize(definition), ExpectedRowVersion = expectedRowVersion },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var stored = await GetVersionAsync(connection, transaction, agentId, version, cancellationToken).ConfigureAwait(false);
        return changed == 1 && stored is not null ? WriteResult<AgentVersion>.Ok(stored)
            : stored is null ? WriteResult<AgentVersion>.NotFound
            : WriteResult<AgentVersion>.Conflict;
    }

    private async Task<WriteResult<AgentVersion>> PublishAsync(
        DbConnection connection, DbTransaction transaction, string agentId, int version, long expectedRowVersion, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var args = new { AgentId = agentId, Version = (long)version, PublishedAt = now, ExpectedRowVersion = expectedRowVersion };
        var changed = await connection.ExecuteAsync(new CommandDefinition(PublishSql, args, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        if (changed == 1)
        {
            await connection.ExecuteAsync(new CommandDefinition(SetPublishedVersionSql, args, transaction, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
        }

        var stored = await GetVersionAsync(connection, transaction, agentId, version, cancellationToken).ConfigureAwait(false);
        return changed == 1 && stored is not null ? WriteResult<AgentVersion>.Ok(stored)
            : stored is null ? WriteResult<AgentVersion>.NotFound
            : WriteResult<AgentVersion>.Conflict;
    }

    private async Task<WriteResult<AgentVersion>> InsertDraftAsync(
        DbConnection connection, DbTransaction transaction, string agentId, int version, AgentDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                InsertVersionSql,
                new { AgentId = agentId, Version = (long)version, Definition = Serialize(definition), CreatedAt = now },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (DbException e) when (_connections.Dialect.IsUniqueViolation(e))
        {
            return WriteResult<AgentVersion>.Conflict;
        }

        return WriteResult<AgentVersion>.Ok(new AgentVersion(agentId, version, AgentVersionState.Draft, definition, UnixTime.FromMs(now), null, 1));
    }

    private static async Task<WriteResult<Agent>> RollBackAsync(
        DbConnection connection, DbTransaction? transaction, string agentId, int version, CancellationToken cancellationToken)
    {
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            RollBackSql, new { AgentId = agentId, Version = (long)version }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (changed == 1)
        {
            var agent = await connection.QuerySingleOrDefaultAsync<AgentRow>(new CommandDefinition(
                GetAgentSql, new { id = agentId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return agent is null ? WriteResult<Agent>.NotFound : WriteResult<Agent>.Ok(agent.ToModel());
        }

        var stored = await GetVersionAsync(connection, transaction, agentId, version, cancellationToken).ConfigureAwait(false);
        return stored is null ? WriteResult<Agent>.NotFound : WriteResult<Agent>.Conflict;
    }

    private static async Task<bool> DeleteAsync(DbConnection connection, DbTransaction transaction, string id, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(DeleteVersionsSql, new { id }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(DeleteAgentSql, new { id }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return deleted == 1;
    }

    private static async Task<AgentVersion?> GetVersionAsync(
        DbConnection connection, DbTransaction? transaction, string agentId, int version, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<VersionRow>(new CommandDefinition(
            GetVersionSql, new { agentId, version = (long)version }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToModel();
    }

    private static string Serialize(AgentDefinition definition) => JsonSerializer.Serialize(definition, ModelJson.Options);

    private sealed class AgentRow
    {
        public string Id { get; set; } = "";

        public string Name { get; set; } = "";

        public long CreatedAt { get; set; }

        public long? PublishedVersion { get; set; }

        public Agent ToModel() => new(Id, Name, UnixTime.FromMs(CreatedAt), PublishedVersion is { } v ? (int)v : null);
    }

    private sealed class VersionRow
    {
        public string AgentId { get; set; } = "";

        public long Version { get; set; }

        public string State { get; set; } = "";

        public string Definition { get; set; } = "";

        public long CreatedAt { get; set; }

        public long? PublishedAt { get; set; }

        public long RowVersion { get; set; }

        public AgentVersion ToModel() => new(
            AgentId,
            (int)Version,
            State == Published ? AgentVersionState.Published : AgentVersionState.Draft,
            JsonSerializer.Deserialize<AgentDefinition>(Definition, ModelJson.Options)
                ?? throw new InvalidDataException($"Agent {AgentId} version {Version} has no definition."),
            UnixTime.FromMs(CreatedAt),
            UnixTime.FromMs(PublishedAt),
            RowVersion);
    }
}
