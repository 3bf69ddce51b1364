using Shouldly;
using Xunit;

namespace Softswitch.Admin.Tests.Config;

public abstract partial class ConfigTestSuite
{
    private const string ValidAgent = """
          - id: cleo
            name: Cleo
            publishedVersion: 1
            versions:
              - version: 1
                state: published
                definition:
                  name: Ava
                  greeting: Hello
                  systemPrompt: Be kind.
                  language: en-US
                  voice: en
                  stt: { engine: pocketsphinx, options: {}, fallbacks: [] }
                  llm: { engine: llama, options: {}, fallbacks: [] }
                  tts: { engine: espeak, options: {}, fallbacks: [] }
                  tools: []
                  limits: { maxCallSeconds: 600, silenceTimeoutMs: 8000, noInputReprompts: 2 }
        """;

    [Fact]
    public async Task Import_SeveralInvalidFields_ReportsEveryOneByPathAndChangesNothing()
    {
        await SeedAsync(Source);
        var before = await ExportAsync(Source);
        var yaml = $$"""
            version: 1
            agents:
            {{ValidAgent}}
              - id: Bad Id
                name: ""
                versions:
                  - version: 2
                    state: draft
                    definition: { name: X, language: en, voice: en, stt: { engine: x }, llm: { engine: x }, tts: { engine: x }, limits: { maxCallSeconds: 1, silenceTimeoutMs: 1, noInputReprompts: 99 } }
            routes:
              - id: r1
                name: One
                priority: 1
                enabled: true
                match: { called: { kind: pattern, value: "[0-9" } }
                timeZone: Mars/Olympus
                target: { kind: agent, agentId: nobody }
              - id: r1
                name: Duplicate
                priority: 2
                enabled: true
                match: { called: { kind: prefix, value: "+49" }, trunkId: no-trunk }
                timeZone: UTC
                target: { kind: agent, agentId: cleo, weights: [{ version: 7, weight: 1 }] }
                fallback: { kind: queue, queueId: no-queue }
            trunks:
              - id: t1
                name: T
                addresses: ["not a host:99999"]
                transport: udp
            queues:
              - id: q1
                name: Q
                members: ["mailto:alice"]
                strategy: ring-all
                ringTimeoutSeconds: 1
            """;

        var result = await ImportAsync(Source, yaml, prune: true);

        result.Succeeded.ShouldBeFalse();
        result.Malformed.ShouldBeFalse();
        var paths = result.Errors.Select(e => e.Path).ToList();
        paths.ShouldBe(
            [
                "agents[1].id",
                "agents[1].name",
                "agents[1].versions[0].version",
                "agents[1].versions[0].definition.greeting",
                "agents[1].versions[0].definition.limits.noInputReprompts",
                "trunks[0].addresses[0]",
                "routes[0].match.called.value",
                "routes[0].timeZone",
                "routes[0].target.agentId",
                "routes[1].id",
                "routes[1].match.trunkId",
                "routes[1].target.weights[0].version",
                "routes[1].fallback.queueId",
                "queues[0].ringTimeoutSeconds",
                "queues[0].members[0]",
            ],
            ignoreOrder: true);
        result.Errors.ShouldAllBe(e => e.Line != null);
        result.Errors.Single(e => e.Path == "routes[0].timeZone").Line.ShouldBe(yaml.Split('\n').ToList().FindIndex(l => l.Contains("Mars/Olympus", StringComparison.Ordinal)) + 1);
        result.Errors.Single(e => e.Path == "routes[1].id").Message.ShouldContain("routes[0]");
        (await ExportAsync(Source)).ShouldBe(before);
    }

    [Fact]
    public async Task Import_UnknownKeysWrongTypesAndVersion_NamedByPath()
    {
        var yaml = """
            version: 2
            extras: []
            routes:
              - id: r1
                name: One
                priorty: 1
              - id: r2
                name: Two
                priority: high
              - id: r3
                name: Three
                match: { called: { kind: glob, value: "1" } }
            """;

        var result = await ImportAsync(Target, yaml);

        result.Errors.Select(e => e.Path).ShouldBe(["extras", "version", "routes[0].priorty", "routes[1].priority", "routes[2].match.called.kind"]);
        result.Errors[2].Message.ShouldBe("unknown key");
        result.Errors[3].Message.ShouldBe("must be a whole number");
        result.Errors[4].Message.ShouldBe("must be one of exact, prefix, pattern");
        result.Errors[4].Line.ShouldBe(12);
    }

    [Fact]
    public async Task Import_MalformedYaml_OneErrorWithLineAndColumnAndNothingChanged()
    {
        await SeedAsync(Source);
        var before = await ExportAsync(Source);

        var result = await ImportAsync(Source, "version: 1\nroutes:\n  - id: r1\n    name: [unclosed\n  - id: r2\n", prune: true);

        result.Malformed.ShouldBeTrue();
        var error = result.Errors.ShouldHaveSingleItem();
        error.Message.ShouldStartWith("not valid YAML");
        error.Line.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(4);
        error.Column.ShouldNotBeNull();
        error.ToString().ShouldStartWith($"line {error.Line}, column {error.Column}: ");
        (await ExportAsync(Source)).ShouldBe(before);
    }

    [Fact]
    public async Task Import_DuplicateKey_IsMalformed()
    {
        var result = await ImportAsync(Target, "version: 1\nversion: 1\n");

        result.Malformed.ShouldBeTrue();
        result.Errors.ShouldHaveSingleItem().Line.ShouldBe(2);
    }

    [Fact]
    public async Task Import_ChangedPublishedVersion_RefusedAndNothingChanged()
    {
        await SeedAsync(Source);
        var before = await ExportAsync(Source);
        var changed = before.Replace("greeting: Version two", "greeting: Version two, edited", StringComparison.Ordinal);
        changed.ShouldNotBe(before);

        var result = await ImportAsync(Source, changed);

        var error = result.Errors.ShouldHaveSingleItem();
        error.Path.ShouldBe("agents[0].versions[1].definition");
        error.Message.ShouldContain("published and cannot change");
        (await ExportAsync(Source)).ShouldBe(before);
    }

    [Fact]
    public async Task Import_PlaceholderWithoutVariableForNewTrunk_Refused()
    {
        await SeedAsync(Source);
        var exported = await ExportAsync(Source);

        var result = await ImportAsync(Target, exported, environment: new Dictionary<string, string>());

        var error = result.Errors.ShouldHaveSingleItem();
        error.Path.ShouldBe("trunks[0].password");
        error.Message.ShouldContain(PasswordVariable);
        (await ExportAsync(Target)).ShouldBe("version: 1\nagents: []\nroutes: []\ntrunks: []\nqueues: []\n");
    }
}
