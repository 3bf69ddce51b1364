using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Softswitch.Admin.Persistence;

/// <summary>Connections to one SQLite file, in WAL mode, waiting up to the busy timeout for another writer.</summary>
internal sealed class SqliteConnectionFactory : IDbConnectionFactory
{
    private readonly string _connectionString;
    private readonly string _pragmas;

    /// <summary>Creates the factory.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string.</param>
    /// <param name="busyTimeout">How long to wait for a lock held by another connection.</param>
    public SqliteConnectionFactory(string connectionString, TimeSpan busyTimeout)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        };
        _connectionString = builder.ToString();
        DataSource = builder.DataSource;
        var busyMs = ((long)busyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        _pragmas = $"PRAGMA busy_timeout = {busyMs}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
    }

    /// <summary>The database file.</summary>
    public string DataSource { get; }

    public ISqlDialect Dialect => SqliteDialect.Instance;

    /// <summary>A connection string for the file <paramref name="path"/>.</summary>
    /// <param name="path">The database file.</param>
    /// <returns>The connection string.</returns>
    public static string ConnectionStringForFile(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path }.ToString();

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        // The data directory may not exist yet on a new installation.
        if (!DataSource.StartsWith(':')
            && Path.GetDirectoryName(Path.GetFullPath(DataSource)) is { Length: > 0 } directory
            && !Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // Busy timeout first, so that switching to WAL also waits for a concurrent opener.
            await connection.ExecuteAsync(new CommandDefinition(_pragmas, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
