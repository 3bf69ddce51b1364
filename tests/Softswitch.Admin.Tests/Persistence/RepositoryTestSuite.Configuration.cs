using System.Text.Json;
using Shouldly;
using Softswitch.Admin.Model;
using Softswitch.Admin.Persistence;
using Xunit;

namespace Softswitch.Admin.Tests.Persistence;

public abstract partial class RepositoryTestSuite
{
    private const string Secret = "s3cret-Pa55word";

    [Fact]
    public async Task CreateRoute_New_RoundTripsWithRowVersionOne()
    {
        var created = await Routes.CreateAsync(Samples.Route("main"), CancellationToken.None);

        created.Status.ShouldBe(WriteStatus.Ok);
        created.Value!.RowVersion.ShouldBe(1);
        ShouldMatch(await Routes.GetAsync("main", CancellationToken.None), Samples.Route("main") with { RowVersion = 1 });
        (await Routes.CreateAsync(Samples.Route("main"), CancellationToken.None)).Status.ShouldBe(WriteStatus.Conflict);
        (await Routes.GetAsync("other", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task ListRoutes_Several_OrderedByPriority()
    {
        await Routes.CreateAsync(Samples.Route("late", 50), CancellationToken.None);
        await Routes.CreateAsync(Samples.Route("early", 1), CancellationToken.None);
        await Routes.CreateAsync(Samples.Route("middle", 10), CancellationToken.None);

        (await Routes.ListAsync(CancellationToken.None)).Select(r => r.Id).ShouldBe(["early", "middle", "late"]);
    }

    [Fact]
    public async Task UpdateRoute_CurrentOrStaleOrMissing_OkConflictNotFound()
    {
        var created = (await Routes.CreateAsync(Samples.Route("main"), CancellationToken.None)).Value!;

        var updated = await Routes.UpdateAsync(created with { Priority = 3, Enabled = false }, CancellationToken.None);
        var stale = await Routes.UpdateAsync(created with { Name = "lost update" }, CancellationToken.None);
        var missing = await Routes.UpdateAsync(Samples.Route("nope") with { RowVersion = 1 }, CancellationToken.None);

        updated.Status.ShouldBe(WriteStatus.Ok);
        updated.Value!.RowVersion.ShouldBe(2);
        stale.Status.ShouldBe(WriteStatus.Conflict);
        missing.Status.ShouldBe(WriteStatus.NotFound);
        var stored = (await Routes.GetAsync("main", CancellationToken.None))!;
        ShouldMatch(stored, created with { Priority = 3, Enabled = false, RowVersion = 2 });
    }

    [Fact]
    public async Task DeleteRoute_StaleThenCurrent_ConflictThenOkThenNotFound()
    {
        await Routes.CreateAsync(Samples.Route("main"), CancellationToken.None);

        (await Routes.DeleteAsync("main", 5, CancellationToken.None)).ShouldBe(WriteStatus.Conflict);
        (await Routes.DeleteAsync("main", 1, CancellationToken.None)).ShouldBe(WriteStatus.Ok);
        (await Routes.DeleteAsync("main", 1, CancellationToken.None)).ShouldBe(WriteStatus.NotFound);
        (await Routes.GetAsync("main", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task CreateQueue_New_RoundTrips()
    {
        var created = await Queues.CreateAsync(Samples.Queue("support"), CancellationToken.None);

        created.Status.ShouldBe(WriteStatus.Ok);
        ShouldMatch(await Queues.GetAsync("support", CancellationToken.None), Samples.Queue("support") with { RowVersion = 1 });
        (await Queues.CreateAsync(Samples.Queue("support"), CancellationToken.None)).Status.ShouldBe(WriteStatus.Conflict);
        (await Queues.GetAsync("sales", CancellationToken.None)).ShouldBeNull();
        await Queues.CreateAsync(Samples.Queue("billing"), CancellationToken.None);
        (await Queues.ListAsync(CancellationToken.None)).Select(q => q.Id).ShouldBe(["billing", "support"]);
    }

    [Fact]
    public async Task UpdateAndDeleteQueue_RowVersions_OkConflictNotFound()
    {
        var created = (await Queues.CreateAsync(Samples.Queue("support"), CancellationToken.None)).Value!;

        var updated = await Queues.UpdateAsync(created with { Strategy = QueueStrategy.LongestIdle, Fallback = null }, CancellationToken.None);
        (await Queues.UpdateAsync(created with { RingTimeoutSeconds = 1 }, CancellationToken.None)).Status.ShouldBe(WriteStatus.Conflict);
        (await Queues.UpdateAsync(Samples.Queue("none"), CancellationToken.None)).Status.ShouldBe(WriteStatus.NotFound);

        updated.Value!.RowVersion.ShouldBe(2);
        var stored = (await Queues.GetAsync("support", CancellationToken.None))!;
        stored.Strategy.ShouldBe(QueueStrategy.LongestIdle);
        stored.Fallback.ShouldBeNull();
        (await Queues.DeleteAsync("support", 1, CancellationToken.None)).ShouldBe(WriteStatus.Conflict);
        (await Queues.DeleteAsync("support", 2, CancellationToken.None)).ShouldBe(WriteStatus.Ok);
        (await Queues.DeleteAsync("support", 2, CancellationToken.None)).ShouldBe(WriteStatus.NotFound);
    }

    [Fact]
    public async Task CreateTrunk_WithPassword_GetAndListReturnOnlyHasPassword()
    {
        var created = await Trunks.CreateAsync(Samples.Trunk("carrier-a"), Secret, CancellationToken.None);
        await Trunks.CreateAsync(Samples.Trunk("carrier-b"), null, CancellationToken.None);

        created.Status.ShouldBe(WriteStatus.Ok);
        created.Value!.HasPassword.ShouldBeTrue();
        var got = (await Trunks.GetAsync("carrier-a", CancellationToken.None))!;
        ShouldMatch(got, Samples.Trunk("carrier-a") with { HasPassword = true, RowVersion = 1 });
        var list = await Trunks.ListAsync(CancellationToken.None);
        list.Select(t => (t.Id, t.HasPassword)).ShouldBe([("carrier-a", true), ("carrier-b", false)]);
        JsonSerializer.Serialize(list, ModelJson.Options).ShouldNotContain(Secret);
        JsonSerializer.Serialize(got, ModelJson.Options).ShouldNotContain(Secret);
        got.ToString().ShouldNotContain(Secret);
    }

    [Fact]
    public async Task GetTrunkCredentials_Stored_ReturnsPasswordOnlyThere()
    {
        await Trunks.CreateAsync(Samples.Trunk("carrier-a"), Secret, CancellationToken.None);

        var credentials = await Trunks.GetCredentialsAsync("carrier-a", CancellationToken.None);

        credentials.ShouldBe(new TrunkCredentials("carrier-a", "gateway", Secret));
        credentials!.ToString().ShouldNotContain(Secret);
        (await Trunks.GetCredentialsAsync("nope", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task UpdateTrunk_PasswordNullKeepsEmptyClearsValueReplaces()
    {
        var trunk = (await Trunks.CreateAsync(Samples.Trunk("carrier-a"), Secret, CancellationToken.None)).Value!;

        var kept = await Trunks.UpdateAsync(trunk with { Name = "renamed" }, null, CancellationToken.None);
        (await Trunks.GetCredentialsAsync("carrier-a", CancellationToken.None))!.Password.ShouldBe(Secret);
        var replaced = await Trunks.UpdateAsync(kept.Value!, "new-one", CancellationToken.None);
        (await Trunks.GetCredentialsAsync("carrier-a", CancellationToken.None))!.Password.ShouldBe("new-one");
        var cleared = await Trunks.UpdateAsync(replaced.Value!, "", CancellationToken.None);

        kept.Value!.HasPassword.ShouldBeTrue();
        kept.Value.Name.ShouldBe("renamed");
        cleared.Value!.HasPassword.ShouldBeFalse();
        cleared.Value.RowVersion.ShouldBe(4);
        (await Trunks.GetCredentialsAsync("carrier-a", CancellationToken.None))!.Password.ShouldBeNull();
        (await Trunks.GetAsync("carrier-a", CancellationToken.None))!.HasPassword.ShouldBeFalse();
    }

    [Fact]
    public async Task UpdateAndDeleteTrunk_StaleOrMissing_ConflictOrNotFound()
    {
        var trunk = (await Trunks.CreateAsync(Samples.Trunk("carrier-a"), Secret, CancellationToken.None)).Value!;
        await Trunks.UpdateAsync(trunk with { Register = false }, null, CancellationToken.None);

        (await Trunks.UpdateAsync(trunk with { Name = "stale" }, "x", CancellationToken.None)).Status.ShouldBe(WriteStatus.Conflict);
        (await Trunks.GetCredentialsAsync("carrier-a", CancellationToken.None))!.Password.ShouldBe(Secret);
        (await Trunks.UpdateAsync(Samples.Trunk("nope"), null, CancellationToken.None)).Status.ShouldBe(WriteStatus.NotFound);
        (await Trunks.CreateAsync(Samples.Trunk("carrier-a"), null, CancellationToken.None)).Status.ShouldBe(WriteStatus.Conflict);
        (await Trunks.DeleteAsync("carrier-a", 1, CancellationToken.None)).ShouldBe(WriteStatus.Conflict);
        (await Trunks.DeleteAsync("carrier-a", 2, CancellationToken.None)).ShouldBe(WriteStatus.Ok);
        (await Trunks.DeleteAsync("carrier-a", 2, CancellationToken.None)).ShouldBe(WriteStatus.NotFound);
        (await Trunks.GetCredentialsAsync("carrier-a", CancellationToken.None)).ShouldBeNull();
    }
}
