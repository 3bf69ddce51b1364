using Npgsql;
using Softswitch.Admin.Persistence;
using Softswitch.Admin.Tests.Infrastructure;
using Xunit;

namespace Softswitch.Admin.Tests.Persistence;

/// <summary>The repository suite on a real PostgreSQL server: a new schema per database, dropped after the test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRepositoryTests : RepositoryTestSuite
{
    private readonly PostgresServer _server;
    private readonly List<NpgsqlDataSource> _dataSources = [];
    private readonly List<string> _schemas = [];
    private readonly Dictionary<IDbConnectionFactory, string> _schemaOf = [];

    public PostgresRepositoryTests(PostgresServer server)
    {
        _server = server;
    }

    internal override async Task<IDbConnectionFactory> CreateDatabaseAsync()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(_server.AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        _schemas.Add(schema);
        return Open(schema);
    }

    internal override IDbConnectionFactory CreateSecondFactory(IDbConnectionFactory factory) => Open(_schemaOf[factory]);

    internal override async Task<DatabaseOutage> BeginOutageAsync()
    {
        await _server.StopAsync();
        return new DatabaseOutage(Factory, _server.StartAsync);
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

    private PostgresConnectionFactory Open(string schema)
    {
        var dataSource = NpgsqlDataSource.Create(_server.ConnectionString(schema));
        _dataSources.Add(dataSource);
        var factory = new PostgresConnectionFactory(dataSource);
        _schemaOf[factory] = schema;
        return factory;
    }
}
