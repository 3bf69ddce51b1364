namespace Softswitch.Dialog.Engines.Sherpa;

/// <summary>Settings of <see cref="PiperSynthesizer"/>.</summary>
public sealed class PiperOptions
{
    /// <summary>The Piper voice model (<c>&lt;voice&gt;.onnx</c>). Required.</summary>
    public string ModelPath { get; set; } = string.Empty;

    /// <summary>The voice's config. Defaults to <see cref="ModelPath"/> + <c>.json</c>, as Piper ships them.</summary>
    public string? ConfigPath { get; set; }

    /// <summary>Speaker of a multi-speaker voice. Defaults to 0.</summary>
    public int SpeakerId { get; set; }

    /// <summary>ONNX Runtime intra-op threads. Defaults to 1 (one core stays for signalling and media).</summary>
    public int NumThreads { get; set; } = 1;

    /// <summary>Throws when a setting is out of range or the model file is missing; the message names the setting or the file.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    /// <exception cref="FileNotFoundException">The model file is missing.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelPath))
        {
            throw new ArgumentException($"{nameof(PiperOptions)}.{nameof(ModelPath)} is required (a Piper voice .onnx).", nameof(ModelPath));
        }

        if (!File.Exists(ModelPath))
        {
            throw new FileNotFoundException(
                $"Piper voice '{ModelPath}' was not found. {Softswitch.Dialog.Models.ModelCatalog.PullHint("piper-en-us-lessac-medium")}, or download a voice (.onnx and .onnx.json) from https://huggingface.co/rhasspy/piper-voices.",
                ModelPath);
        }

        if (SpeakerId < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SpeakerId), SpeakerId, $"{nameof(PiperOptions)}.{nameof(SpeakerId)} must not be negative.");
        }

        if (NumThreads is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(NumThreads), NumThreads, $"{nameof(PiperOptions)}.{nameof(NumThreads)} must be 1–64.");
        }
    }
}
