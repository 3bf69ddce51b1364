using Dapper;
using Microsoft.Extensions.Logging;

namespace Softswitch.Admin.Persistence;

/// <summary>
/// Brings the schema up to date: applies, in one transaction under the dialect's migration lock, every embedded migration
/// not yet in <c>schema_migrations</c>. Safe to run twice and from several nodes at once.
/// </summary>
internal sealed class MigrationRunner
{
    private const string CreateTableSql =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

    private const string AppliedSql = "SELECT version FROM schema_migrations";

    private const string InsertSql = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)";

    private readonly IDbConnectionFactory _connections;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<MigrationRunner> _logger;

    public MigrationRunner(IDbConnectionFactory connections, TimeProvider timeProvider, ILogger<MigrationRunner> logger)
    {
        _connections = connections;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Applies the missing migrations.</summary>
    /// <param name="cancellationToken">Cancels the migration (rolling it back).</param>
    /// <returns>How many were applied (0 when the schema was up to date).</returns>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        var dialect = _connections.Dialect;
        var migrations = MigrationCatalog.Load(dialect);
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await dialect.BeginMigrationTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await connection.ExecuteAsync(new CommandDefinition(CreateTableSql, transaction: transaction, cancellationToken: cancellationToken))
                    .ConfigureAwait(false);
                var applied = (await connection.QueryAsync<long>(new CommandDefinition(AppliedSql, transaction: transaction, cancellationToken: cancellationToken))
                    .ConfigureAwait(false)).ToHashSet();

                var count = 0;
                foreach (var migration in migrations)
                {
                    if (applied.Contains(migration.Version))
                    {
                        continue;
                    }

                    await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken))
                        .ConfigureAwait(false);
                    await connection.ExecuteAsync(new CommandDefinition(
                        InsertSql,
                        new { migration.Version, migration.Name, AppliedAt = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds() },
                        transaction,
                        cancellationToken: cancellationToken)).ConfigureAwait(false);
                    count++;
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)))
                {
                    Log.MigrationApplied(_logger, migration.Version, migration.Name);
                }

                Log.SchemaUpToDate(_logger, migrations.Count == 0 ? 0 : migrations[^1].Version, dialect.Provider);
                return count;
            }
        }
    }
}
