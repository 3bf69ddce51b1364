namespace Softswitch.Dialog.Engines.Llama;

/// <summary>How <see cref="LlamaEngine"/> loads its model and sizes each session's context.</summary>
public sealed class LlamaEngineOptions
{
    /// <summary>Path of the GGUF model file. Required.</summary>
    public string ModelPath { get; set; } = string.Empty;

    /// <summary>Inference threads per session. Defaults to 1: on small machines more threads collapse when anything else runs (ARCHITECTURE.md).</summary>
    public int Threads { get; set; } = 1;

    /// <summary>Context length in tokens per session. Defaults to 0: the model's training context.</summary>
    public int ContextSize { get; set; }

    /// <summary>Tokens per <c>llama_decode</c> call while evaluating a prompt. Defaults to 512 (llama.cpp's default micro-batch).</summary>
    public int BatchSize { get; set; } = 512;

    /// <summary>Layers offloaded to a GPU backend. Defaults to 0 (CPU only); -1 offloads all layers.</summary>
    public int GpuLayers { get; set; }

    /// <summary>Throws when an option is out of range or the model file is missing.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="FileNotFoundException">The model file does not exist: the message names it and says how to get one.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelPath))
        {
            throw new ArgumentException("LlamaEngineOptions.ModelPath is required (a GGUF model file).", nameof(ModelPath));
        }

        if (Threads is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be between 1 and 256.");
        }

        if (ContextSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ContextSize), ContextSize, "ContextSize must be 0 (the model's) or positive.");
        }

        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be positive.");
        }

        if (GpuLayers < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(GpuLayers), GpuLayers, "GpuLayers must be -1 (all), 0 (CPU) or a layer count.");
        }

        if (!File.Exists(ModelPath))
        {
            throw new FileNotFoundException(
                $"Language model file '{Path.GetFullPath(ModelPath)}' was not found. Download a GGUF model ({Softswitch.Dialog.Models.ModelCatalog.PullHint("qwen2.5-0.5b-instruct")}) and set its path as the agent's model.",
                ModelPath);
        }
    }
}
