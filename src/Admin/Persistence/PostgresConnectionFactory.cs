using System.Data.Common;
using Npgsql;

namespace Softswitch.Admin.Persistence;

/// <summary>Connections from the one <see cref="NpgsqlDataSource"/> (and its pool).</summary>
internal sealed class PostgresConnectionFactory : IDbConnectionFactory
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Creates the factory; the caller owns (and disposes) the data source.</summary>
    /// <param name="dataSource">The data source.</param>
    public PostgresConnectionFactory(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
    }

    public ISqlDialect Dialect => PostgresDialect.Instance;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
}
