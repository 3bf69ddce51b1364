using Microsoft.Data.Sqlite;
using Softswitch.Admin.Persistence;

namespace Softswitch.Admin.Tests.Config;

/// <summary>The config suite on SQLite: new files in a temporary folder per test.</summary>
public sealed class SqliteConfigTests : ConfigTestSuite
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("softswitch-config-");
    private int _databases;

    internal override Task<IDbConnectionFactory> CreateDatabaseAsync()
    {
        var file = Path.Combine(_directory.FullName, $"db{Interlocked.Increment(ref _databases)}.db");
        return Task.FromResult<IDbConnectionFactory>(
            new SqliteConnectionFactory(SqliteConnectionFactory.ConnectionStringForFile(file), TimeSpan.FromSeconds(10)));
    }

    protected override Task DropDatabasesAsync()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
