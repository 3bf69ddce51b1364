namespace Softswitch.Dialog.Engines.Scripted;

/// <summary>A value an intent needs before it replies; asked for with <see cref="Prompt"/> when the caller did not give it.</summary>
/// <param name="Name">Placeholder name in templates (<c>{Name}</c>).</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Prompt">What is said to ask for it.</param>
/// <param name="MinLength">Fewest digits, for <see cref="ScriptedSlotKind.Digits"/>.</param>
/// <param name="MaxLength">Most digits, for <see cref="ScriptedSlotKind.Digits"/>.</param>
/// <param name="Values">Allowed values, for <see cref="ScriptedSlotKind.OneOf"/>; empty otherwise.</param>
public sealed record ScriptedSlot(
    string Name,
    ScriptedSlotKind Kind,
    string Prompt,
    int MinLength,
    int MaxLength,
    IReadOnlyList<string> Values);
