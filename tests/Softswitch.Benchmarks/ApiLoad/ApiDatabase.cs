using Npgsql;
using Softswitch.Admin.Tests.Infrastructure;

namespace Softswitch.Benchmarks.ApiLoad;

/// <summary>
/// The database of one part of the run, as the gateway's settings: SQLite in the gateway's own (temporary) data folder, or a
/// throw-away PostgreSQL server (the admin tests' <see cref="PostgresServer"/>: initdb in a temporary folder, 127.0.0.1, a
/// free port, stopped by process id and deleted on dispose).
/// </summary>
internal sealed class ApiDatabase : IAsyncDisposable
{
    private readonly PostgresServer? _postgres;

    private ApiDatabase(string name, IReadOnlyDictionary<string, string> settings, PostgresServer? postgres)
    {
        Name = name;
        Settings = settings;
        _postgres = postgres;
    }

    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public string Name { get; }

    /// <summary>Environment variables that point the gateway at the database.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Starts the database.</summary>
    /// <param name="name"><c>sqlite</c> or <c>postgres</c>.</param>
    /// <exception cref="InvalidOperationException">PostgreSQL could not be started (the message says why).</exception>
    public static async Task<ApiDatabase> StartAsync(string name)
    {
        if (name == "sqlite")
        {
            // The default file, softswitch.db, in the gateway's data folder under the run's work folder.
            return new ApiDatabase(name, new Dictionary<string, string> { ["SOFTSWITCH_Admin__Database__Provider"] = "sqlite" }, null);
        }

        var server = new PostgresServer();
        await server.InitializeAsync();
        var connection = new NpgsqlConnectionStringBuilder(server.ConnectionString()) { MaxPoolSize = 50 }.ToString();
        return new ApiDatabase(
            name,
            new Dictionary<string, string>
            {
                ["SOFTSWITCH_Admin__Database__Provider"] = "postgresql",
                ["SOFTSWITCH_Admin__Database__ConnectionString"] = connection,
            },
            server);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
