using Shouldly;
using Softswitch.Admin.Model;
using Xunit;

namespace Softswitch.Admin.Tests.Config;

public abstract partial class ConfigTestSuite
{
    [Fact]
    public async Task ExportImport_IntoEmptyDatabase_ExportsTheIdenticalDocument()
    {
        await SeedAsync(Source);
        var exported = await ExportAsync(Source);

        var result = await ImportAsync(Target, exported);

        result.Errors.ShouldBeEmpty();
        result.Applied.ShouldBeTrue();
        (result.Agents.Created, result.Routes.Created, result.Trunks.Created, result.Queues.Created).ShouldBe((2, 2, 2, 2));
        (await ExportAsync(Target)).ShouldBe(exported);
        (await Trunks(Target).GetCredentialsAsync("carrier-a", CancellationToken.None))!.Password.ShouldBe(Secret);
        var ava = (await Agents(Target).GetAsync("ava", CancellationToken.None)).ShouldNotBeNull();
        ava.PublishedVersion.ShouldBe(1);
        (await Agents(Target).ListVersionsAsync("ava", CancellationToken.None)).Select(v => v.State)
            .ShouldBe([AgentVersionState.Published, AgentVersionState.Published, AgentVersionState.Draft]);
    }

    [Fact]
    public async Task Import_SameDocumentAgain_ChangesNothing()
    {
        await SeedAsync(Source);
        var exported = await ExportAsync(Source);

        // No variable for the placeholder: the stored password is kept.
        var result = await ImportAsync(Source, exported, environment: new Dictionary<string, string>());

        result.Errors.ShouldBeEmpty();
        (result.Agents.Unchanged, result.Routes.Unchanged, result.Trunks.Unchanged, result.Queues.Unchanged).ShouldBe((2, 2, 2, 2));
        (result.Agents.Updated + result.Routes.Updated + result.Trunks.Updated + result.Queues.Updated).ShouldBe(0);
        (await Routes(Source).GetAsync("main", CancellationToken.None))!.RowVersion.ShouldBe(1, "an unchanged route is not rewritten");
        (await Trunks(Source).GetCredentialsAsync("carrier-a", CancellationToken.None))!.Password.ShouldBe(Secret);
    }

    [Fact]
    public async Task Export_Document_IsOrderedCamelCaseWithoutSecretsOrTimestamps()
    {
        await SeedAsync(Source);

        var exported = await ExportAsync(Source);

        exported.ShouldNotContain(Secret);
        exported.ShouldContain("password: ${" + PasswordVariable + "}");
        exported.ShouldNotContain("TRUNK_PBX_PASSWORD", Case.Sensitive, "a trunk without a password gets no placeholder");
        exported.ShouldNotContain("rowVersion");
        exported.ShouldNotContain("createdAt");
        exported.ShouldNotContain("hasPassword");
        exported.ShouldStartWith("version: 1\nagents:\n  - id: ava\n    name: Ava\n    publishedVersion: 1\n    versions:\n      - version: 1\n        state: published\n");
        exported.ShouldContain("systemPrompt: |-\n            You are a receptionist.\n            Be brief.\n\n            - Never guess.\n");
        exported.ShouldContain("name: 'Bob: true'");
        exported.ShouldContain("start: \"08:00\"");
        exported.ShouldContain("- \"2026-12-25\"");
        exported.ShouldContain("greeting: \"null\"");
        exported.ShouldContain("value: \"4930\"");
        exported.IndexOf("id: after-hours", StringComparison.Ordinal).ShouldBeLessThan(exported.IndexOf("id: main", StringComparison.Ordinal), "routes by priority");
        exported.IndexOf("id: billing", StringComparison.Ordinal).ShouldBeLessThan(exported.IndexOf("id: support", StringComparison.Ordinal), "queues by id");
        exported.ShouldContain("strategy: round-robin");
        exported.ShouldContain("kind: end_call");
        (await ExportAsync(Source)).ShouldBe(exported);
    }

    [Fact]
    public async Task Export_EmptyDatabase_EveryKindEmpty()
    {
        (await ExportAsync(Source)).ShouldBe("version: 1\nagents: []\nroutes: []\ntrunks: []\nqueues: []\n");
    }

    [Fact]
    public async Task Import_DryRun_ReportsChangesButStoresNothing()
    {
        await SeedAsync(Source);
        var exported = await ExportAsync(Source);

        var result = await ImportAsync(Target, exported, dryRun: true);

        result.Errors.ShouldBeEmpty();
        result.Applied.ShouldBeFalse();
        (result.Agents.Created, result.Routes.Created, result.Trunks.Created, result.Queues.Created).ShouldBe((2, 2, 2, 2));
        (await ExportAsync(Target)).ShouldBe("version: 1\nagents: []\nroutes: []\ntrunks: []\nqueues: []\n");
    }

    [Fact]
    public async Task Import_EditedDocument_UpdatesAddsVersionsAndPublishes()
    {
        await SeedAsync(Source);
        var edited = (await ExportAsync(Source))
            .Replace("    name: Ava\n    publishedVersion: 1\n", "    name: Ava Two\n    publishedVersion: 3\n", StringComparison.Ordinal)
            .Replace("      - version: 3\n        state: draft\n", "      - version: 3\n        state: published\n", StringComparison.Ordinal)
            .Replace("ringTimeoutSeconds: 25", "ringTimeoutSeconds: 40", StringComparison.Ordinal);

        var result = await ImportAsync(Source, edited, environment: new Dictionary<string, string> { [PasswordVariable] = "new-secret" });

        result.Errors.ShouldBeEmpty();
        (result.Agents.Updated, result.Agents.Unchanged).ShouldBe((1, 1));
        (result.Queues.Updated, result.Queues.Unchanged).ShouldBe((2, 0));
        (result.Trunks.Updated, result.Trunks.Unchanged).ShouldBe((1, 1), "a new password from the environment updates the trunk");
        var ava = (await Agents(Source).GetAsync("ava", CancellationToken.None))!;
        (ava.Name, ava.PublishedVersion).ShouldBe(("Ava Two", 3));
        (await Trunks(Source).GetCredentialsAsync("carrier-a", CancellationToken.None))!.Password.ShouldBe("new-secret");
        (await ExportAsync(Source)).ShouldBe(edited);
    }
}
