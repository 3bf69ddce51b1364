namespace Softswitch.Dialog.Engines.Whisper;

/// <summary>What whisper.cpp heard in one stretch of audio.</summary>
/// <param name="Text">The segments' text joined by spaces (empty when nothing was heard).</param>
/// <param name="Segments">The segments, in order, with timestamps.</param>
/// <param name="AudioDuration">Length of the audio transcribed.</param>
/// <param name="ProcessingTime">Wall-clock time of <c>whisper_full</c>.</param>
public sealed record WhisperTranscript(string Text, IReadOnlyList<WhisperSegment> Segments, TimeSpan AudioDuration, TimeSpan ProcessingTime)
{
    /// <summary>Processing time over audio duration (below 1 is faster than real time); 0 for empty audio.</summary>
    public double RealTimeFactor => AudioDuration > TimeSpan.Zero ? ProcessingTime / AudioDuration : 0;
}
