namespace Softswitch.Dialog.Engines.Scripted;

/// <summary>The answer of a scripted conversation to one caller event.</summary>
/// <param name="Reply">What to say (may be empty).</param>
/// <param name="Tool">Tool to call after saying it, or null.</param>
/// <param name="Ended">Whether the conversation is over (after a transfer, a hang-up or the fallback).</param>
/// <param name="IntentId">Intent being handled, or null while at the menu.</param>
/// <param name="Expecting">What the conversation waits for next.</param>
public sealed record ScriptedTurn(string Reply, ToolCall? Tool, bool Ended, string? IntentId, ScriptedExpectation Expecting);
