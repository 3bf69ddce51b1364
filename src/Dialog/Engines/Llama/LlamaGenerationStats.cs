namespace Softswitch.Dialog.Engines.Llama;

/// <summary>What one reply cost.</summary>
/// <param name="PromptTokens">Tokens of the whole prompt.</param>
/// <param name="PromptTokensEvaluated">Prompt tokens actually evaluated (the rest came from the KV cache).</param>
/// <param name="GeneratedTokens">Tokens sampled.</param>
/// <param name="PromptTime">Time to evaluate the prompt.</param>
/// <param name="GenerationTime">Time to sample and evaluate the reply.</param>
public sealed record LlamaGenerationStats(int PromptTokens, int PromptTokensEvaluated, int GeneratedTokens, TimeSpan PromptTime, TimeSpan GenerationTime)
{
    /// <summary>Generated tokens per second.</summary>
    public double TokensPerSecond => GenerationTime > TimeSpan.Zero ? GeneratedTokens / GenerationTime.TotalSeconds : 0;
}
