using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Shouldly;
using Softswitch.Admin.Model;
using Softswitch.Admin.Persistence;
using Softswitch.Admin.Tests.Infrastructure;
using Xunit;

namespace Softswitch.Admin.Tests.Persistence;

/// <summary>
/// The one repository test suite, run against every database by a derived class per provider (SQLite, PostgreSQL).
/// Each test gets a new, migrated database in <see cref="Factory"/>.
/// </summary>
public abstract partial class RepositoryTestSuite : IAsyncLifetime
{
    private ServiceProvider? _metrics;

    internal IDbConnectionFactory Factory { get; private set; } = null!;

    internal AgentRepository Agents => new(Factory, TimeProvider.System);

    internal RouteRepository Routes => new(Factory, TimeProvider.System);

    internal TrunkRepository Trunks => new(Factory, TimeProvider.System);

    internal QueueRepository Queues => new(Factory, TimeProvider.System);

    internal CallRecordRepository Calls => new(Factory);

    internal ApiKeyRepository ApiKeys => new(Factory);

    /// <summary>A factory for a new, empty (not migrated) database.</summary>
    internal abstract Task<IDbConnectionFactory> CreateDatabaseAsync();

    /// <summary>Another factory, with its own connections, for the same database as <paramref name="factory"/>.</summary>
    internal abstract IDbConnectionFactory CreateSecondFactory(IDbConnectionFactory factory);

    /// <summary>Makes <see cref="Factory"/>'s database unreachable until the outage ends.</summary>
    internal abstract Task<DatabaseOutage> BeginOutageAsync();

    /// <summary>Deletes every database <see cref="CreateDatabaseAsync"/> made.</summary>
    protected abstract Task DropDatabasesAsync();

    public async Task InitializeAsync()
    {
        Factory = await CreateDatabaseAsync();
        await Migrator(Factory).MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await DropDatabasesAsync();
        if (_metrics is not null)
        {
            await _metrics.DisposeAsync();
        }
    }

    internal static MigrationRunner Migrator(IDbConnectionFactory factory) =>
        new(factory, TimeProvider.System, NullLogger<MigrationRunner>.Instance);

    internal CallRecordWriter Writer(IDbConnectionFactory factory, int capacity = 1000)
    {
        _metrics ??= new ServiceCollection().AddMetrics().BuildServiceProvider();
        var options = Options.Create(new DatabaseOptions
        {
            WriteQueueCapacity = capacity,
            WriteRetryMaxDelay = TimeSpan.FromMilliseconds(200),
            WriteShutdownTimeout = TimeSpan.FromSeconds(5),
        });
        return new CallRecordWriter(
            new CallRecordRepository(factory),
            factory,
            options,
            _metrics.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            TimeProvider.System,
            NullLogger<CallRecordWriter>.Instance);
    }

    /// <summary>Model records hold lists, which records compare by reference: compare their JSON instead.</summary>
    internal static void ShouldMatch<T>(T actual, T expected) =>
        JsonSerializer.Serialize(actual, ModelJson.Options).ShouldBe(JsonSerializer.Serialize(expected, ModelJson.Options));

    /// <summary>A time the databases store exactly (whole milliseconds).</summary>
    internal static DateTimeOffset Ms(DateTimeOffset value) => DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());
}
