using Shouldly;
using Softswitch.Dialog.Engines.Sherpa;
using Softswitch.Dialog.Engines.Vad;
using Softswitch.Dialog.Native;
using Xunit;

namespace Softswitch.Dialog.Tests.Engines.Sherpa;

/// <summary>Silero VAD v6.2 through the real sherpa-onnx 1.13.8 C API on jfk.wav.</summary>
public sealed class SileroVadTests
{
    private const double Tolerance = 0.3;

    [ModelFact("silero_vad.onnx", "jfk.wav")]
    public void Binding_JfkIn512SampleChunks_FindsTheKnownSegments()
    {
        var samples = TestModels.Jfk();
        var floats = samples.Select(s => s / 32768f).ToArray();
        var segments = new List<(double Start, double Duration)>();

        SherpaOnnx.EnsureLoaded();
        var model = System.Runtime.InteropServices.Marshal.StringToCoTaskMemUTF8(TestModels.Path("silero_vad.onnx"));
        var config = SherpaOnnx.AllocConfig(new SherpaOnnx.VadModelConfig
        {
            SileroVad = new SherpaOnnx.SileroVadModelConfig { Model = model, Threshold = 0.5f, MinSilenceDuration = 0.25f, MinSpeechDuration = 0.1f, WindowSize = 512, MaxSpeechDuration = 20f },
            SampleRate = 16000,
            NumThreads = 1,
        });
        var vad = SherpaOnnx.CreateVoiceActivityDetector(config, 30f);
        vad.ShouldNotBe(IntPtr.Zero);
        try
        {
            for (var offset = 0; offset + 512 <= floats.Length; offset += 512)
            {
                SherpaOnnx.VoiceActivityDetectorAcceptWaveform(vad, in floats[offset], 512);
                Drain();
            }

            SherpaOnnx.VoiceActivityDetectorFlush(vad);
            Drain();
        }
        finally
        {
            SherpaOnnx.DestroyVoiceActivityDetector(vad);
            System.Runtime.InteropServices.Marshal.FreeHGlobal(config);
            System.Runtime.InteropServices.Marshal.FreeCoTaskMem(model);
        }

        AssertMatchesJfk(segments.Select(s => (s.Start, s.Start + s.Duration)).ToList(), Tolerance);

        void Drain()
        {
            while (SherpaOnnx.VoiceActivityDetectorEmpty(vad) == 0)
            {
                var segment = SherpaOnnx.VoiceActivityDetectorFront(vad);
                var start = System.Runtime.InteropServices.Marshal.ReadInt32(segment, SherpaOnnx.SpeechSegmentStartOffset);
                var length = System.Runtime.InteropServices.Marshal.ReadInt32(segment, SherpaOnnx.SpeechSegmentLengthOffset);
                segments.Add((start / 16000.0, length / 16000.0));
                SherpaOnnx.DestroySpeechSegment(segment);
                SherpaOnnx.VoiceActivityDetectorPop(vad);
            }
        }
    }

    [ModelFact("silero_vad.onnx", "jfk.wav")]
    public void Process_Jfk20MsFrames_StartAndEndEventsBracketTheKnownSpeech()
    {
        var samples = TestModels.Jfk();
        using var vad = SileroVad.Create(new SileroVadOptions { ModelPath = TestModels.Path("silero_vad.onnx") });
        var segments = new List<(double Start, double End)>();
        var startedAt = new List<double>();
        for (var offset = 0; offset + 320 <= samples.Length; offset += 320)
        {
            var change = vad.Process(samples.AsSpan(offset, 320));
            if (change == VoiceActivityEvent.SpeechStarted)
            {
                vad.IsSpeech.ShouldBeTrue();
                startedAt.Add(vad.SamplesProcessed / 16000.0);
            }
            else if (change == VoiceActivityEvent.SpeechEnded)
            {
                vad.IsSpeech.ShouldBeFalse();
                segments.Add(ToSeconds(vad.LastSegment));
            }
        }

        if (vad.Flush() == VoiceActivityEvent.SpeechEnded)
        {
            segments.Add(ToSeconds(vad.LastSegment));
        }

        AssertMatchesJfk(segments, Tolerance);
        startedAt.Count.ShouldBe(TestModels.JfkSpeech.Length);
        for (var i = 0; i < startedAt.Count; i++)
        {
            // Reported once the minimum speech has been heard: inside the segment, not long after it began.
            startedAt[i].ShouldBeInRange(TestModels.JfkSpeech[i].Start, TestModels.JfkSpeech[i].Start + 0.6);
        }
    }

