using Npgsql;
using Softswitch.Admin.Tests.Infrastructure;
using Xunit;

namespace Softswitch.Admin.Tests.Http;

/// <summary>The admin API suite on a real PostgreSQL server, a schema of its own per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAdminApiTests : AdminApiSuite
{
    private readonly PostgresServer _server;

    public PostgresAdminApiTests(PostgresServer server)
    {
        _server = server;
    }

    protected override async Task<IEnumerable<KeyValuePair<string, string?>>> DatabaseAsync()
    {
        var schema = "api_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(_server.AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return [new("Admin:Database:Provider", "postgresql"), new("Admin:Database:ConnectionString", _server.ConnectionString(schema))];
    }
}
