using Microsoft.Extensions.Logging;

namespace Softswitch.Dialog.Engines.Sherpa;

/// <summary>sherpa-onnx engine log messages (Dialog event ids 3400–3449).</summary>
internal static partial class Log
{
    [LoggerMessage(3400, LogLevel.Information, "Silero VAD loaded from {ModelPath} (sherpa-onnx {Version}, threshold {Threshold}, {NumThreads} thread(s))")]
    public static partial void SileroVadLoaded(ILogger logger, string modelPath, string version, float threshold, int numThreads);

    [LoggerMessage(3401, LogLevel.Information, "Piper voice loaded from {ModelPath}: {SampleRate} Hz, {PhonemeCount} phonemes, espeak voice {EspeakVoice}")]
    public static partial void PiperVoiceLoaded(ILogger logger, string modelPath, int sampleRate, int phonemeCount, string espeakVoice);

    [LoggerMessage(3402, LogLevel.Debug, "Piper synthesized {Characters} characters into {Samples} samples in {ElapsedMs} ms")]
    public static partial void PiperSynthesized(ILogger logger, int characters, int samples, long elapsedMs);
}
