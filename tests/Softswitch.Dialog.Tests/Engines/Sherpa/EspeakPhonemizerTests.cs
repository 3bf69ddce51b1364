using Shouldly;
using Softswitch.Dialog.Engines.Sherpa;
using Softswitch.Media.Tts;
using Xunit;

namespace Softswitch.Dialog.Tests.Engines.Sherpa;

/// <summary>espeak-ng phonemes for Piper, sharing the library's global state with Softswitch.Media's espeak-ng voice.</summary>
public sealed class EspeakPhonemizerTests
{
    [Fact]
    public void Phonemize_InterleavedWithMediaSynthesizer_BothKeepWorking()
    {
        EspeakPhonemizer.Phonemize("hello", "en-us").ShouldBe("həlˈoʊ");
        var media = new EspeakSynthesizer("en");
        media.Synthesize16k("hello").ShouldContain(sample => Math.Abs((int)sample) > 1000);
        EspeakPhonemizer.Phonemize("How are you?", "en-us").ShouldBe("hˈaʊ ɑːɹ juː");
        media.Synthesize16k("hello").Length.ShouldBeGreaterThan(1600);
        EspeakPhonemizer.Phonemize("hello", "en-us").ShouldBe("həlˈoʊ");
    }

    [Fact]
    public void Phonemize_UnknownVoice_ErrorNamesIt() =>
        Should.Throw<InvalidOperationException>(() => EspeakPhonemizer.Phonemize("hello", "no-such-voice")).Message.ShouldContain("no-such-voice");
}
