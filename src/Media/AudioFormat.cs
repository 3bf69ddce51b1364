namespace Softswitch.Media;

/// <summary>The internal audio format of the gateway: 16 kHz mono PCM16 in 20 ms frames.</summary>
public static class AudioFormat
{
    /// <summary>Internal sample rate in Hz (16 kHz).</summary>
    public const int SampleRate = 16000;

    /// <summary>Frame duration in milliseconds; also the media clock period.</summary>
    public const int FrameMilliseconds = 20;

    /// <summary>Samples in one internal frame (320 at 16 kHz).</summary>
    public const int FrameSamples = SampleRate / 1000 * FrameMilliseconds;
}
