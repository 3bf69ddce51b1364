namespace Softswitch.Dialog.Engines.Sherpa;

/// <summary>Settings of <see cref="SileroVad"/>.</summary>
public sealed class SileroVadOptions
{
    /// <summary>Path to the Silero VAD model (<c>silero_vad.onnx</c>, v5 or v6). Required.</summary>
    public string ModelPath { get; set; } = string.Empty;

    /// <summary>Speech probability above which a 32 ms window is speech. Defaults to 0.5 (Silero's own default).</summary>
    public float Threshold { get; set; } = 0.5f;

    /// <summary>Silence that ends a segment. Defaults to 250 ms.</summary>
    public TimeSpan MinSilenceDuration { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Shortest speech that counts as a segment. Defaults to 100 ms.</summary>
    public TimeSpan MinSpeechDuration { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Past this length the threshold rises to 0.9 to force a split. Defaults to 20 s.</summary>
    public TimeSpan MaxSpeechDuration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>ONNX Runtime intra-op threads. Defaults to 1 (one core stays for signalling and media).</summary>
    public int NumThreads { get; set; } = 1;

    /// <summary>Throws when a setting is out of range or the model file is missing; the message names the setting or the file.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    /// <exception cref="FileNotFoundException">The model file is missing.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelPath))
        {
            throw new ArgumentException($"{nameof(SileroVadOptions)}.{nameof(ModelPath)} is required (silero_vad.onnx).", nameof(ModelPath));
        }

        if (!File.Exists(ModelPath))
        {
            throw new FileNotFoundException(
                $"Silero VAD model '{ModelPath}' was not found. {Softswitch.Dialog.Models.ModelCatalog.PullHint("silero-vad")}, or download silero_vad.onnx (MIT) from https://github.com/snakers4/silero-vad (src/silero_vad/data) or the sherpa-onnx asr-models release.",
                ModelPath);
        }

        if (Threshold is <= 0f or >= 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, $"{nameof(SileroVadOptions)}.{nameof(Threshold)} must lie strictly between 0 and 1.");
        }

        if (MinSilenceDuration <= TimeSpan.Zero || MinSpeechDuration <= TimeSpan.Zero || MaxSpeechDuration <= MinSpeechDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(MinSilenceDuration), $"{nameof(SileroVadOptions)}: {nameof(MinSilenceDuration)} and {nameof(MinSpeechDuration)} must be positive and {nameof(MaxSpeechDuration)} longer than {nameof(MinSpeechDuration)}.");
        }

        if (NumThreads is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(NumThreads), NumThreads, $"{nameof(SileroVadOptions)}.{nameof(NumThreads)} must be 1–64.");
        }
    }
}
