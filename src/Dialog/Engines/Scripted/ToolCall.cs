namespace Softswitch.Dialog.Engines.Scripted;

/// <summary>A tool call decided by a scripted conversation, shaped like the language model's tool calls.</summary>
/// <param name="Kind">Which tool.</param>
/// <param name="Name">Tool name: <c>transfer_to_queue</c>, <c>end_call</c>, <c>send_dtmf</c>, or the webhook tool's own name.</param>
/// <param name="Arguments">
/// Arguments: <c>queue_id</c> and <c>summary</c> for a transfer, <c>digits</c> for DTMF, the slot values for a webhook.
/// </param>
public sealed record ToolCall(ScriptedToolKind Kind, string Name, IReadOnlyDictionary<string, string> Arguments);
