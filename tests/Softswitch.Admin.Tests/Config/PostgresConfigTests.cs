using Npgsql;
using Softswitch.Admin.Persistence;
using Softswitch.Admin.Tests.Infrastructure;
using Xunit;

namespace Softswitch.Admin.Tests.Config;

/// <summary>The config suite on a real PostgreSQL server: a new schema per database, dropped after the test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresConfigTests : ConfigTestSuite
{
    private readonly PostgresServer _server;
    private readonly List<NpgsqlDataSource> _dataSources = [];
    private readonly List<string> _schemas = [];

    public PostgresConfigTests(PostgresServer server)
    {
        _server = server;
    }

    internal override async Task<IDbConnectionFactory> CreateDatabaseAsync()
    {
        var schema = "cfg_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(_server.AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        _schemas.Add(schema);
        var dataSource = NpgsqlDataSource.Create(_server.ConnectionString(schema));
        _dataSources.Add(dataSource);
        return new PostgresConnectionFactory(dataSource);
    }

    protected override async Task DropDatabasesAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }

        await using var connection = new NpgsqlConnection(_server.AdminConnectionString);
        await connection.OpenAsync();
        foreach (var schema in _schemas)
        {
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
