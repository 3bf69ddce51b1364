using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Shouldly;
using Softswitch.Dialog.Engines.Whisper;
using Xunit;
using Xunit.Abstractions;

namespace Softswitch.Dialog.Tests.Engines.Whisper;

/// <summary>
/// whisper.cpp end to end on its own test model (real header, mel filters and vocabulary, no weights) over jfk.wav: the
/// transcript is meaningless, so these tests check the pipeline (load, whisper_full returning 0, segments readable, timings,
/// cancellation, errors), not the words.
/// </summary>
[Collection(WhisperCollection.Name)]
public sealed class WhisperEngineTests(ITestOutputHelper output)
{
    private static WhisperEngine Create(string modelPath, Action<WhisperOptions>? configure = null)
    {
        var options = new WhisperOptions { ModelPath = modelPath, Threads = 1 };
        configure?.Invoke(options);
        return new WhisperEngine(Options.Create(options), NullLogger<WhisperEngine>.Instance);
    }

    [ModelFixtureFact]
    public void Transcribe_JfkWithTestModel_RunsThePipeline()
    {
        using var engine = Create(WhisperFixtures.TestModel);
        engine.Version.ShouldBe("1.9.1");
        engine.ModelType.ShouldBe("tiny");
        engine.IsMultilingual.ShouldBeFalse();
        engine.ModelPath.ShouldBe(WhisperFixtures.TestModel);

        var pcm = WhisperFixtures.ReadPcm16(WhisperFixtures.Jfk);
        pcm.Length.ShouldBe(176000); // 11 s
        var transcript = engine.Transcribe(pcm, CancellationToken.None);

        transcript.AudioDuration.ShouldBe(TimeSpan.FromSeconds(11));
        transcript.ProcessingTime.ShouldBeGreaterThan(TimeSpan.Zero);
        transcript.ProcessingTime.ShouldBeLessThan(TimeSpan.FromMinutes(2));
        transcript.RealTimeFactor.ShouldBe(transcript.ProcessingTime / transcript.AudioDuration);
        foreach (var segment in transcript.Segments)
        {
            segment.Start.ShouldBeGreaterThanOrEqualTo(TimeSpan.Zero);
            segment.End.ShouldBeGreaterThanOrEqualTo(segment.Start);
            segment.End.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(30)); // whisper's window
            segment.NoSpeechProbability.ShouldBeInRange(0f, 1f);
        }

        transcript.Text.ShouldBe(string.Join(' ', transcript.Segments.Where(s => s.Text.Length > 0).Select(s => s.Text)));
        output.WriteLine($"{transcript.Segments.Count} segment(s), '{transcript.Text}', {transcript.ProcessingTime.TotalMilliseconds:0} ms for 11 s: RTF {transcript.RealTimeFactor:0.000} (1 thread)");

        // The same engine again (a pooled state): the model stays loaded, the run is repeatable.
        var again = engine.Transcribe(pcm, CancellationToken.None);
        again.Segments.Count.ShouldBe(transcript.Segments.Count);
        again.Text.ShouldBe(transcript.Text);
    }

    [ModelFixtureFact]
    public void Transcribe_SegmentCallbackAndUtterance_SeeTheSameSegments()
    {
        using var engine = Create(WhisperFixtures.TestModel);
        var pcm = WhisperFixtures.ReadPcm16(WhisperFixtures.Jfk);
        var seen = new List<WhisperSegment>();
        var transcript = engine.Transcribe(pcm, seen.Add, CancellationToken.None);
        seen.ShouldBe(transcript.Segments);

        var utterance = engine.CreateUtterance();
        for (var offset = 0; offset < pcm.Length; offset += 320) // 20 ms frames, as the call loop feeds them
        {
            utterance.Append(pcm.AsSpan(offset, Math.Min(320, pcm.Length - offset))).ShouldBe(Math.Min(320, pcm.Length - offset));
            if (offset == 160000)
            {
                var partial = utterance.Partial(CancellationToken.None);
                partial.AudioDuration.ShouldBe(TimeSpan.FromMilliseconds(10020));
                partial.Segments.Count.ShouldBeLessThanOrEqualTo(1); // single_segment
            }
        }

        utterance.Duration.ShouldBe(TimeSpan.FromSeconds(11));
        var complete = utterance.Complete(CancellationToken.None);
        complete.Text.ShouldBe(transcript.Text);
        complete.Segments.Count.ShouldBe(transcript.Segments.Count);
        utterance.Reset();
        utterance.Count.ShouldBe(0);
        utterance.Complete(CancellationToken.None).Segments.ShouldBeEmpty();
    }

    [ModelFixtureFact]
    public void Utterance_FullBuffer_DropsTheRest()
    {
        using var engine = Create(WhisperFixtures.TestModel, o => o.MaxUtterance = TimeSpan.FromSeconds(1));
        var utterance = engine.CreateUtterance();
        utterance.Append(new short[12000]).ShouldBe(12000);
        utterance.Append(new short[12000]).ShouldBe(4000);
        utterance.IsFull.ShouldBeTrue();
        utterance.Duration.ShouldBe(TimeSpan.FromSeconds(1));
    }

    [ModelFixtureFact]
    public void Transcribe_Cancelled_AbortsWhisperFull()
    {
        using var engine = Create(WhisperFixtures.TestModel);
        var pcm = WhisperFixtures.ReadPcm16(WhisperFixtures.Jfk);
        Should.Throw<OperationCanceledException>(() => engine.Transcribe(pcm, new CancellationToken(canceled: true)));

        // Cancelled while whisper_full runs (in the encoder pass): the abort callback, checked after the encoder, stops it
        // before the decoder, so whisper_full_with_state returns an error code rather than 0.
        var full = engine.Transcribe(pcm, CancellationToken.None).ProcessingTime;
        using var cancellation = new CancellationTokenSource(full / 4);
        Should.Throw<OperationCanceledException>(() => engine.Transcribe(pcm, cancellation.Token)).Message.ShouldContain("whisper.cpp aborted");

        // The engine still works after an aborted run.
        engine.Transcribe(pcm, CancellationToken.None).AudioDuration.ShouldBe(TimeSpan.FromSeconds(11));
    }

    [Fact]
    public void Create_MissingModel_ErrorNamesTheFileAndHowToGetOne()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir", "ggml-absent.en.bin");
        var error = Should.Throw<FileNotFoundException>(() => Create(path));
        error.Message.ShouldContain("./softswitch models pull whisper-base-en");
        error.FileName.ShouldBe(path);
        error.Message.ShouldContain(path);
        error.Message.ShouldContain("ggml");
        error.Message.ShouldContain("ModelPath");
    }

    [ModelFixtureFact]
    public void Create_NotAModel_ErrorNamesTheFile()
    {
        var error = Should.Throw<InvalidDataException>(() => Create(WhisperFixtures.Jfk));
        error.Message.ShouldContain(WhisperFixtures.Jfk);
    }

    [Fact]
    public void Create_InvalidOptions_Refused()
    {
        Should.Throw<ValidationException>(() => Create(string.Empty)).Message.ShouldContain("ModelPath");
        Should.Throw<ValidationException>(() => Create("x.bin", o => o.Threads = 0)).Message.ShouldContain("Threads");
        Should.Throw<ValidationException>(() => Create("x.bin", o => o.Language = "English")).Message.ShouldContain("Language");
    }
}
