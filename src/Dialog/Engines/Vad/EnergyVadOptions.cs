namespace Softswitch.Dialog.Engines.Vad;

/// <summary>Settings of <see cref="EnergyVad"/>. The defaults suit telephone speech at 16 kHz in 20 ms frames.</summary>
public sealed class EnergyVadOptions
{
    /// <summary>How far above the noise floor a frame's energy must be to count as speech. Defaults to 10 dB.</summary>
    public double ThresholdDb { get; set; } = 10;

    /// <summary>Frames quieter than this are never speech, whatever the floor. Defaults to -50 dBFS.</summary>
    public double MinSpeechLevelDb { get; set; } = -50;

    /// <summary>
    /// Zero crossings per sample above which a frame is noise-like and never speech (white noise is near 0.5, voiced speech
    /// below 0.25; a fricative inside an utterance is bridged by the hangover). Defaults to 0.4.
    /// </summary>
    public double MaxZeroCrossingRate { get; set; } = 0.4;

    /// <summary>Consecutive speech frames before speech starts. Defaults to 3 (60 ms).</summary>
    public int MinSpeechFrames { get; set; } = 3;

    /// <summary>Non-speech frames after which speech ends (hangover). Defaults to 15 (300 ms).</summary>
    public int HangoverFrames { get; set; } = 15;

    /// <summary>Frames (not counting digital silence) at the start that only train the noise floor. Defaults to 10 (200 ms).</summary>
    public int WarmUpFrames { get; set; } = 10;

    /// <summary>Throws when a setting is out of range; the message names it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        Check(ThresholdDb is > 0 and <= 60, nameof(ThresholdDb), "must be 0–60 dB");
        Check(MinSpeechLevelDb is >= -96 and < 0, nameof(MinSpeechLevelDb), "must be -96–0 dBFS");
        Check(MaxZeroCrossingRate is > 0 and <= 1, nameof(MaxZeroCrossingRate), "must be 0–1");
        Check(MinSpeechFrames is >= 1 and <= 50, nameof(MinSpeechFrames), "must be 1–50");
        Check(HangoverFrames is >= 1 and <= 500, nameof(HangoverFrames), "must be 1–500");
        Check(WarmUpFrames is >= 0 and <= 500, nameof(WarmUpFrames), "must be 0–500");
    }

    private static void Check(bool valid, string name, string rule)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(name, $"{nameof(EnergyVadOptions)}.{name} {rule}.");
        }
    }
}
