using System.CommandLine;
using System.Security.Cryptography;
using Shouldly;
using Softswitch.Dialog.Models;
using Softswitch.Dialog.Tests.Models;
using Xunit;

namespace Softswitch.Host.Tests;

public sealed class ModelsCommandTests : IDisposable
{
    private readonly LoopbackFileServer _server = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("softswitch-models-cli-").FullName;
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(2 * 1024 * 1024);
    private readonly ModelCatalog _catalog;

    public ModelsCommandTests()
    {
        _catalog = new ModelCatalog(
        [
            new("alpha", "first test model", [new("alpha.bin", _server.Add("alpha.bin", _content), Convert.ToHexStringLower(SHA256.HashData(_content)), _content.Length)]),
            new("beta", "second test model", [new("beta/beta.bin", new Uri(_server.BaseUri, "missing.bin"), null, null)]),
            new("gamma", "third test model", [new("g1.bin", new Uri(_server.BaseUri, "g1.bin"), new string('0', 64), 1), new("g2.bin", new Uri(_server.BaseUri, "g2.bin"), null, 1)]),
        ]);
    }

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Create_HasModelsCommandWithListAndPull()
    {
        var models = GatewayCommandLine.Create().Subcommands.Single(c => c.Name == "models");
        models.Subcommands.Select(c => c.Name).ShouldBe(["list", "pull"]);
        GatewayCommandLine.Create().Parse("models pull whisper-tiny-en --force --models-dir /tmp/m").Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Pull_UnknownName_ExitsTwoListingKnownNames()
    {
        var (code, _, error) = await InvokeAsync("pull", "delta");

        code.ShouldBe(2);
        error.ShouldContain("Unknown model 'delta'. Known models: alpha, beta, gamma.");
        _server.Requests.ShouldBe(0);
    }

    [Fact]
    public async Task Pull_KnownName_DownloadsVerifiesAndThenSaysPresent()
    {
        var (code, output, error) = await InvokeAsync("pull", "alpha");

        code.ShouldBe(0, error);
        var path = Path.Combine(_directory, "alpha.bin");
        File.ReadAllBytes(path).ShouldBe(_content);
        output.ShouldContain($"Downloaded {path} (SHA-256 {Convert.ToHexStringLower(SHA256.HashData(_content))}, matches the pinned digest).");
        error.ShouldContain("alpha.bin: 100.0% 2.1 MB of 2.1 MB, ");
        error.ShouldContain(" MB/s");

        var (againCode, again, _) = await InvokeAsync("pull", "alpha");
        againCode.ShouldBe(0);
        again.ShouldContain($"{path} is already present and verified");
        _server.Requests.ShouldBe(1);
    }

    [Fact]
    public async Task Pull_ServerAnswers404_ExitsOneNamingUrlAndPath()
    {
        var (code, _, error) = await InvokeAsync("pull", "beta");

        code.ShouldBe(1);
        error.ShouldContain($"Could not download {new Uri(_server.BaseUri, "missing.bin")}: HTTP 404");
        error.ShouldContain($"copy the file by hand to {Path.Combine(_directory, "beta", "beta.bin")}");
    }

    [Fact]
    public async Task List_ShowsPresentAndMissingWithPathsAndPinning()
    {
        await InvokeAsync("pull", "alpha");

        var (code, output, _) = await InvokeAsync("list");

        code.ShouldBe(0);
        var lines = output.Split('\n').Select(l => l.TrimEnd()).ToList();
        lines.ShouldContain($"Models directory: {_directory}");
        lines.ShouldContain(l => l.StartsWith("alpha ", StringComparison.Ordinal) && l.Contains("2.1 MB") && l.Contains("present") && l.Contains("pinned") && l.EndsWith("first test model", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("beta ", StringComparison.Ordinal) && l.Contains("missing") && l.Contains("not pinned"));
        lines.ShouldContain(l => l.StartsWith("gamma ", StringComparison.Ordinal) && l.Contains("missing") && l.Contains("partly"));
        lines.ShouldContain($"    present  {Path.Combine(_directory, "alpha.bin")} (pinned)");
        lines.ShouldContain($"    missing  {Path.Combine(_directory, "beta", "beta.bin")} (not pinned)");
        output.ShouldContain("Fetch a missing model with: ./softswitch models pull NAME");
    }

    [Fact]
    public void ResolveStore_Defaults_UseDataDirectoryModels()
    {
        Environment.GetEnvironmentVariable(ModelsCommand.ModelsDirectoryVariable).ShouldBeNull("tests assume the variable is unset");
        ModelsCommand.ResolveStore(null, "/srv/data").Directory.ShouldBe("/srv/data/models");
        ModelsCommand.ResolveStore("/opt/models", "/srv/data").Directory.ShouldBe("/opt/models");
    }

    private async Task<(int Code, string Output, string Error)> InvokeAsync(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(new ModelsCommand(_catalog));
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(["models", .. args, "--models-dir", _directory])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
