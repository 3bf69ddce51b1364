namespace Softswitch.Dialog.Engines.Llama;

/// <summary>A KV-cache snapshot of sequence 0 after an agent's system prompt (<c>llama_state_seq_get_data</c>).</summary>
/// <param name="Tokens">The prompt tokens the snapshot holds.</param>
/// <param name="State">The snapshot bytes.</param>
internal sealed record LlamaPrefixState(int[] Tokens, byte[] State);
