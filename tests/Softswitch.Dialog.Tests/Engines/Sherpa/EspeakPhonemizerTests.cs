using Shouldly;
using Softswitch.Dialog.Engines.Sherpa;
using Softswitch.Media.Tts;
using Xunit;

namespace Softswitch.Dialog.Tests.Engines.Sherpa;

/// <summary>espeak-ng phonemes for Piper, sharing the library's global state with Softswitch.Media's espeak-ng voice.</summary>
[Collection(Softswitch.Dialog.Tests.Engines.EspeakAudioCollection.Name)]
public sealed class EspeakPhonemizerTests
{
    [Fact]
    public void Phonemize_InterleavedWithMediaSynthesizer_BothKeepWorking()
    {
        var media = new EspeakSynthesizer("en");
        var before = media.Synthesize16k("hello");
        before.ShouldContain(sample => Math.Abs((int)sample) > 1000);
        EspeakPhonemizer.Phonemize("hello", "en-us").ShouldBe("həlˈoʊ");
        EspeakPhonemizer.Phonemize("How are you?", "en-us").ShouldBe("hˈaʊ ɑːɹ juː");

        // One voice cache for both: the synthesizer speaks with its own voice again ("en" and "en-us" differ by about 5 % in
        // length for this word; successive syntheses with one voice by well under 1 %).
        var after = media.Synthesize16k("hello");
        Math.Abs(after.Length - before.Length).ShouldBeLessThan(before.Length / 100 + 1, $"{before.Length} samples before, {after.Length} after");
        EspeakPhonemizer.Phonemize("hello", "en-us").ShouldBe("həlˈoʊ");
    }

    [Fact]
    public void Phonemize_UnknownVoice_ErrorNamesIt() =>
        Should.Throw<InvalidOperationException>(() => EspeakPhonemizer.Phonemize("hello", "no-such-voice")).Message.ShouldContain("no-such-voice");
}
