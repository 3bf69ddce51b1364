using System.Data.Common;

namespace Softswitch.Admin.Persistence;

/// <summary>Opens connections to the admin database.</summary>
internal interface IDbConnectionFactory
{
    /// <summary>The database's SQL differences.</summary>
    ISqlDialect Dialect { get; }

    /// <summary>Opens a connection (from the pool); the caller disposes it.</summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>An open connection.</returns>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}
