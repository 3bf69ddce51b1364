namespace Softswitch.Dialog.Models;

/// <summary>
/// The models <c>softswitch models</c> knows by name, with their official addresses. SHA-256 digests are pinned only where a
/// published value was found (the Hugging Face "Git LFS Details" of the file); the others are <c>null</c> and recorded on
/// first download (see <see cref="ModelFile.Sha256"/>).
/// </summary>
public sealed class ModelCatalog
{
    /// <summary>The command that fetches a model, as the missing-model hint names it.</summary>
    public const string PullCommand = "./softswitch models pull";

    private const string WhisperBase = "https://huggingface.co/ggerganov/whisper.cpp/resolve/main/";
    private const string PiperBase = "https://huggingface.co/rhasspy/piper-voices/resolve/main/en/en_US/lessac/medium/";
    private const string ZipformerName = "sherpa-onnx-streaming-zipformer-en-20M-2023-02-17";
    private const string ZipformerBase = "https://huggingface.co/csukuangfj/" + ZipformerName + "/resolve/main/";

    private readonly Dictionary<string, ModelCatalogEntry> _byName;

    /// <summary>Creates a catalog of <paramref name="entries"/>.</summary>
    /// <param name="entries">The entries; names must be unique (compared case-insensitively).</param>
    public ModelCatalog(IReadOnlyList<ModelCatalogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
        _byName = entries.ToDictionary(e => e.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The catalog of the official models.</summary>
    public static ModelCatalog Default { get; } = new(
    [
        // SHA-256: https://huggingface.co/ggerganov/whisper.cpp/blob/refs%2Fpr%2F5/ggml-tiny.en.bin (commit 80da2d8, unchanged on main).
        new("whisper-tiny-en", "speech to text (whisper.cpp, English, fastest)",
        [
            new("ggml-tiny.en.bin", new(WhisperBase + "ggml-tiny.en.bin"), "921e4cf8686fdd993dcd081a5da5b6c365bfde1162e72b08d75ac75289920b1f", 77_700_000),
        ]),

        // SHA-256: https://huggingface.co/ggerganov/whisper.cpp/blob/refs%2Fpr%2F5/ggml-base.en.bin (commit 80da2d8, unchanged on main).
        new("whisper-base-en", "speech to text (whisper.cpp, English, more accurate)",
        [
            new("ggml-base.en.bin", new(WhisperBase + "ggml-base.en.bin"), "a03779c86df3323075f5e796cb2ce5029f00ec8869eee3fdfb897afe36c6d002", 148_000_000),
        ]),

        // .onnx SHA-256: https://huggingface.co/rhasspy/piper-voices/blob/main/en/en_US/lessac/medium/en_US-lessac-medium.onnx.
        // The .onnx.json changed after it (commit c3bf31a "Add native names"); no digest of it was found.
        new("piper-en-us-lessac-medium", "text to speech (Piper voice, US English, 22050 Hz)",
        [
            new("en_US-lessac-medium.onnx", new(PiperBase + "en_US-lessac-medium.onnx"), "5efe09e69902187827af646e1a6e9d269dee769f9877d17b16b1b46eeaaf019f", 63_200_000),
            new("en_US-lessac-medium.onnx.json", new(PiperBase + "en_US-lessac-medium.onnx.json"), null, 4_890),
        ]),
        new("qwen2.5-0.5b-instruct", "language model (llama.cpp, Qwen2.5 0.5B Instruct, q4_k_m)",
        [
            new("qwen2.5-0.5b-instruct-q4_k_m.gguf", new("https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q4_k_m.gguf"), null, null),
        ]),
        new("silero-vad", "voice activity detection (Silero VAD, sherpa-onnx release)",
        [
            new("silero_vad.onnx", new("https://github.com/k2-fsa/sherpa-onnx/releases/download/asr-models/silero_vad.onnx"), null, null),
        ]),
        new("zipformer-en-20m", "streaming speech to text (sherpa-onnx zipformer transducer, English, 20M)",
        [
            new(ZipformerName + "/encoder-epoch-99-avg-1.int8.onnx", new(ZipformerBase + "encoder-epoch-99-avg-1.int8.onnx"), null, null),
            new(ZipformerName + "/decoder-epoch-99-avg-1.onnx", new(ZipformerBase + "decoder-epoch-99-avg-1.onnx"), null, null),
            new(ZipformerName + "/joiner-epoch-99-avg-1.int8.onnx", new(ZipformerBase + "joiner-epoch-99-avg-1.int8.onnx"), null, null),
            new(ZipformerName + "/tokens.txt", new(ZipformerBase + "tokens.txt"), null, null),
        ]),
    ]);

    /// <summary>Every entry, in display order.</summary>
    public IReadOnlyList<ModelCatalogEntry> Entries { get; }

    /// <summary>The known names, comma-separated, for error messages.</summary>
    public string KnownNames => string.Join(", ", Entries.Select(e => e.Name));

    /// <summary>
    /// The hint engines give when a model file is missing: <c>run ./softswitch models pull NAME</c>.
    /// </summary>
    /// <param name="name">The catalog name of the model.</param>
    public static string PullHint(string name) => $"run {PullCommand} {name}";

    /// <summary>
    /// The whole missing-model message: <c>Model file 'PATH' was not found: run ./softswitch models pull NAME (or copy it there by hand from URL).</c>
    /// </summary>
    /// <param name="path">The file looked for.</param>
    /// <param name="name">The catalog name of the model it belongs to.</param>
    public string MissingFileMessage(string path, string name)
    {
        var url = TryFind(name, out var entry)
            ? entry.Files.FirstOrDefault(f => path.EndsWith(Path.GetFileName(f.RelativePath), StringComparison.Ordinal))?.Url ?? entry.Files[0].Url
            : null;
        return url is null
            ? $"Model file '{path}' was not found: {PullHint(name)}."
            : $"Model file '{path}' was not found: {PullHint(name)} (or copy it there by hand from {url}).";
    }

    /// <summary>Looks an entry up by name (case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <param name="entry">The entry when found.</param>
    public bool TryFind(string name, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out ModelCatalogEntry entry) =>
        _byName.TryGetValue(name, out entry);
}
