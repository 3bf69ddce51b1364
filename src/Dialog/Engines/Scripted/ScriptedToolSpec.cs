namespace Softswitch.Dialog.Engines.Scripted;

/// <summary>A tool call written in a scripted flow.</summary>
/// <param name="Kind">Which tool.</param>
/// <param name="QueueId">Target queue, for <see cref="ScriptedToolKind.TransferToQueue"/>.</param>
/// <param name="Summary">Summary for the human who takes the call, for <see cref="ScriptedToolKind.TransferToQueue"/>.</param>
/// <param name="Digits">Digits to send, for <see cref="ScriptedToolKind.SendDtmf"/>.</param>
/// <param name="WebhookName">Name of the webhook tool, for <see cref="ScriptedToolKind.Webhook"/>.</param>
public sealed record ScriptedToolSpec(
    ScriptedToolKind Kind,
    string? QueueId,
    ScriptedTemplate? Summary,
    ScriptedTemplate? Digits,
    string? WebhookName)
{
    /// <summary>Whether calling the tool ends the conversation (a transfer or a hang-up).</summary>
    public bool EndsConversation => Kind is ScriptedToolKind.TransferToQueue or ScriptedToolKind.EndCall;
}
