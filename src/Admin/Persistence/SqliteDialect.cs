using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Softswitch.Admin.Persistence;

/// <summary>SQLite: <c>INTEGER PRIMARY KEY</c> ids, integers for booleans, <c>BEGIN IMMEDIATE</c> for migrations.</summary>
internal sealed class SqliteDialect : ISqlDialect
{
    // https://www.sqlite.org/rescode.html
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteProtocol = 15;
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    public static SqliteDialect Instance { get; } = new();

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string AutoIncrementPrimaryKey => "INTEGER PRIMARY KEY AUTOINCREMENT";

    public string BooleanType => "INTEGER";

    public string DoubleType => "REAL";

    public string UpsertClause(IReadOnlyList<string> keyColumns, IReadOnlyList<string> updateColumns) =>
        SqlText.OnConflictDoUpdate(keyColumns, updateColumns);

    public Task<DbTransaction> BeginMigrationTransactionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        cancellationToken.ThrowIfCancellationRequested();

        // deferred: false is BEGIN IMMEDIATE: the write lock is taken now, and a second migrator waits (busy timeout) until
        // this one commits, then sees its rows in schema_migrations.
        DbTransaction transaction = ((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false);
        return Task.FromResult(transaction);
    }

    public bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint } e
        && e.SqliteExtendedErrorCode is SqliteConstraintPrimaryKey or SqliteConstraintUnique;

    public bool IsTransient(Exception exception) => exception switch
    {
        SqliteException e => e.SqliteErrorCode is SqliteBusy or SqliteLocked or SqliteIoError or SqliteFull or SqliteCantOpen or SqliteProtocol,
        IOException or UnauthorizedAccessException or TimeoutException => true,
        _ => false,
    };
}
