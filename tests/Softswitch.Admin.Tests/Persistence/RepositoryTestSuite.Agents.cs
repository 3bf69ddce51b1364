using Shouldly;
using Softswitch.Admin.Model;
using Softswitch.Admin.Persistence;
using Xunit;

namespace Softswitch.Admin.Tests.Persistence;

public abstract partial class RepositoryTestSuite
{
    [Fact]
    public async Task CreateAgent_NewId_StoresAgentWithDraftVersionOne()
    {
        var created = await Agents.CreateAsync("ava", "Ava", Samples.Definition(), CancellationToken.None);

        created.Status.ShouldBe(WriteStatus.Ok);
        created.Value!.PublishedVersion.ShouldBeNull();
        var agent = await Agents.GetAsync("ava", CancellationToken.None);
        agent.ShouldBe(created.Value);
        var draft = await Agents.GetVersionAsync("ava", 1, CancellationToken.None);
        draft.ShouldNotBeNull();
        draft.State.ShouldBe(AgentVersionState.Draft);
        draft.RowVersion.ShouldBe(1);
        draft.PublishedAt.ShouldBeNull();
        ShouldMatch(draft.Definition, Samples.Definition());
    }

    [Fact]
    public async Task CreateAgent_ExistingId_Conflict()
    {
        await Agents.CreateAsync("ava", "Ava", Samples.Definition(), CancellationToken.None);

        var again = await Agents.CreateAsync("ava", "Other", Samples.Definition(), CancellationToken.None);

        again.Status.ShouldBe(WriteStatus.Conflict);
        (await Agents.GetAsync("ava", CancellationToken.None))!.Name.ShouldBe("Ava");
    }

