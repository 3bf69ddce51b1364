using Shouldly;
using Softswitch.Dialog.Engines.Sherpa;
using Xunit;

namespace Softswitch.Dialog.Tests.Engines.Sherpa;

/// <summary>Piper's test voice stub (always 1 s of silence at 22050 Hz) through espeak-ng and the real ONNX Runtime.</summary>
[Collection(Softswitch.Dialog.Tests.Engines.EspeakAudioCollection.Name)]
public sealed class PiperSynthesizerTests
{
    private const string Stub = "piper_test_voice_stub.onnx";

    [ModelFact(Stub, Stub + ".json")]
    public void Create_StubConfig_ReadsRateVoiceScalesAndMap()
    {
        using var piper = SynthesizerForStub();
        piper.Config.SampleRate.ShouldBe(22050);
        piper.Config.EspeakVoice.ShouldBe("en-us");
        piper.Config.NoiseScale.ShouldBe(0.667f);
        piper.Config.LengthScale.ShouldBe(1f);
        piper.Config.NoiseW.ShouldBe(0.8f);
        piper.Config.NumSpeakers.ShouldBe(1);
        piper.Config.PhonemeIds.Count.ShouldBe(159);
    }

    [ModelFact(Stub, Stub + ".json")]
    public void Phonemize_Hello_EspeakIpaAndPiperIds()
    {
        using var piper = SynthesizerForStub();
        piper.Phonemize("hello").ShouldBe("həlˈoʊ");
        piper.Phonemize("Hello.").ShouldBe("həlˈoʊ.");

        // ^ _ h _ ə _ l _ ˈ _ o _ ʊ _ $ with the stub's map: ^=1 _=0 $=2 h=20 ə=59 l=24 ˈ=120 o=27 ʊ=100.
        piper.Config.ToIds("həlˈoʊ").ShouldBe([1, 0, 20, 0, 59, 0, 24, 0, 120, 0, 27, 0, 100, 0, 2]);
        piper.Config.ToIds("h\u2603").ShouldBe([1, 0, 20, 0, 2]); // a phoneme the voice lacks is skipped
    }

    [ModelFact(Stub, Stub + ".json")]
    public void Synthesize16k_Stub_OneSecondOfSilenceAt16kHz()
    {
        using var piper = SynthesizerForStub();
        piper.Infer(piper.Config.ToIds("həlˈoʊ")).Length.ShouldBe(22050); // the model's own output, at 22050 Hz

        var pcm = piper.Synthesize16k("Hello.");
        pcm.Length.ShouldBeInRange(15200, 16800); // 1 s at 16 kHz, ±5 %
        pcm.ShouldAllBe(sample => Math.Abs((int)sample) <= 1);
    }

    [ModelFact(Stub, Stub + ".json")]
    public async Task SynthesizeSentencesAsync_TwoSentences_OneSecondEach()
    {
        using var piper = SynthesizerForStub();
        var chunks = new List<short[]>();
        await foreach (var chunk in piper.SynthesizeSentencesAsync("Hello there. How are you?", CancellationToken.None))
        {
            chunks.Add(chunk);
        }

        chunks.Count.ShouldBe(2);
        chunks.ShouldAllBe(c => c.Length >= 15200 && c.Length <= 16800);
    }

    [Fact]
    public void SplitSentences_PunctuationAndLines()
    {
        PiperSynthesizer.SplitSentences("Hi. It costs 3.50 dollars!  Really?\nYes").ShouldBe(["Hi.", "It costs 3.50 dollars!", "Really?", "Yes"]);
        PiperSynthesizer.SplitSentences("  ").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"espeak":{"voice":"en-us"},"phoneme_id_map":{"_":[0],"^":[1],"$":[2]}}""", "audio.sample_rate")]
    [InlineData("""{"audio":{"sample_rate":22050},"phoneme_id_map":{"_":[0],"^":[1],"$":[2]}}""", "espeak.voice")]
    [InlineData("""{"audio":{"sample_rate":22050},"espeak":{"voice":"en-us"}}""", "phoneme_id_map")]
    [InlineData("""{"audio":{"sample_rate":22050},"espeak":{"voice":"en-us"},"phoneme_id_map":{"_":[0],"$":[2]}}""", "'^'")]
    [InlineData("""{"audio":{"sample_rate":22050},"espeak":{"voice":"en-us"},"phoneme_id_map":{"_":[0],"^":[1],"$":[2],"a":"x"}}""", "phoneme_id_map['a']")]
    [InlineData("""{"audio":{"sample_rate":22050},"espeak":{"voice":"en-us"},"inference":{"noise_scale":-1},"phoneme_id_map":{"_":[0],"^":[1],"$":[2]}}""", "inference.noise_scale")]
    [InlineData("""{"phoneme_type":"text"}""", "phoneme_type")]
    [InlineData("""not json""", "JSON")]
    public void Parse_BadConfig_ErrorNamesTheField(string json, string field) =>
        Should.Throw<InvalidDataException>(() => PiperVoiceConfig.Parse(json)).Message.ShouldContain(field);

    [Fact]
    public void Create_MissingModelOrConfig_ErrorNamesTheFile()
    {
        var model = Should.Throw<FileNotFoundException>(() => PiperSynthesizer.Create(new PiperOptions { ModelPath = "/nonexistent/voice.onnx" }));
        model.Message.ShouldContain("./softswitch models pull piper-en-us-lessac-medium");
        model.Message.ShouldContain("/nonexistent/voice.onnx");
        model.Message.ShouldContain("piper-voices");

        var existing = typeof(PiperSynthesizerTests).Assembly.Location; // a file with no .json beside it
        var config = Should.Throw<FileNotFoundException>(() => PiperSynthesizer.Create(new PiperOptions { ModelPath = existing }));
        config.Message.ShouldContain(existing + ".json");
    }

    [Fact]
    public void Load_BadConfigFile_ErrorNamesFileAndField()
    {
        var path = Path.Combine(Path.GetTempPath(), $"piper-bad-{Guid.NewGuid():N}.onnx.json");
        File.WriteAllText(path, """{"audio":{},"espeak":{"voice":"en-us"},"phoneme_id_map":{"_":[0],"^":[1],"$":[2]}}""");
        try
        {
            var error = Should.Throw<InvalidDataException>(() => PiperVoiceConfig.Load(path));
            error.Message.ShouldContain(path);
            error.Message.ShouldContain("audio.sample_rate");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static PiperSynthesizer SynthesizerForStub() => PiperSynthesizer.Create(new PiperOptions { ModelPath = TestModels.Path(Stub) });
}
