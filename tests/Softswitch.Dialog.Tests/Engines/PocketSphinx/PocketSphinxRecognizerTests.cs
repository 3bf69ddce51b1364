using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using Softswitch.Dialog.Engines.PocketSphinx;
using Softswitch.Media.Tts;
using Xunit;
using Xunit.Abstractions;

namespace Softswitch.Dialog.Tests.Engines.PocketSphinx;

/// <summary>
/// pocketsphinx 5prealpha (Debian libpocketsphinx3 + pocketsphinx-en-us, installed by ./softswitch setup) on espeak-ng speech at
/// 16 kHz, fed in 20 ms frames as the call loop will.
/// </summary>
[Collection(EspeakAudioCollection.Name)]
public sealed class PocketSphinxRecognizerTests(ITestOutputHelper output)
{
    private const string AgentRequest = "I would like to speak to an agent about my bill";

    private static readonly string[] s_phrases = [AgentRequest, "speak to an agent", "my bill", "yes please", "yes", "no", "1 2 3"];

    [Fact]
    public void EndUtterance_EspeakRequest_RecognizesPhraseWithPartialsBefore()
    {
        using var recognizer = Create(s_phrases);
        output.WriteLine($"model and grammar loaded in {recognizer.LoadTime.TotalMilliseconds:F0} ms");

        var (result, partials) = Recognize(recognizer, AgentRequest);

        output.WriteLine($"final '{result.Text}' (score {result.Score}), RTF {result.RealTimeFactor:F3} over {result.Audio.TotalSeconds:F2} s; partials: {string.Join(" | ", partials)}");
        string.Join(' ', PocketSphinxGrammar.Normalize(result.Text)).ShouldBe("i would like to speak to an agent about my bill");
        result.Phrase.ShouldBe(AgentRequest);
        partials.ShouldNotBeEmpty();
        partials.ShouldContain(p => p.Length > 0 && p.Length < result.Text.Length, "a partial shorter than the final text came while speaking");
        result.RealTimeFactor.ShouldBeLessThan(1.0);
    }

    [Fact]
    public void EndUtterance_OtherUtteranceSameGrammar_RecognizedAsSuch()
    {
        using var recognizer = Create(s_phrases);

        var (first, _) = Recognize(recognizer, "yes please");
        var (second, _) = Recognize(recognizer, AgentRequest);

        first.Text.ShouldBe("yes please");
        first.Phrase.ShouldBe("yes please");
        second.Phrase.ShouldBe(AgentRequest);
    }

    [Fact]
    public void EndUtterance_PhraseInsideLongerUtterance_FindsThePhrase()
    {
        using var recognizer = Create(["speak to an agent", "my bill", "yes", "no"]);

        var (result, _) = Recognize(recognizer, "hello I want to speak to an agent please");

        output.WriteLine($"final '{result.Text}'");
        result.Phrase.ShouldBe("speak to an agent");
        result.Text.ShouldContain("speak to an agent");
    }

    [Fact]
    public void Create_PhraseWithUnknownWord_SkippedAndReported()
    {
        using var recognizer = Create(["yes", "talk to zxqwortle please"]);

        recognizer.Grammar.Phrases.ShouldBe(["yes"]);
        var skipped = recognizer.Grammar.Skipped.ShouldHaveSingleItem();
        skipped.Phrase.ShouldBe("talk to zxqwortle please");
        skipped.UnknownWords.ShouldBe(["zxqwortle"]);
    }

    [Fact]
    public void Create_OnlyUnknownWords_ErrorNamesThem()
    {
        var error = Should.Throw<ArgumentException>(() => Create(["zxqwortle", "!!!"]));
        error.Message.ShouldContain("zxqwortle");
        error.Message.ShouldContain("'!!!' has no words");
    }

    [Fact]
    public void Create_MissingModelDirectory_ErrorNamesItAndThePackage()
    {
        var options = new PocketSphinxOptions { ModelDirectory = "/nonexistent/pocketsphinx/en-us" };
        var error = Should.Throw<DirectoryNotFoundException>(() => PocketSphinxRecognizer.Create(options, ["yes"], NullLogger<PocketSphinxRecognizer>.Instance));
        error.Message.ShouldContain("/nonexistent/pocketsphinx/en-us/en-us");
        error.Message.ShouldContain("apt-get install pocketsphinx-en-us");
    }

    [Fact]
    public void Create_MissingDictionary_ErrorNamesItAndThePackage()
    {
        var options = new PocketSphinxOptions { Dictionary = "absent.dict" };
        var error = Should.Throw<FileNotFoundException>(() => PocketSphinxRecognizer.Create(options, ["yes"], NullLogger<PocketSphinxRecognizer>.Instance));
        error.Message.ShouldContain(Path.Combine(options.ModelDirectory, "absent.dict"));
        error.Message.ShouldContain("apt-get install pocketsphinx-en-us");
    }

    [Fact]
    public void Process_OutsideUtterance_Refused()
    {
        using var recognizer = Create(["yes"]);
        Should.Throw<InvalidOperationException>(() => recognizer.Process(new short[PocketSphinxRecognizer.FrameSamples]));
        Should.Throw<InvalidOperationException>(() => recognizer.EndUtterance());
    }

    private static PocketSphinxRecognizer Create(IEnumerable<string> phrases) =>
        PocketSphinxRecognizer.Create(new PocketSphinxOptions(), phrases, NullLogger<PocketSphinxRecognizer>.Instance);

    [Theory]
    [InlineData(-24)]
    [InlineData(-12)]
    [InlineData(0)]
    [InlineData(3)]
    public void EndUtterance_InputLevel_RecognizedOverDigitalSilence(int gainDb)
    {
        using var recognizer = Create(s_phrases);

        var (result, _) = Recognize(recognizer, AgentRequest, gainDb);

        output.WriteLine($"{gainDb} dB: '{result.Text}'");
        result.Phrase.ShouldBe(AgentRequest);
    }

    private static (PocketSphinxResult Result, List<string> Partials) Recognize(PocketSphinxRecognizer recognizer, string text, int gainDb = 0)
    {
        var speech = new EspeakSynthesizer().Synthesize16k(text);
        var gain = Math.Pow(10, gainDb / 20.0);
        for (var i = 0; i < speech.Length; i++)
        {
            speech[i] = (short)Math.Clamp(Math.Round(speech[i] * gain), short.MinValue, short.MaxValue);
        }

        var silence = new short[PocketSphinxRecognizer.SampleRate / 4];
        short[] audio = [.. silence, .. speech, .. silence];
        var partials = new List<string>();
        recognizer.StartUtterance();
        for (var offset = 0; offset + PocketSphinxRecognizer.FrameSamples <= audio.Length; offset += PocketSphinxRecognizer.FrameSamples)
        {
            if (recognizer.Process(audio.AsSpan(offset, PocketSphinxRecognizer.FrameSamples)))
            {
                partials.Add(recognizer.PartialText);
            }
        }

        return (recognizer.EndUtterance(), partials);
    }
}