    [Fact]
    public async Task GetAgent_Missing_ReturnsNull()
    {
        (await Agents.GetAsync("nobody", CancellationToken.None)).ShouldBeNull();
        (await Agents.GetVersionAsync("nobody", 1, CancellationToken.None)).ShouldBeNull();
        (await Agents.ListVersionsAsync("nobody", CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListAgents_Several_ReturnsAllById()
    {
        await Agents.CreateAsync("zoe", "Zoe", Samples.Definition(), CancellationToken.None);
        await Agents.CreateAsync("ava", "Ava", Samples.Definition(), CancellationToken.None);

        var agents = await Agents.ListAsync(CancellationToken.None);

        agents.Select(a => a.Id).ShouldBe(["ava", "zoe"]);
    }

    [Fact]
    public async Task UpdateDraft_ExpectedRowVersion_ReplacesDefinitionAndBumpsRowVersion()
    {
        await Agents.CreateAsync("ava", "Ava", Samples.Definition(), CancellationToken.None);

        var updated = await Agents.UpdateDraftAsync("ava", 1, Samples.Definition("Good morning!"), 1, CancellationToken.None);

        updated.Status.ShouldBe(WriteStatus.Ok);
        updated.Value!.RowVersion.ShouldBe(2);
        (await Agents.GetVersionAsync("ava", 1, CancellationToken.None))!.Definition.Greeting.ShouldBe("Good morning!");
    }

    [Fact]
    public async Task UpdateDraft_StaleRowVersion_ConflictAndUnchanged()
    {
        await Agents.CreateAsync("ava", "Ava", Samples.Definition(), CancellationToken.None);
        await Agents.UpdateDraftAsync("ava", 1, Samples.Definition("First writer"), 1, CancellationToken.None);

        var stale = await Agents.UpdateDraftAsync("ava", 1, Samples.Definition("Second writer"), 1, CancellationToken.None);

        stale.Status.ShouldBe(WriteStatus.Conflict);
        (await Agents.GetVersionAsync("ava", 1, CancellationToken.None))!.Definition.Greeting.ShouldBe("First writer");
    }

    [Fact]
    public async Task UpdateDraft_MissingVersion_NotFound()
    {
        await Agents.CreateAsync("ava", "Ava", Samples.Definition(), CancellationToken.None);

        (await Agents.UpdateDraftAsync("ava", 7, Samples.Definition(), 1, CancellationToken.None)).Status.ShouldBe(WriteStatus.NotFound);
        (await Agents.UpdateDraftAsync("nobody", 1, Samples.Definition(), 1, CancellationToken.None)).Status.ShouldBe(WriteStatus.NotFound);
    }

    [Fact]
    public async Task Publish_Draft_SetsPublishedVersionAndMakesItImmutable()
    {
        await Agents.CreateAsync("ava", "Ava", Samples.Definition(), CancellationToken.None);

        var published = await Agents.PublishAsync("ava", 1, 1, CancellationToken.None);

        published.Status.ShouldBe(WriteStatus.Ok);
        published.Value!.State.ShouldBe(AgentVersionState.Published);
        published.Value.PublishedAt.ShouldNotBeNull();
        published.Value.RowVersion.ShouldBe(2);
        (await Agents.GetAsync("ava", CancellationToken.None))!.PublishedVersion.ShouldBe(1);
        (await Agents.UpdateDraftAsync("ava", 1, Samples.Definition("changed"), 2, CancellationToken.None)).Status.ShouldBe(WriteStatus.Conflict);
        (await Agents.PublishAsync("ava", 1, 2, CancellationToken.None)).Status.ShouldBe(WriteStatus.Conflict);
        (await Agents.GetVersionAsync("ava", 1, CancellationToken.None))!.Definition.Greeting.ShouldBe(Samples.Definition().Greeting);
    }

    [Fact]
    public async Task Publish_StaleRowVersion_Conflict()
    {
        await Agents.CreateAsync("ava", "Ava", Samples.Definition(), CancellationToken.None);
        await Agents.UpdateDraftAsync("ava", 1, Samples.Definition("edited"), 1, CancellationToken.None);

        (await Agents.PublishAsync("ava", 1, 1, CancellationToken.None)).Status.ShouldBe(WriteStatus.Conflict);
        (await Agents.GetAsync("ava", CancellationToken.None))!.PublishedVersion.ShouldBeNull();
        (await Agents.PublishAsync("ava", 9, 1, CancellationToken.None)).Status.ShouldBe(WriteStatus.NotFound);
    }

    [Fact]
    public async Task CreateDraft_FromLatestOrGivenVersion_CopiesDefinitionIntoNextVersion()
    {
        await Agents.CreateAsync("ava", "Ava", Samples.Definition("v1"), CancellationToken.None);
        await Agents.PublishAsync("ava", 1, 1, CancellationToken.None);

        var second = await Agents.CreateDraftAsync("ava", null, CancellationToken.None);
        await Agents.UpdateDraftAsync("ava", 2, Samples.Definition("v2"), second.Value!.RowVersion, CancellationToken.None);
        var third = await Agents.CreateDraftAsync("ava", 1, CancellationToken.None);
        var fourth = await Agents.CreateDraftAsync("ava", null, CancellationToken.None);

        second.Status.ShouldBe(WriteStatus.Ok);
        second.Value.Version.ShouldBe(2);
        second.Value.State.ShouldBe(AgentVersionState.Draft);
        third.Value!.Version.ShouldBe(3);
        third.Value.Definition.Greeting.ShouldBe("v1");
        fourth.Value!.Version.ShouldBe(4);
        fourth.Value.Definition.Greeting.ShouldBe("v1");
        var versions = await Agents.ListVersionsAsync("ava", CancellationToken.None);
        versions.Select(v => (v.Version, v.Definition.Greeting)).ShouldBe([(1, "v1"), (2, "v2"), (3, "v1"), (4, "v1")]);
        (await Agents.GetAsync("ava", CancellationToken.None))!.PublishedVersion.ShouldBe(1);
    }

    [Fact]
    public async Task CreateDraft_MissingAgentOrVersion_NotFound()
    {
        await Agents.CreateAsync("ava", "Ava", Samples.Definition(), CancellationToken.None);

        (await Agents.CreateDraftAsync("nobody", null, CancellationToken.None)).Status.ShouldBe(WriteStatus.NotFound);
        (await Agents.CreateDraftAsync("ava", 5, CancellationToken.None)).Status.ShouldBe(WriteStatus.NotFound);
    }

    [Fact]
    public async Task RollBack_ToEarlierPublishedVersion_SetsPublishedVersion()
    {
        await Agents.CreateAsync("ava", "Ava", Samples.Definition("v1"), CancellationToken.None);
        await Agents.PublishAsync("ava", 1, 1, CancellationToken.None);
        var draft = await Agents.CreateDraftAsync("ava", null, CancellationToken.None);
        await Agents.PublishAsync("ava", 2, draft.Value!.RowVersion, CancellationToken.None);
        (await Agents.GetAsync("ava", CancellationToken.None))!.PublishedVersion.ShouldBe(2);

        var rolledBack = await Agents.RollBackAsync("ava", 1, CancellationToken.None);

        rolledBack.Status.ShouldBe(WriteStatus.Ok);
        rolledBack.Value!.PublishedVersion.ShouldBe(1);
        (await Agents.GetAsync("ava", CancellationToken.None))!.PublishedVersion.ShouldBe(1);
    }

    [Fact]
    public async Task RollBack_ToDraftOrMissingVersion_ConflictOrNotFound()
    {
        await Agents.CreateAsync("ava", "Ava", Samples.Definition(), CancellationToken.None);

        (await Agents.RollBackAsync("ava", 1, CancellationToken.None)).Status.ShouldBe(WriteStatus.Conflict);
        (await Agents.RollBackAsync("ava", 3, CancellationToken.None)).Status.ShouldBe(WriteStatus.NotFound);
        (await Agents.RollBackAsync("nobody", 1, CancellationToken.None)).Status.ShouldBe(WriteStatus.NotFound);
        (await Agents.GetAsync("ava", CancellationToken.None))!.PublishedVersion.ShouldBeNull();
    }

    [Fact]
    public async Task DeleteAgent_Existing_RemovesAgentAndVersions()
    {
        await Agents.CreateAsync("ava", "Ava", Samples.Definition(), CancellationToken.None);
        await Agents.CreateDraftAsync("ava", null, CancellationToken.None);

        (await Agents.DeleteAsync("ava", CancellationToken.None)).ShouldBeTrue();

        (await Agents.GetAsync("ava", CancellationToken.None)).ShouldBeNull();
        (await Agents.ListVersionsAsync("ava", CancellationToken.None)).ShouldBeEmpty();
        (await Agents.DeleteAsync("ava", CancellationToken.None)).ShouldBeFalse();
        (await Agents.CreateAsync("ava", "Ava again", Samples.Definition(), CancellationToken.None)).Status.ShouldBe(WriteStatus.Ok);
    }
}
