using Dapper;
using Shouldly;
using Softswitch.Admin.Persistence;
using Xunit;

namespace Softswitch.Admin.Tests.Persistence;

public abstract partial class RepositoryTestSuite
{
    [Fact]
    public async Task Migrate_SecondRun_AppliesNothing()
    {
        var applied = await Migrator(Factory).MigrateAsync(CancellationToken.None);

        applied.ShouldBe(0);
        (await CountMigrationsAsync(Factory)).ShouldBe(MigrationCatalog.Load(Factory.Dialect).Count);
    }

    [Fact]
    public async Task Migrate_NewDatabase_CreatesEveryTable()
    {
        await using var connection = await Factory.OpenAsync(CancellationToken.None);
        foreach (var table in new[] { "agents", "agent_versions", "routes", "trunks", "queues", "calls", "call_events", "transcripts", "api_keys" })
        {
            (await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM {table}"))).ShouldBe(0, table);
        }
    }

    [Fact]
    public async Task Migrate_TwoConnectionsAtOnce_AppliesEachMigrationOnce()
    {
        var expected = MigrationCatalog.Load(Factory.Dialect).Count;
        for (var round = 0; round < 3; round++)
        {
            var first = await CreateDatabaseAsync();
            var second = CreateSecondFactory(first);
            using var start = new Barrier(2);

            var results = await Task.WhenAll(
                Task.Run(() => { start.SignalAndWait(); return Migrator(first).MigrateAsync(CancellationToken.None); }),
                Task.Run(() => { start.SignalAndWait(); return Migrator(second).MigrateAsync(CancellationToken.None); }));

            results.Order().ToArray().ShouldBe(new[] { 0, expected }, $"round {round}");
            (await CountMigrationsAsync(first)).ShouldBe(expected);
            (await Migrator(second).MigrateAsync(CancellationToken.None)).ShouldBe(0);
        }
    }

    [Fact]
    public void MigrationCatalog_Versions_AreOrderedAndNamed()
    {
        var migrations = MigrationCatalog.Load(Factory.Dialect);

        migrations.ShouldNotBeEmpty();
        migrations[0].Version.ShouldBe(1);
        migrations[0].Name.ShouldBe("initial");
        migrations.Select(m => m.Version).ShouldBe(migrations.Select(m => m.Version).Order());
        migrations.ShouldAllBe(m => !m.Sql.Contains("{{"));
    }

    private static async Task<long> CountMigrationsAsync(IDbConnectionFactory factory)
    {
        await using var connection = await factory.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM schema_migrations"));
    }
}
