using Microsoft.Data.Sqlite;
using Shouldly;
using Softswitch.Admin.Persistence;
using Softswitch.Admin.Tests.Infrastructure;

namespace Softswitch.Admin.Tests.Persistence;

/// <summary>The repository suite on SQLite: a new file in a temporary folder per test.</summary>
public sealed class SqliteRepositoryTests : RepositoryTestSuite
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("softswitch-sqlite-");
    private int _databases;

    internal override Task<IDbConnectionFactory> CreateDatabaseAsync()
    {
        var file = Path.Combine(_directory.FullName, $"db{Interlocked.Increment(ref _databases)}.db");
        return Task.FromResult<IDbConnectionFactory>(
            new SqliteConnectionFactory(SqliteConnectionFactory.ConnectionStringForFile(file), TimeSpan.FromSeconds(10)));
    }

    internal override IDbConnectionFactory CreateSecondFactory(IDbConnectionFactory factory) =>
        new SqliteConnectionFactory(
            SqliteConnectionFactory.ConnectionStringForFile(((SqliteConnectionFactory)factory).DataSource) + ";Cache=Private",
            TimeSpan.FromSeconds(10));

    internal override Task<DatabaseOutage> BeginOutageAsync()
    {
        var flaky = new UnreachableSqliteFactory(Factory, _directory.FullName) { Down = true };
        return Task.FromResult(new DatabaseOutage(flaky, () =>
        {
            flaky.FailedOpens.ShouldBeGreaterThan(0, "the writer never tried the unreachable database");
            flaky.Down = false;
            return Task.CompletedTask;
        }));
    }

    protected override Task DropDatabasesAsync()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
