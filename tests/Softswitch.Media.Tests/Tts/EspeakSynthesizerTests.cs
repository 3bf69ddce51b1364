using Shouldly;
using Softswitch.Media.Resampling;
using Softswitch.Media.Tts;
using Xunit;

namespace Softswitch.Media.Tests.Tts;

public sealed class EspeakSynthesizerTests
{
    [Fact]
    public void Synthesize16k_Greeting_GivesMoreThan800msOfRealSpeech()
    {
        var synthesizer = new EspeakSynthesizer();
        short[] pcm = synthesizer.Synthesize16k("Hello, you have reached Softswitch.");

        (pcm.Length / 16000.0).ShouldBeGreaterThan(0.8);
        pcm.ShouldContain(s => s != 0);
        Signals.Rms(pcm).ShouldBeGreaterThan(500);
        EspeakSynthesizer.NativeSampleRate.ShouldBe(22050);
    }

    [Fact]
    public void SynthesizeNative_ResampledTo16k_KeepsDurationExactly()
    {
        var synthesizer = new EspeakSynthesizer();
        short[] native = synthesizer.SynthesizeNative("One two three.");
        short[] pcm = SpeexResampler.ResampleAll(native, EspeakSynthesizer.NativeSampleRate, 16000);
        pcm.Length.ShouldBe((int)(native.Length * 16000L / EspeakSynthesizer.NativeSampleRate));
        Signals.Decibels(Signals.Rms(pcm), Signals.Rms(native)).ShouldBeInRange(-1, 1);
    }

    [Fact]
    public async Task Synthesize16k_FromManyThreads_IsSerializedAndCorrect()
    {
        var synthesizer = new EspeakSynthesizer();
        var tasks = Enumerable.Range(0, 4).Select(i => Task.Run(() => synthesizer.Synthesize16k($"Call number {i}."))).ToArray();
        short[][] results = await Task.WhenAll(tasks);
        foreach (short[] pcm in results)
        {
            (pcm.Length / 16000.0).ShouldBeGreaterThan(0.5);
            Signals.Rms(pcm).ShouldBeGreaterThan(500);
        }
    }

    [Fact]
    public void Synthesize16k_SlowerRate_GivesLongerAudio()
    {
        short[] normal = new EspeakSynthesizer().Synthesize16k("Please hold the line.");
        short[] slow = new EspeakSynthesizer("en", 100).Synthesize16k("Please hold the line.");
        slow.Length.ShouldBeGreaterThan(normal.Length * 5 / 4);
    }

    [Fact]
    public void Constructor_UnknownVoice_FailsOnSynthesis()
    {
        Should.Throw<InvalidOperationException>(() => new EspeakSynthesizer("no-such-voice").Synthesize16k("x"));
    }

    [Fact]
    public void SynthesizeNative_Cancelled_Throws()
    {
        var synthesizer = new EspeakSynthesizer();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Should.Throw<OperationCanceledException>(() => synthesizer.SynthesizeNative("This is cancelled.", cts.Token));
    }
}
