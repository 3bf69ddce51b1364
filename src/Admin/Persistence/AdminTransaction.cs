using System.Data.Common;

namespace Softswitch.Admin.Persistence;

/// <summary>
/// One connection and one open transaction that several repository writes share, so they all happen or none does
/// (<c>softswitch config import</c>). On SQLite the transaction takes the write lock when it begins (<c>BEGIN IMMEDIATE</c>).
/// Disposing it without <see cref="CommitAsync"/> rolls everything back.
/// </summary>
internal sealed class AdminTransaction : IAsyncDisposable
{
    private AdminTransaction(DbConnection connection, DbTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    /// <summary>The connection every write of the transaction uses.</summary>
    public DbConnection Connection { get; }

    /// <summary>The transaction.</summary>
    public DbTransaction Transaction { get; }

    /// <summary>Opens a connection and begins a transaction on it.</summary>
    /// <param name="connections">The database.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The transaction; dispose it.</returns>
    public static async Task<AdminTransaction> BeginAsync(IDbConnectionFactory connections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connections);
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Microsoft.Data.Sqlite begins a non-deferred (IMMEDIATE) transaction; PostgreSQL, READ COMMITTED with row
            // version checks on every update.
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            return new AdminTransaction(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Commits every write.</summary>
    /// <param name="cancellationToken">Cancels the commit.</param>
    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    /// <summary>Rolls back (unless committed) and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
    }
}
