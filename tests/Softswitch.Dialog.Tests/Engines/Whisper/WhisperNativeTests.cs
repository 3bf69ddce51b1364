using System.Runtime.InteropServices;
using Shouldly;
using Softswitch.Dialog.Engines.Whisper;
using Softswitch.Dialog.Native;
using Xunit;

namespace Softswitch.Dialog.Tests.Engines.Whisper;

/// <summary>The P/Invoke layer against the real libwhisper.so: struct layouts passed by value, defaults, library errors.</summary>
public sealed class WhisperNativeTests
{
    [Fact]
    public void FullParams_LayoutMatchesWhisperH()
    {
        // sizeof/offsetof of whisper.cpp 1.9.1 on x86-64, from a C program compiled against include/whisper.h.
        Marshal.SizeOf<WhisperFullParams>().ShouldBe(304);
        Marshal.OffsetOf<WhisperFullParams>(nameof(WhisperFullParams.Language)).ToInt32().ShouldBe(104);
        Marshal.OffsetOf<WhisperFullParams>(nameof(WhisperFullParams.Temperature)).ToInt32().ShouldBe(116);
        Marshal.OffsetOf<WhisperFullParams>(nameof(WhisperFullParams.GreedyBestOf)).ToInt32().ShouldBe(144);
        Marshal.OffsetOf<WhisperFullParams>(nameof(WhisperFullParams.NewSegmentCallback)).ToInt32().ShouldBe(160);
        Marshal.OffsetOf<WhisperFullParams>(nameof(WhisperFullParams.AbortCallback)).ToInt32().ShouldBe(208);
        Marshal.OffsetOf<WhisperFullParams>(nameof(WhisperFullParams.GrammarPenalty)).ToInt32().ShouldBe(264);
        Marshal.OffsetOf<WhisperFullParams>(nameof(WhisperFullParams.VadThreshold)).ToInt32().ShouldBe(280);
        Marshal.SizeOf<WhisperContextParams>().ShouldBe(48);
        Marshal.OffsetOf<WhisperContextParams>(nameof(WhisperContextParams.DtwMemorySize)).ToInt32().ShouldBe(40);
    }

    [Fact]
    public void FullDefaultParams_ByValueAndByRef_ReadTheLibrarysDefaults()
    {
        WhisperNative.Load();
        var byValue = WhisperNative.FullDefaultParams(WhisperNative.SamplingGreedy);
        var pointer = WhisperNative.FullDefaultParamsByRef(WhisperNative.SamplingGreedy);
        WhisperFullParams byRef;
        try
        {
            byRef = Marshal.PtrToStructure<WhisperFullParams>(pointer);
        }
        finally
        {
            WhisperNative.FreeParams(pointer);
        }

        foreach (var parameters in new[] { byValue, byRef })
        {
            // whisper_full_default_params in src/whisper.cpp, from the first field to the last.
            parameters.Strategy.ShouldBe(WhisperNative.SamplingGreedy);
            parameters.MaxTextContext.ShouldBe(16384);
            parameters.NoContext.ShouldBe((byte)1);
            parameters.PrintProgress.ShouldBe((byte)1);
            parameters.PrintTimestamps.ShouldBe((byte)1);
            parameters.TimestampTokenThreshold.ShouldBe(0.01f);
            Marshal.PtrToStringUTF8(parameters.Language).ShouldBe("en");
            parameters.SuppressBlank.ShouldBe((byte)1);
            parameters.MaxInitialTimestamp.ShouldBe(1.0f);
            parameters.LengthPenalty.ShouldBe(-1.0f);
            parameters.EntropyThreshold.ShouldBe(2.4f);
            parameters.NoSpeechThreshold.ShouldBe(0.6f);
            parameters.GreedyBestOf.ShouldBe(5);
            parameters.BeamSize.ShouldBe(-1);
            parameters.AbortCallback.ShouldBe(IntPtr.Zero);
            parameters.GrammarPenalty.ShouldBe(100.0f);
            parameters.VadThreshold.ShouldBe(0.5f);
            parameters.VadMinSpeechDurationMs.ShouldBe(250);
            parameters.VadMinSilenceDurationMs.ShouldBe(100);
            parameters.VadMaxSpeechDurationSeconds.ShouldBe(float.MaxValue);
            parameters.VadSpeechPadMs.ShouldBe(30);
            parameters.VadSamplesOverlap.ShouldBe(0.1f);
        }

        Marshal.PtrToStringUTF8(WhisperNative.Version()).ShouldBe("1.9.1");
        WhisperNative.ContextDefaultParams().UseGpu.ShouldBe((byte)1); // whisper.cpp's default; the engine sets it from UseGpu
    }

    [Fact]
    public void MissingLibrary_ErrorNamesLibwhisperAndSetup()
    {
        // The process has the real library loaded; the same files and hint under a folder that does not exist show the error
        // a machine without ./softswitch setup gets.
        WhisperNative.Load();
        EngineLibraries.FindFile(WhisperNative.LibraryName).ShouldNotBeNull().ShouldStartWith(EngineLibraries.NativeRoot);
        EngineLibraries.Register(new EngineLibrary("whisper-absent-test", ["libwhisper-absent.so.1"], ["lib-absent"], WhisperNative.InstallHint));
        var error = Should.Throw<DllNotFoundException>(() => EngineLibraries.Load("whisper-absent-test"));
        error.Message.ShouldContain("libwhisper-absent.so.1");
        error.Message.ShouldContain("./softswitch setup");
    }
}
