using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using Softswitch.Admin.Auth;
using Softswitch.Admin.Persistence;
using Xunit;

namespace Softswitch.Admin.Tests.Http;

/// <summary>The first-start admin key, on a real SQLite database.</summary>
public sealed class ApiKeyBootstrapTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ss-bootstrap-");
    private ApiKeyRepository _store = null!;

    public async Task InitializeAsync()
    {
        var factory = new SqliteConnectionFactory(SqliteConnectionFactory.ConnectionStringForFile(Path.Combine(_directory.FullName, "keys.db")), TimeSpan.FromSeconds(5));
        await new MigrationRunner(factory, TimeProvider.System, NullLogger<MigrationRunner>.Instance).MigrateAsync(CancellationToken.None);
        _store = new ApiKeyRepository(factory);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Start_EmptyDatabase_CreatesAdminKeyAndPrintsItOnce()
    {
        var output = new StringWriter();
        await NewService(output, () => null).StartAsync(CancellationToken.None);

        var printed = output.ToString();
        var key = printed.Split([' ', '\n', '"'], StringSplitOptions.RemoveEmptyEntries).First(w => w.StartsWith("ssk_", StringComparison.Ordinal));
        printed.ShouldContain($"curl -H \"Authorization: Bearer {key}\" http://127.0.0.1:8080/api/v1/agents");
        ApiKeySecret.TryParse(key, out var id, out var secret).ShouldBeTrue();
        var stored = (await _store.FindAsync(id, CancellationToken.None)).ShouldNotBeNull();
        stored.Role.ShouldBe(ApiRole.Admin);
        ApiKeySecret.Verify(secret, stored.SecretHash).ShouldBeTrue();
        stored.SecretHash.ShouldNotContain(secret);

        // A second start finds a key: nothing created, nothing printed.
        var again = new StringWriter();
        await NewService(again, () => null).StartAsync(CancellationToken.None);
        again.ToString().ShouldBeEmpty();
        (await _store.ListAsync(CancellationToken.None)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Start_KeyFromEnvironment_StoredAndNotPrinted()
    {
        var key = ApiKeySecret.Generate(out var id, out _);
        var output = new StringWriter();
        await NewService(output, () => key).StartAsync(CancellationToken.None);

        output.ToString().ShouldBeEmpty();
        ApiKeySecret.TryParse(key, out _, out var secret).ShouldBeTrue();
        ApiKeySecret.Verify(secret, (await _store.FindAsync(id, CancellationToken.None)).ShouldNotBeNull().SecretHash).ShouldBeTrue();
    }

    [Fact]
    public async Task Start_MalformedEnvironmentKey_FailsNamingTheVariable()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(() => NewService(new StringWriter(), () => "letmein").StartAsync(CancellationToken.None));
        error.Message.ShouldContain("SOFTSWITCH_ADMIN_KEY");
        (await _store.CountActiveAsync(CancellationToken.None)).ShouldBe(0);
    }

    private ApiKeyBootstrapService NewService(TextWriter output, Func<string?> provided) =>
        new(_store, TimeProvider.System, NullLogger<ApiKeyBootstrapService>.Instance, options: null, output, provided);
}
