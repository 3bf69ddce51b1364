namespace Softswitch.Dialog.Engines.Vad;

/// <summary>What one 20 ms frame changed in a voice activity detector.</summary>
public enum VoiceActivityEvent
{
    /// <summary>Nothing changed.</summary>
    None,

    /// <summary>Speech began (the detector is now inside speech).</summary>
    SpeechStarted,

    /// <summary>Speech ended (the segment is complete).</summary>
    SpeechEnded,
}
