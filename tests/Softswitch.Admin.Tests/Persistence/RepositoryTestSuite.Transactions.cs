using Shouldly;
using Softswitch.Admin.Model;
using Softswitch.Admin.Persistence;
using Xunit;

namespace Softswitch.Admin.Tests.Persistence;

public abstract partial class RepositoryTestSuite
{
    [Fact]
    public async Task AdminTransaction_NotCommitted_RollsBackEveryWrite()
    {
        var ct = CancellationToken.None;
        await using (var transaction = await AdminTransaction.BeginAsync(Factory, ct))
        {
            await WriteEverythingAsync(transaction);
            (await Routes.ListAsync(transaction, ct)).Select(r => r.Id).ShouldBe(["main"], "a transaction reads its own writes");
        }

        (await Agents.ListAsync(ct)).ShouldBeEmpty();
        (await Routes.ListAsync(ct)).ShouldBeEmpty();
        (await Trunks.ListAsync(ct)).ShouldBeEmpty();
        (await Queues.ListAsync(ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AdminTransaction_Committed_KeepsEveryWrite()
    {
        var ct = CancellationToken.None;
        await using (var transaction = await AdminTransaction.BeginAsync(Factory, ct))
        {
            await WriteEverythingAsync(transaction);
            await transaction.CommitAsync(ct);
        }

        var agent = (await Agents.GetAsync("ava", ct)).ShouldNotBeNull();
        agent.Name.ShouldBe("Ava (renamed)");
        agent.PublishedVersion.ShouldBe(1);
        (await Agents.ListVersionsAsync("ava", ct)).Select(v => (v.Version, v.State)).ShouldBe([(1, AgentVersionState.Published), (2, AgentVersionState.Draft)]);
        (await Agents.GetVersionAsync("ava", 2, ct))!.Definition.Greeting.ShouldBe("Second draft");
        (await Routes.GetAsync("main", ct)).ShouldNotBeNull().Priority.ShouldBe(7);
        (await Trunks.GetCredentialsAsync("carrier-a", ct))!.Password.ShouldBe(Secret);
        (await Queues.ListAsync(ct)).ShouldBeEmpty();
    }

    private async Task WriteEverythingAsync(AdminTransaction transaction)
    {
        var ct = CancellationToken.None;
        (await Agents.CreateAsync("ava", "Ava", Samples.Definition(), transaction, ct)).Status.ShouldBe(WriteStatus.Ok);
        (await Agents.PublishAsync("ava", 1, 1, transaction, ct)).Status.ShouldBe(WriteStatus.Ok);
        (await Agents.AddDraftAsync("ava", Samples.Definition("Second draft"), transaction, ct)).Value!.Version.ShouldBe(2);
        (await Agents.RenameAsync("ava", "Ava (renamed)", transaction, ct)).ShouldBeTrue();
        (await Agents.RollBackAsync("ava", 1, transaction, ct)).Status.ShouldBe(WriteStatus.Ok);
        var route = (await Routes.CreateAsync(Samples.Route("main"), transaction, ct)).Value!;
        (await Routes.UpdateAsync(route with { Priority = 7 }, transaction, ct)).Status.ShouldBe(WriteStatus.Ok);
        (await Trunks.CreateAsync(Samples.Trunk("carrier-a"), Secret, transaction, ct)).Status.ShouldBe(WriteStatus.Ok);
        (await Trunks.GetCredentialsAsync("carrier-a", transaction, ct))!.Password.ShouldBe(Secret);
        var queue = (await Queues.CreateAsync(Samples.Queue("support"), transaction, ct)).Value!;
        (await Queues.DeleteAsync("support", queue.RowVersion, transaction, ct)).ShouldBe(WriteStatus.Ok);
    }
}
