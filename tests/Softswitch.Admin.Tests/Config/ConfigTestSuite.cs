using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using Softswitch.Admin.Config;
using Softswitch.Admin.Model;
using Softswitch.Admin.Persistence;
using Softswitch.Admin.Tests.Persistence;
using Xunit;

namespace Softswitch.Admin.Tests.Config;

/// <summary>
/// <c>config export</c> and <c>config import</c> against a real database, run per provider by a derived class (SQLite,
/// PostgreSQL). Each test gets two new, empty databases: <see cref="Source"/> and <see cref="Target"/>.
/// </summary>
public abstract partial class ConfigTestSuite : IAsyncLifetime
{
    internal const string Secret = "tr0ub4dor&3-secret";
    internal const string PasswordVariable = "TRUNK_CARRIER_A_PASSWORD";

    internal IDbConnectionFactory Source { get; private set; } = null!;

    internal IDbConnectionFactory Target { get; private set; } = null!;

    /// <summary>A factory for a new, empty (not migrated) database.</summary>
    internal abstract Task<IDbConnectionFactory> CreateDatabaseAsync();

    /// <summary>Deletes every database <see cref="CreateDatabaseAsync"/> made.</summary>
    protected abstract Task DropDatabasesAsync();

    public async Task InitializeAsync()
    {
        Source = await CreateDatabaseAsync();
        Target = await CreateDatabaseAsync();
        await Migrator(Source).MigrateAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => DropDatabasesAsync();

    internal static MigrationRunner Migrator(IDbConnectionFactory factory) => new(factory, TimeProvider.System, NullLogger<MigrationRunner>.Instance);

    internal static AgentRepository Agents(IDbConnectionFactory f) => new(f, TimeProvider.System);

    internal static RouteRepository Routes(IDbConnectionFactory f) => new(f, TimeProvider.System);

    internal static TrunkRepository Trunks(IDbConnectionFactory f) => new(f, TimeProvider.System);

    internal static QueueRepository Queues(IDbConnectionFactory f) => new(f, TimeProvider.System);

    internal static async Task<string> ExportAsync(IDbConnectionFactory factory)
    {
        var exporter = new ConfigExporter(Migrator(factory), Agents(factory), Routes(factory), Trunks(factory), Queues(factory));
        var output = new StringWriter();
        await exporter.ExportAsync(output, CancellationToken.None);
        return output.ToString();
    }

    internal static Task<ConfigImportResult> ImportAsync(
        IDbConnectionFactory factory, string yaml, bool dryRun = false, bool prune = false, IReadOnlyDictionary<string, string>? environment = null)
    {
        var importer = new ConfigImporter(factory, Migrator(factory), Agents(factory), Routes(factory), Trunks(factory), Queues(factory));
        var variables = environment ?? new Dictionary<string, string> { [PasswordVariable] = Secret };
        return importer.ImportAsync(yaml, new ConfigImportOptions { DryRun = dryRun, Prune = prune, Environment = name => variables.GetValueOrDefault(name) }, CancellationToken.None);
    }

    /// <summary>
    /// A configuration with one of everything: an agent with two published versions (the first current again, after a
    /// rollback), a draft and a prompt over several lines; a second agent that was never published; routes with weights,
    /// fallbacks and time windows; a trunk with a password and one without; two queues.
    /// </summary>
    internal static async Task SeedAsync(IDbConnectionFactory f)
    {
        var ct = CancellationToken.None;
        var agents = Agents(f);
        var multiLine = Samples.Definition() with { SystemPrompt = "You are a receptionist.\nBe brief.\n\n- Never guess." };
        (await agents.CreateAsync("ava", "Ava", multiLine, ct)).Status.ShouldBe(WriteStatus.Ok);
        (await agents.PublishAsync("ava", 1, 1, ct)).Status.ShouldBe(WriteStatus.Ok);
        (await agents.CreateDraftAsync("ava", null, ct)).Status.ShouldBe(WriteStatus.Ok);
        (await agents.UpdateDraftAsync("ava", 2, Samples.Definition("Version two"), 1, ct)).Status.ShouldBe(WriteStatus.Ok);
        (await agents.PublishAsync("ava", 2, 2, ct)).Status.ShouldBe(WriteStatus.Ok);
        (await agents.CreateDraftAsync("ava", 1, ct)).Status.ShouldBe(WriteStatus.Ok);
        (await agents.RollBackAsync("ava", 1, ct)).Status.ShouldBe(WriteStatus.Ok);
        (await agents.CreateAsync("bob", "Bob: true", Samples.Definition("null") with { Voice = "en", Tools = [] }, ct)).Status.ShouldBe(WriteStatus.Ok);

        var main = Samples.Route("main", 10);
        (await Routes(f).CreateAsync(main with { Match = main.Match with { Caller = new NumberMatch(NumberMatchKind.Pattern, "+49NXX.") } }, ct)).Status.ShouldBe(WriteStatus.Ok);
        (await Routes(f).CreateAsync(Samples.Route("after-hours", 5) with
        {
            Match = new RouteMatch(new NumberMatch(NumberMatchKind.Exact, "4930"), null, null),
            TimeWindows = [],
            Holidays = [],
            TimeZone = "UTC",
            Target = new RouteTarget(RouteTargetKind.Queue, null, null, "support"),
            Fallback = null,
        }, ct)).Status.ShouldBe(WriteStatus.Ok);

        (await Trunks(f).CreateAsync(Samples.Trunk("carrier-a"), Secret, ct)).Status.ShouldBe(WriteStatus.Ok);
        (await Trunks(f).CreateAsync(Samples.Trunk("pbx") with { Register = false, Username = null, OutboundProxy = null }, null, ct)).Status.ShouldBe(WriteStatus.Ok);

        (await Queues(f).CreateAsync(Samples.Queue("support"), ct)).Status.ShouldBe(WriteStatus.Ok);
        (await Queues(f).CreateAsync(Samples.Queue("billing") with { Strategy = QueueStrategy.RingAll, Fallback = null }, ct)).Status.ShouldBe(WriteStatus.Ok);
    }
}
