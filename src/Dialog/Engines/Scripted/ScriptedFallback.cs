namespace Softswitch.Dialog.Engines.Scripted;

/// <summary>What happens after too many reprompts: a last reply and a tool that ends the call.</summary>
/// <param name="Reply">What is said, or null for nothing.</param>
/// <param name="Tool">A transfer to a queue or a hang-up.</param>
public sealed record ScriptedFallback(ScriptedTemplate? Reply, ScriptedToolSpec Tool);
