using Shouldly;
using Softswitch.Admin.Persistence;
using Xunit;

namespace Softswitch.Admin.Tests.Persistence;

public abstract partial class RepositoryTestSuite
{
    [Fact]
    public async Task UpdateRoute_TwoWritersSameRowVersion_ExactlyOneWins()
    {
        var route = (await Routes.CreateAsync(Samples.Route("main"), CancellationToken.None)).Value!;
        var other = new RouteRepository(CreateSecondFactory(Factory), TimeProvider.System);
        using var start = new Barrier(2);

        var results = await Task.WhenAll(
            Task.Run(() => { start.SignalAndWait(); return Routes.UpdateAsync(route with { Name = "first" }, CancellationToken.None); }),
            Task.Run(() => { start.SignalAndWait(); return other.UpdateAsync(route with { Name = "second" }, CancellationToken.None); }));

        results.Select(r => r.Status).Order().ShouldBe([WriteStatus.Ok, WriteStatus.Conflict]);
        var winner = results.Single(r => r.Status == WriteStatus.Ok).Value!;
        (await Routes.GetAsync("main", CancellationToken.None))!.Name.ShouldBe(winner.Name);
        (await Routes.GetAsync("main", CancellationToken.None))!.RowVersion.ShouldBe(2);
    }

    [Fact]
    public async Task CreateDraft_TwoAtOnce_NeverTheSameVersion()
    {
        await Agents.CreateAsync("ava", "Ava", Samples.Definition(), CancellationToken.None);
        var other = new AgentRepository(CreateSecondFactory(Factory), TimeProvider.System);
        using var start = new Barrier(2);

        var results = await Task.WhenAll(
            Task.Run(() => { start.SignalAndWait(); return Agents.CreateDraftAsync("ava", null, CancellationToken.None); }),
            Task.Run(() => { start.SignalAndWait(); return other.CreateDraftAsync("ava", null, CancellationToken.None); }));

        var created = results.Where(r => r.Status == WriteStatus.Ok).Select(r => r.Value!.Version).ToList();
        created.ShouldNotBeEmpty();
        created.Distinct().Count().ShouldBe(created.Count);
        results.ShouldAllBe(r => r.Status == WriteStatus.Ok || r.Status == WriteStatus.Conflict);
        (await Agents.ListVersionsAsync("ava", CancellationToken.None)).Count.ShouldBe(1 + created.Count);
    }
}
