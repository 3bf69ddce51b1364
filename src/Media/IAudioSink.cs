namespace Softswitch.Media;

/// <summary>Receives decoded inbound audio: 20 ms frames of 16 kHz mono PCM16.</summary>
public interface IAudioSink
{
    /// <summary>
    /// Called on the session's receive loop with one frame of <see cref="AudioFormat.FrameSamples"/> samples. The span is only
    /// valid during the call: copy what must be kept, and do not block (hand work to another loop instead).
    /// </summary>
    /// <param name="pcm16k">One 20 ms frame at 16 kHz.</param>
    void OnAudio(ReadOnlySpan<short> pcm16k);
}
