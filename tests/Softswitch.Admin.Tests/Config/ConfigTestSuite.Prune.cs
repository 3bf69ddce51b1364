using Shouldly;
using Softswitch.Admin.Model;
using Xunit;

namespace Softswitch.Admin.Tests.Config;

public abstract partial class ConfigTestSuite
{
    private const string OnlyBillingQueue = """
        version: 1
        queues:
          - id: billing
            name: Billing
            members: ["sip:carol@pbx.example.com"]
            strategy: ring-all
            ringTimeoutSeconds: 30
        """;

    [Fact]
    public async Task Import_WithoutPrune_KeepsWhatTheDocumentDoesNotName()
    {
        await SeedAsync(Source);

        var result = await ImportAsync(Source, OnlyBillingQueue);

        result.Errors.ShouldBeEmpty();
        (result.Queues.Updated, result.Queues.Deleted).ShouldBe((1, 0));
        (await Queues(Source).ListAsync(CancellationToken.None)).Select(q => q.Id).ShouldBe(["billing", "support"]);
        (await Routes(Source).ListAsync(CancellationToken.None)).Count.ShouldBe(2, "a section the document leaves out is not touched");
    }

    [Fact]
    public async Task Import_PruneWithReferenceToPrunedQueue_Refused()
    {
        await SeedAsync(Source);

        // The stored routes (no routes section) send calls to 'support', which --prune would delete.
        var result = await ImportAsync(Source, OnlyBillingQueue, prune: true);

        result.Errors.ShouldNotBeEmpty();
        result.Errors.ShouldAllBe(e => e.Path == "routes" || e.Path == "queues");
        (await Queues(Source).ListAsync(CancellationToken.None)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Import_Prune_DeletesWhatTheSectionsDoNotName()
    {
        await SeedAsync(Source);
        var yaml = OnlyBillingQueue + "\nroutes: []\nagents: []\ntrunks: []\n";

        var result = await ImportAsync(Source, yaml, prune: true);

        result.Errors.ShouldBeEmpty();
        (result.Queues.Deleted, result.Routes.Deleted, result.Agents.Deleted, result.Trunks.Deleted).ShouldBe((1, 2, 2, 2));
        (await Queues(Source).ListAsync(CancellationToken.None)).Select(q => q.Id).ShouldBe(["billing"]);
        (await Queues(Source).GetAsync("billing", CancellationToken.None))!.Members.ShouldBe(["sip:carol@pbx.example.com"]);
        (await Routes(Source).ListAsync(CancellationToken.None)).ShouldBeEmpty();
        (await Agents(Source).ListAsync(CancellationToken.None)).ShouldBeEmpty();
        (await Agents(Source).ListVersionsAsync("ava", CancellationToken.None)).ShouldBeEmpty();
        (await Trunks(Source).ListAsync(CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Import_PruneDryRun_DeletesNothing()
    {
        await SeedAsync(Source);
        var before = await ExportAsync(Source);

        var result = await ImportAsync(Source, "version: 1\nroutes: []\n", prune: true, dryRun: true);

        result.Errors.ShouldBeEmpty();
        result.Routes.Deleted.ShouldBe(2);
        (await ExportAsync(Source)).ShouldBe(before);
        (await Routes(Source).GetAsync("main", CancellationToken.None)).ShouldNotBeNull().Target.Kind.ShouldBe(RouteTargetKind.Agent);
    }
}
