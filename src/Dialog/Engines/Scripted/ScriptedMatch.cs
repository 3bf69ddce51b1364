namespace Softswitch.Dialog.Engines.Scripted;

/// <summary>The intent an utterance matched.</summary>
/// <param name="Intent">The intent.</param>
/// <param name="Phrase">The example phrase that matched best.</param>
/// <param name="Score">Share of the phrase's content words found (0–1), or above 1 when the whole phrase was found.</param>
/// <param name="Contained">Whether the whole phrase occurs in the utterance.</param>
public sealed record ScriptedMatch(ScriptedIntent Intent, string Phrase, double Score, bool Contained);
