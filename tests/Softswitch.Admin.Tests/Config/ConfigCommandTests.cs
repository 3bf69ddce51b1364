using System.CommandLine;
using Microsoft.Data.Sqlite;
using Shouldly;
using Softswitch.Host;
using Xunit;

namespace Softswitch.Admin.Tests.Config;

/// <summary>The real <c>softswitch config</c> commands, in process through <see cref="GatewayCommandLine"/>, on the SQLite file the gateway uses.</summary>
public sealed class ConfigCommandTests : IDisposable
{
    private const string Document = """
        version: 1
        queues:
          - id: support
            name: Support
            members: ["sip:alice@pbx.example.com"]
            strategy: ring-all
            ringTimeoutSeconds: 20
        """;

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("softswitch-config-cli-");

    private string DataDirectory => Path.Combine(_root.FullName, "data");

    private string ConfigDirectory => Path.Combine(_root.FullName, "config");

    public ConfigCommandTests()
    {
        Directory.CreateDirectory(ConfigDirectory);
        File.WriteAllText(Path.Combine(ConfigDirectory, "softswitch.json"), "// comments allowed, as for run\n{ \"Admin\": { \"Database\": { \"Provider\": \"sqlite\" } } }\n");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    [Fact]
    public async Task ImportThenExport_ThroughTheCommandLine_UsesTheGatewayDatabase()
    {
        var file = Write("config.yaml", Document);

        var dryRun = await RunAsync("config", "import", file, "--dry-run");
        dryRun.Code.ShouldBe(0, dryRun.Error);
        dryRun.Output.ShouldContain("queues: 1 created, 0 updated, 0 unchanged, 0 deleted");
        dryRun.Output.ShouldContain("Dry run");

        var import = await RunAsync("config", "import", file);
        import.Code.ShouldBe(0, import.Error);
        import.Output.ShouldContain("queues: 1 created");
        File.Exists(Path.Combine(DataDirectory, "softswitch.db")).ShouldBeTrue("the same file softswitch run uses");

        var export = await RunAsync("config", "export");
        export.Code.ShouldBe(0, export.Error);
        export.Output.ShouldContain("queues:\n  - id: support\n    name: Support\n");

        var output = Path.Combine(_root.FullName, "out.yaml");
        (await RunAsync("config", "export", "--output", output)).Code.ShouldBe(0);
        File.ReadAllText(output).ShouldBe(export.Output);

        var again = await RunAsync("config", "import", output);
        again.Code.ShouldBe(0, again.Error);
        again.Output.ShouldContain("queues: 0 created, 0 updated, 1 unchanged, 0 deleted");
    }

    [Fact]
    public async Task Import_InvalidDocument_ExitsOneListingEveryErrorAndChangesNothing()
    {
        (await RunAsync("config", "import", Write("ok.yaml", Document))).Code.ShouldBe(0);
        var bad = Write("bad.yaml", Document.Replace("ringTimeoutSeconds: 20", "ringTimeoutSeconds: 2", StringComparison.Ordinal)
            .Replace("sip:alice@pbx.example.com", "alice", StringComparison.Ordinal));

        var result = await RunAsync("config", "import", bad, "--prune");

        result.Code.ShouldBe(1);
        result.Error.ShouldContain("bad.yaml: line 7, column 25: queues[0].ringTimeoutSeconds: must be 5-600");
        result.Error.ShouldContain("queues[0].members[0]: must be a SIP URI");
        result.Error.ShouldContain("2 errors");
        (await RunAsync("config", "export")).Output.ShouldContain("ringTimeoutSeconds: 20");
    }

    [Fact]
    public async Task Import_MalformedYaml_ExitsTwoWithLineAndColumn()
    {
        var result = await RunAsync("config", "import", Write("broken.yaml", "version: 1\nqueues:\n  - id: [support\n"));

        result.Code.ShouldBe(2);
        result.Error.ShouldContain("broken.yaml: line ");
        result.Error.ShouldContain("not valid YAML");
    }

    [Fact]
    public async Task Import_MissingFile_ExitsTwo()
    {
        var result = await RunAsync("config", "import", Path.Combine(_root.FullName, "missing.yaml"));

        result.Code.ShouldBe(2);
        result.Error.ShouldContain("cannot read");
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_root.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await GatewayCommandLine.Create()
            .Parse([.. args, "--data-dir", DataDirectory, "--config", ConfigDirectory])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
