using Shouldly;
using Softswitch.Dialog.Models;
using Xunit;

namespace Softswitch.Dialog.Tests.Models;

public sealed class ModelCatalogTests
{
    [Fact]
    public void Default_Entries_HaveUniqueNamesOfficialHttpsAddressesAndWellFormedDigests()
    {
        var catalog = ModelCatalog.Default;

        catalog.Entries.Select(e => e.Name).ShouldBe(
            ["whisper-tiny-en", "whisper-base-en", "piper-en-us-lessac-medium", "qwen2.5-0.5b-instruct", "silero-vad", "zipformer-en-20m"]);
        foreach (var file in catalog.Entries.SelectMany(e => e.Files))
        {
            file.Url.Scheme.ShouldBe("https");
            file.Url.Host.ShouldBeOneOf("huggingface.co", "github.com");
            if (file.Sha256 is { } digest)
            {
                digest.ShouldMatch("^[0-9a-f]{64}$");
            }
        }

        catalog.Entries.SelectMany(e => e.Files).Select(f => f.RelativePath).ShouldBeUnique();
    }

    [Fact]
    public void TryFind_IgnoresCase()
    {
        ModelCatalog.Default.TryFind("Whisper-Tiny-EN", out var entry).ShouldBeTrue();
        entry!.Files.ShouldHaveSingleItem().RelativePath.ShouldBe("ggml-tiny.en.bin");
        ModelCatalog.Default.TryFind("no-such-model", out _).ShouldBeFalse();
    }

    [Fact]
    public void MissingFileMessage_NamesFileCommandAndAddress()
    {
        ModelCatalog.PullHint("whisper-tiny-en").ShouldBe("run ./softswitch models pull whisper-tiny-en");
        ModelCatalog.Default.MissingFileMessage("/data/models/ggml-tiny.en.bin", "whisper-tiny-en").ShouldBe(
            "Model file '/data/models/ggml-tiny.en.bin' was not found: run ./softswitch models pull whisper-tiny-en " +
            "(or copy it there by hand from https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-tiny.en.bin).");
    }
}
