namespace Softswitch.Dialog.Engines.Llama;

/// <summary>One message of a conversation, as the chat template sees it.</summary>
/// <param name="Role">"system", "user", "assistant" or "tool".</param>
/// <param name="Content">The text.</param>
public sealed record LlamaChatMessage(string Role, string Content);
