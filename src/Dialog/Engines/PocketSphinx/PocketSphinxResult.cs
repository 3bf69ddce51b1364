namespace Softswitch.Dialog.Engines.PocketSphinx;

/// <summary>What the decoder heard in one utterance.</summary>
/// <param name="Text">The final hypothesis, words separated by one space (empty when nothing matched the grammar).</param>
/// <param name="Phrase">The expected phrase (as the agent gave it) found in <see cref="Text"/>, or null.</param>
/// <param name="Score">The decoder's path score (log scale, higher is better; comparable only within one utterance).</param>
/// <param name="Audio">How much audio the utterance had.</param>
/// <param name="Elapsed">Time spent decoding it (all <c>Process</c> calls and the end).</param>
public sealed record PocketSphinxResult(string Text, string? Phrase, int Score, TimeSpan Audio, TimeSpan Elapsed)
{
    /// <summary>Decoding time over audio time (below 1 is faster than real time).</summary>
    public double RealTimeFactor => Audio > TimeSpan.Zero ? Elapsed / Audio : 0;
}
