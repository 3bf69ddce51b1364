namespace Softswitch.Dialog.Engines.Llama;

/// <summary>How one reply is sampled.</summary>
public sealed class LlamaGenerationOptions
{
    /// <summary>Most tokens generated. Defaults to 256.</summary>
    public int MaxTokens { get; set; } = 256;

    /// <summary>Sampling temperature. Defaults to 0: greedy (deterministic).</summary>
    public float Temperature { get; set; }

    /// <summary>Nucleus sampling mass, used when <see cref="Temperature"/> is positive. Defaults to 0.95.</summary>
    public float TopP { get; set; } = 0.95f;

    /// <summary>Seed for the random sampler. Defaults to 0.</summary>
    public uint Seed { get; set; }

    /// <summary>Texts that end the reply; the reply stops before the first one that appears and never contains it.</summary>
    public IReadOnlyList<string> StopSequences { get; set; } = [];

    /// <summary>A GBNF grammar that constrains the output (see <see cref="LlamaToolGrammar"/>), or null.</summary>
    public string? Grammar { get; set; }

    /// <summary>Start symbol of <see cref="Grammar"/>. Defaults to "root".</summary>
    public string GrammarRoot { get; set; } = "root";

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid.</exception>
    public void Validate()
    {
        if (MaxTokens < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, "MaxTokens must be positive.");
        }

        if (Temperature < 0 || float.IsNaN(Temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "Temperature must be 0 (greedy) or positive.");
        }

        if (TopP is <= 0 or > 1 || float.IsNaN(TopP))
        {
            throw new ArgumentOutOfRangeException(nameof(TopP), TopP, "TopP must be in (0, 1].");
        }

        foreach (var stop in StopSequences)
        {
            if (string.IsNullOrEmpty(stop))
            {
                throw new ArgumentOutOfRangeException(nameof(StopSequences), "A stop sequence must not be empty.");
            }
        }
    }
}
