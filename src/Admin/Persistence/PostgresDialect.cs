using System.Data.Common;
using System.Net.Sockets;
using Dapper;
using Npgsql;

namespace Softswitch.Admin.Persistence;

/// <summary>PostgreSQL: identity columns, real booleans, a transaction-scoped advisory lock for migrations.</summary>
internal sealed class PostgresDialect : ISqlDialect
{
    /// <summary>Advisory lock key of schema migrations (any constant shared by every node; "SSWMIGR" in ASCII).</summary>
    internal const long MigrationLockKey = 0x53_53_57_4D_49_47_52;

    public static PostgresDialect Instance { get; } = new();

    public DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public string AutoIncrementPrimaryKey => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    public string BooleanType => "BOOLEAN";

    public string DoubleType => "DOUBLE PRECISION";

    public string UpsertClause(IReadOnlyList<string> keyColumns, IReadOnlyList<string> updateColumns) =>
        SqlText.OnConflictDoUpdate(keyColumns, updateColumns);

    public async Task<DbTransaction> BeginMigrationTransactionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Released by COMMIT or ROLLBACK, so a crashed migrator never leaves it held.
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(@key)",
                new { key = MigrationLockKey },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public bool IsTransient(Exception exception) => exception switch
    {
        // Class 08 (connection exception), 57P01-57P03 (shutdown, cannot connect now), 53 (insufficient resources),
        // 40001/40P01 (serialization failure, deadlock).
        PostgresException e => e.IsTransient
            || e.SqlState.StartsWith("08", StringComparison.Ordinal)
            || e.SqlState.StartsWith("57P", StringComparison.Ordinal)
            || e.SqlState.StartsWith("53", StringComparison.Ordinal),
        NpgsqlException e => e.IsTransient || e.InnerException is SocketException or IOException or TimeoutException,
        SocketException or IOException or TimeoutException => true,
        _ => false,
    };
}
