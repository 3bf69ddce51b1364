using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using Softswitch.Dialog.Models;
using Xunit;

namespace Softswitch.Dialog.Tests.Models;

public sealed class ModelDownloaderTests : IDisposable
{
    private readonly LoopbackFileServer _server = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string _directory = Directory.CreateTempSubdirectory("softswitch-models-").FullName;

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task PullAsync_PinnedDigestMatches_WritesFileDigestAndReportsProgress()
    {
        var content = Body(4 * 1024 * 1024, seed: 1);
        var file = new ModelFile("sub/model.bin", _server.Add("model.bin", content), Sha256(content), content.Length);
        var progress = new ProgressRecorder();

        var results = await Downloader().PullAsync(Entry(file), Store(), force: false, progress, CancellationToken.None);

        var path = Path.Combine(_directory, "sub", "model.bin");
        results.ShouldHaveSingleItem().ShouldBe(new ModelFileResult(file, path, Sha256(content), Downloaded: true));
        File.ReadAllBytes(path).ShouldBe(content);
        File.ReadAllText(path + ".sha256").ShouldBe($"{Sha256(content)}  model.bin\n");
        File.Exists(path + ".part").ShouldBeFalse();
        progress.Reports.Count.ShouldBeGreaterThanOrEqualTo(4);
        progress.Reports.Select(r => r.BytesReceived).ShouldBeInOrder();
        progress.Reports.ShouldAllBe(r => r.TotalBytes == content.Length && r.RelativePath == "sub/model.bin");
        progress.Reports[^1].Completed.ShouldBeTrue();
        progress.Reports[^1].BytesReceived.ShouldBe(content.Length);
        progress.Reports[^1].BytesPerSecond.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task PullAsync_DigestMismatch_ThrowsWithBothDigestsAndLeavesNothing()
    {
        var content = Body(1024 * 1024, seed: 2);
        var expected = Sha256(Body(16, seed: 3));
        var file = new ModelFile("model.bin", _server.Add("model.bin", content), expected, null);

        var error = await Should.ThrowAsync<ModelDownloadException>(
            () => Downloader().PullAsync(Entry(file), Store(), force: false, null, CancellationToken.None));

        error.Message.ShouldContain($"expected {expected}");
        error.Message.ShouldContain($"got {Sha256(content)}");
        error.Message.ShouldContain(file.Url.ToString());
        Directory.GetFiles(_directory, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task PullAsync_Http404_ThrowsNamingUrlAndPath()
    {
        var file = new ModelFile("absent.bin", new Uri(_server.BaseUri, "absent.bin"), null, null);

        var error = await Should.ThrowAsync<ModelDownloadException>(
            () => Downloader().PullAsync(Entry(file), Store(), force: false, null, CancellationToken.None));

        error.Message.ShouldContain($"Could not download {file.Url}: HTTP 404");
        error.Message.ShouldContain($"copy the file by hand to {Path.Combine(_directory, "absent.bin")}");
        Directory.GetFiles(_directory, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task PullAsync_ConnectionRefused_ThrowsNamingUrl()
    {
        var url = new Uri($"http://127.0.0.1:{LoopbackFileServer.FreePort()}/model.bin");
        var file = new ModelFile("model.bin", url, null, null);

        var error = await Should.ThrowAsync<ModelDownloadException>(
            () => Downloader().PullAsync(Entry(file), Store(), force: false, null, CancellationToken.None));

        error.Message.ShouldStartWith($"Could not download {url}: ");
        error.Message.ShouldContain("copy the file by hand to");
        error.InnerException.ShouldBeOfType<HttpRequestException>();
        File.Exists(Path.Combine(_directory, "model.bin.part")).ShouldBeFalse();
    }

    [Fact]
    public async Task PullAsync_NotPinned_RecordsComputedDigest()
    {
        var content = Body(300_000, seed: 4);
        var file = new ModelFile("model.bin", _server.Add("model.bin", content), null, null);
        var store = Store();

        var result = (await Downloader().PullAsync(Entry(file), store, force: false, null, CancellationToken.None)).ShouldHaveSingleItem();

        result.Sha256.ShouldBe(Sha256(content));
        store.RecordedDigest(file).ShouldBe(Sha256(content));
    }

    [Fact]
    public async Task PullAsync_AlreadyPresentAndVerified_DoesNotDownloadUnlessForced()
    {
        var content = Body(200_000, seed: 5);
        var file = new ModelFile("model.bin", _server.Add("model.bin", content), Sha256(content), null);
        var downloader = Downloader();
        var ct = CancellationToken.None;
        await downloader.PullAsync(Entry(file), Store(), force: false, null, ct);

        var again = await downloader.PullAsync(Entry(file), Store(), force: false, null, ct);
        _server.Requests.ShouldBe(1);
        again.ShouldHaveSingleItem().Downloaded.ShouldBeFalse();

        var forced = await downloader.PullAsync(Entry(file), Store(), force: true, null, ct);
        _server.Requests.ShouldBe(2);
        forced.ShouldHaveSingleItem().Downloaded.ShouldBeTrue();
    }

    [Fact]
    public async Task PullAsync_PresentButCorruptAndLeftoverPart_DownloadsAgain()
    {
        var content = Body(200_000, seed: 6);
        var file = new ModelFile("model.bin", _server.Add("model.bin", content), Sha256(content), null);
        var path = Path.Combine(_directory, "model.bin");
        File.WriteAllBytes(path, [1, 2, 3]);
        File.WriteAllBytes(path + ".part", [4, 5, 6]);

        var result = (await Downloader().PullAsync(Entry(file), Store(), force: false, null, CancellationToken.None)).ShouldHaveSingleItem();

        result.Downloaded.ShouldBeTrue();
        File.ReadAllBytes(path).ShouldBe(content);
        File.Exists(path + ".part").ShouldBeFalse();
    }

    [Fact]
    public async Task PullAsync_CopiedByHandWithoutPin_AcceptedAndRecorded()
    {
        var content = Body(1000, seed: 7);
        var file = new ModelFile("model.bin", new Uri(_server.BaseUri, "never-asked.bin"), null, null);
        File.WriteAllBytes(Path.Combine(_directory, "model.bin"), content);
        var store = Store();

        var result = (await Downloader().PullAsync(Entry(file), store, force: false, null, CancellationToken.None)).ShouldHaveSingleItem();

        result.Downloaded.ShouldBeFalse();
        store.RecordedDigest(file).ShouldBe(Sha256(content));
        _server.Requests.ShouldBe(0);
    }

    private ModelDownloader Downloader() => new(_http, NullLogger<ModelDownloader>.Instance);

    private ModelStore Store() => new(_directory);

    private static ModelCatalogEntry Entry(params ModelFile[] files) => new("test-model", "tests", files);

    private static byte[] Body(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private sealed class ProgressRecorder : IProgress<ModelDownloadProgress>
    {
        public List<ModelDownloadProgress> Reports { get; } = [];

        public void Report(ModelDownloadProgress value) => Reports.Add(value);
    }
}
