using System.Data.Common;
using Microsoft.Data.Sqlite;
using Softswitch.Admin.Persistence;

namespace Softswitch.Admin.Tests.Infrastructure;

/// <summary>
/// Connects to a SQLite file, except while <see cref="Down"/>: then it opens a file in a folder that does not exist,
/// which fails in the real driver (SQLITE_CANTOPEN), as a database on a vanished volume would.
/// </summary>
internal sealed class UnreachableSqliteFactory : IDbConnectionFactory
{
    private readonly IDbConnectionFactory _inner;
    private readonly string _missingFile;
    private int _failedOpens;
    private volatile bool _down;

    public UnreachableSqliteFactory(IDbConnectionFactory inner, string directory)
    {
        _inner = inner;
        _missingFile = Path.Combine(directory, "no-such-folder", "softswitch.db");
    }

    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    public int FailedOpens => Volatile.Read(ref _failedOpens);

    public ISqlDialect Dialect => _inner.Dialect;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!Down)
        {
            return await _inner.OpenAsync(cancellationToken);
        }

        Interlocked.Increment(ref _failedOpens);
        var connection = new SqliteConnection($"Data Source={_missingFile};Mode=ReadWrite;Pooling=false");
        try
        {
            await connection.OpenAsync(cancellationToken);
            throw new InvalidOperationException("The unreachable database was reachable.");
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
