using System.ComponentModel.DataAnnotations;

namespace Softswitch.Dialog.Engines.Whisper;

/// <summary>Settings of the whisper.cpp speech-to-text engine.</summary>
public sealed class WhisperOptions
{
    /// <summary>Path of the ggml model file (e.g. <c>ggml-base.en.bin</c>). Required; no default.</summary>
    [Required]
    public string ModelPath { get; set; } = string.Empty;

    /// <summary>
    /// Inference threads per transcription. Defaults to 1: on small machines two threads collapse when anything else runs
    /// (ARCHITECTURE.md), so keep a core for signalling and media.
    /// </summary>
    [Range(1, 64)]
    public int Threads { get; set; } = 1;

    /// <summary>Spoken language as a whisper code (<c>en</c>, <c>de</c>, …). Defaults to <c>en</c>.</summary>
    [Required]
    [RegularExpression("^[a-z]{2,3}$", ErrorMessage = "Language must be a whisper language code such as en.")]
    public string Language { get; set; } = "en";

    /// <summary>Whether whisper.cpp may use a GPU backend (a <c>./softswitch setup --gpu</c> build). Defaults to false.</summary>
    public bool UseGpu { get; set; }

    /// <summary>Longest utterance an <see cref="WhisperUtterance"/> buffers. Defaults to 30 s, whisper's window.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxUtterance { get; set; } = TimeSpan.FromSeconds(30);
}
