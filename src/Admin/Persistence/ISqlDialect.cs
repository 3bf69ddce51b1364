using System.Data.Common;

namespace Softswitch.Admin.Persistence;

/// <summary>What differs between SQLite and PostgreSQL; everything else is the same SQL.</summary>
internal interface ISqlDialect
{
    /// <summary>Which database this is.</summary>
    DatabaseProvider Provider { get; }

    /// <summary>Column definition of an auto-incremented 64-bit primary key.</summary>
    string AutoIncrementPrimaryKey { get; }

    /// <summary>Column type of a true/false value.</summary>
    string BooleanType { get; }

    /// <summary>Column type of a floating-point number.</summary>
    string DoubleType { get; }

    /// <summary>
    /// Appends to an <c>INSERT … VALUES (…)</c> the clause that turns it into an upsert: on a conflict on
    /// <paramref name="keyColumns"/>, the other <paramref name="updateColumns"/> take the inserted values.
    /// </summary>
    /// <param name="keyColumns">Columns of the unique key.</param>
    /// <param name="updateColumns">Columns to overwrite.</param>
    /// <returns>The clause.</returns>
    string UpsertClause(IReadOnlyList<string> keyColumns, IReadOnlyList<string> updateColumns);

    /// <summary>
    /// Begins the transaction that applies migrations, holding a lock that keeps any other connection (or node) from
    /// migrating at the same time until it ends.
    /// </summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock.</param>
    /// <returns>The transaction.</returns>
    Task<DbTransaction> BeginMigrationTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Whether the exception reports a unique or primary key violation.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>True for a duplicate key.</returns>
    bool IsUniqueViolation(Exception exception);

    /// <summary>Whether the exception means the database is unreachable or busy for now, so the same write may succeed later.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>True when retrying makes sense.</returns>
    bool IsTransient(Exception exception);
}
