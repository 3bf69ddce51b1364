using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Shouldly;
using Softswitch.Admin.Auth;
using Softswitch.Admin.Persistence;
using Xunit;

namespace Softswitch.Admin.Tests.Persistence;

public sealed class AdminPersistenceRegistrationTests : IDisposable
{
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("softswitch-data-");

    [Fact]
    public async Task AddAdminPersistence_DefaultSqlite_MigratesAtStartIntoDataDirectory()
    {
        await using var services = Build(new Dictionary<string, string?>());

        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        File.Exists(Path.Combine(_dataDirectory.FullName, "softswitch.db")).ShouldBeTrue();
        var store = services.GetRequiredService<IApiKeyStore>();
        (await store.CountActiveAsync(CancellationToken.None)).ShouldBe(0);
        services.GetRequiredService<IApiKeyStore>().ShouldBeSameAs(services.GetRequiredService<ApiKeyRepository>());
        services.GetRequiredService<AgentRepository>().ShouldNotBeNull();
        services.GetRequiredService<RouteRepository>().ShouldNotBeNull();
        services.GetRequiredService<TrunkRepository>().ShouldNotBeNull();
        services.GetRequiredService<QueueRepository>().ShouldNotBeNull();
        services.GetRequiredService<CallRecordRepository>().ShouldNotBeNull();

        foreach (var hosted in services.GetServices<IHostedService>().Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task AddAdminPersistence_BadProvider_FailsValidationNamingTheKey()
    {
        await using var services = Build(new Dictionary<string, string?> { ["Admin:Database:Provider"] = "oracle" });

        var error = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<DatabaseOptions>>().Value);

        error.Message.ShouldContain("Admin:Database:Provider");
    }

    [Fact]
    public async Task AddAdminPersistence_Postgres_UsesTheConnectionStringFromConfiguration()
    {
        await using var services = Build(new Dictionary<string, string?>
        {
            ["Admin:Database:Provider"] = "postgresql",
            ["Admin:Database:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=1",
        });

        services.GetRequiredService<IDbConnectionFactory>().Dialect.Provider.ShouldBe(DatabaseProvider.PostgreSql);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dataDirectory.Delete(recursive: true);
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddAdminPersistence(configuration, _dataDirectory.FullName)
            .BuildServiceProvider();
    }
}
