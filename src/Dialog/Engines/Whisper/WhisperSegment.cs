namespace Softswitch.Dialog.Engines.Whisper;

/// <summary>One segment of a transcript.</summary>
/// <param name="Start">Start, from the beginning of the audio.</param>
/// <param name="End">End, from the beginning of the audio.</param>
/// <param name="Text">The text, trimmed.</param>
/// <param name="NoSpeechProbability">Whisper's probability that the segment holds no speech.</param>
public readonly record struct WhisperSegment(TimeSpan Start, TimeSpan End, string Text, float NoSpeechProbability);
