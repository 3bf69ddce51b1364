namespace Softswitch.Dialog.Engines.Scripted;

/// <summary>Something the caller can ask for.</summary>
/// <param name="Id">Unique id (lower case letters, digits, '_' and '-').</param>
/// <param name="Phrases">Example phrases: matched against what was said, and the grammar of a phrase recognizer.</param>
/// <param name="DtmfKey">Key that selects the intent ('0'–'9' or '*'), or null.</param>
/// <param name="Label">Menu text after "Press 1" ("for billing"), required with <paramref name="DtmfKey"/>.</param>
/// <param name="Slots">Values asked for, one at a time, before the reply.</param>
/// <param name="Reply">What is said once the slots are filled, or null for none.</param>
/// <param name="Tool">Tool called after the reply, or null for none.</param>
public sealed record ScriptedIntent(
    string Id,
    IReadOnlyList<string> Phrases,
    char? DtmfKey,
    string? Label,
    IReadOnlyList<ScriptedSlot> Slots,
    ScriptedTemplate? Reply,
    ScriptedToolSpec? Tool);
