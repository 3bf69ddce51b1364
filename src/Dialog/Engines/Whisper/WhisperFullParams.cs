using System.Runtime.InteropServices;

namespace Softswitch.Dialog.Engines.Whisper;

/// <summary>
/// <c>struct whisper_full_params</c> of whisper.cpp 1.9.1, field for field (C <c>bool</c> is one byte, natural alignment:
/// 304 bytes on x86-64). <c>whisper_full_with_state</c> takes it by value, so the layout must match exactly; the tests
/// check it against the defaults the library fills in.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct WhisperFullParams
{
    public int Strategy;
    public int ThreadCount;
    public int MaxTextContext;
    public int OffsetMs;
    public int DurationMs;
    public byte Translate;
    public byte NoContext;
    public byte NoTimestamps;
    public byte SingleSegment;
    public byte PrintSpecial;
    public byte PrintProgress;
    public byte PrintRealtime;
    public byte PrintTimestamps;
    public byte TokenTimestamps;
    public float TimestampTokenThreshold;
    public float TimestampTokenSumThreshold;
    public int MaxLength;
    public byte SplitOnWord;
    public int MaxTokens;
    public byte DebugMode;
    public int AudioContext;
    public byte TinyDiarize;
    public IntPtr SuppressRegex;
    public IntPtr InitialPrompt;
    public byte CarryInitialPrompt;
    public IntPtr PromptTokens;
    public int PromptTokenCount;
    public IntPtr Language;
    public byte DetectLanguage;
    public byte SuppressBlank;
    public byte SuppressNonSpeechTokens;
    public float Temperature;
    public float MaxInitialTimestamp;
    public float LengthPenalty;
    public float TemperatureIncrement;
    public float EntropyThreshold;
    public float LogProbabilityThreshold;
    public float NoSpeechThreshold;
    public int GreedyBestOf;
    public int BeamSize;
    public float BeamPatience;
    public IntPtr NewSegmentCallback;
    public IntPtr NewSegmentCallbackUserData;
    public IntPtr ProgressCallback;
    public IntPtr ProgressCallbackUserData;
    public IntPtr EncoderBeginCallback;
    public IntPtr EncoderBeginCallbackUserData;
    public IntPtr AbortCallback;
    public IntPtr AbortCallbackUserData;
    public IntPtr LogitsFilterCallback;
    public IntPtr LogitsFilterCallbackUserData;
    public IntPtr GrammarRules;
    public nuint GrammarRuleCount;
    public nuint GrammarStartRule;
    public float GrammarPenalty;
    public byte Vad;
    public IntPtr VadModelPath;
    public float VadThreshold;
    public int VadMinSpeechDurationMs;
    public int VadMinSilenceDurationMs;
    public float VadMaxSpeechDurationSeconds;
    public int VadSpeechPadMs;
    public float VadSamplesOverlap;
}