    [ModelFact("silero_vad.onnx")]
    public void Process_SilenceAndReset_NoSpeechAndNoAllocation()
    {
        using var vad = SileroVad.Create(new SileroVadOptions { ModelPath = TestModels.Path("silero_vad.onnx") });
        var silence = new short[320];
        for (var i = 0; i < 50; i++)
        {
            vad.Process(silence).ShouldBe(VoiceActivityEvent.None); // warm-up
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 250; i++)
        {
            vad.Process(silence);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
        vad.Flush().ShouldBe(VoiceActivityEvent.None);
        vad.Reset();
        vad.SamplesProcessed.ShouldBe(0);
    }

    [Fact]
    public void Create_MissingModel_ErrorNamesTheFileAndWhereToGetIt()
    {
        var error = Should.Throw<FileNotFoundException>(() => SileroVad.Create(new SileroVadOptions { ModelPath = "/nonexistent/silero_vad.onnx" }));
        error.Message.ShouldContain("./softswitch models pull silero-vad");
        error.Message.ShouldContain("/nonexistent/silero_vad.onnx");
        error.Message.ShouldContain("silero-vad");
    }

    [Fact]
    public void Options_OutOfRange_ErrorNamesTheSetting()
    {
        var model = typeof(SileroVadTests).Assembly.Location; // any existing file
        Should.Throw<ArgumentException>(() => new SileroVadOptions().Validate()).Message.ShouldContain("ModelPath");
        Should.Throw<ArgumentOutOfRangeException>(() => new SileroVadOptions { ModelPath = model, Threshold = 1.5f }.Validate()).Message.ShouldContain("Threshold");
        Should.Throw<ArgumentOutOfRangeException>(() => new SileroVadOptions { ModelPath = model, NumThreads = 0 }.Validate()).Message.ShouldContain("NumThreads");
    }

    [Fact]
    public void MissingLibrary_ErrorNamesTheFileAndTheInstallHint()
    {
        // The real file is loaded by now (the loader would find it by name), so the entry names a file that is not there.
        EngineLibraries.Register(SherpaOnnx.Describe("sherpa-onnx-c-api-absent", "libsherpa-onnx-c-api-absent.so", "npm/absent-sherpa-onnx", SherpaOnnx.OnnxRuntime));
        var error = Should.Throw<DllNotFoundException>(() => EngineLibraries.Load("sherpa-onnx-c-api-absent"));
        error.Message.ShouldContain("libsherpa-onnx-c-api-absent.so");
        error.Message.ShouldContain("npm/absent-sherpa-onnx");
        error.Message.ShouldContain("./softswitch setup (npm sherpa-onnx-linux-x64@1.13.8)");
    }

    internal static void AssertMatchesJfk(IReadOnlyList<(double Start, double End)> found, double tolerance)
    {
        var description = string.Join(", ", found.Select(s => $"{s.Start:F2}–{s.End:F2} s"));
        found.Count.ShouldBe(TestModels.JfkSpeech.Length, description);
        for (var i = 0; i < found.Count; i++)
        {
            found[i].Start.ShouldBe(TestModels.JfkSpeech[i].Start, tolerance, description);
            found[i].End.ShouldBe(TestModels.JfkSpeech[i].End, tolerance, description);
        }
    }

    private static (double Start, double End) ToSeconds((long StartSample, int LengthSamples) segment) =>
        (segment.StartSample / 16000.0, (segment.StartSample + segment.LengthSamples) / 16000.0);
}
