namespace Softswitch.Dialog.Engines.Scripted;

/// <summary>
/// Picks the intent an utterance asks for. A phrase found whole in the utterance wins (the longest such phrase first);
/// otherwise the phrase with the largest share of its content words (stop words left out) in the utterance, when that share
/// reaches the flow's threshold. Ties go to the intent listed first. Deterministic.
/// </summary>
public sealed class ScriptedMatcher
{
    private readonly (ScriptedIntent Intent, string Phrase, string[] Tokens, string[] Content)[] _phrases;
    private readonly double _threshold;

    /// <summary>Prepares the phrases of a flow.</summary>
    /// <param name="flow">The flow.</param>
    public ScriptedMatcher(ScriptedFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        _threshold = flow.MatchThreshold;
        var phrases = new List<(ScriptedIntent, string, string[], string[])>();
        foreach (var intent in flow.Intents)
        {
            foreach (var phrase in intent.Phrases)
            {
                var tokens = ScriptedText.Tokenize(phrase);
                var content = tokens.Where(t => !ScriptedText.IsStopWord(t)).Distinct(StringComparer.Ordinal).ToArray();
                phrases.Add((intent, phrase, tokens, content.Length > 0 ? content : tokens.Distinct(StringComparer.Ordinal).ToArray()));
            }
        }

        _phrases = [.. phrases];
    }

    /// <summary>Finds the intent for normalized tokens.</summary>
    /// <param name="tokens">Tokens from <see cref="ScriptedText.Tokenize"/>.</param>
    /// <returns>The best match, or null when none reaches the threshold.</returns>
    public ScriptedMatch? Match(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count == 0)
        {
            return null;
        }

        var said = new HashSet<string>(tokens, StringComparer.Ordinal);
        ScriptedMatch? best = null;
        foreach (var (intent, phrase, phraseTokens, content) in _phrases)
        {
            double score;
            var contained = ScriptedText.Contains(tokens, phraseTokens);
            if (contained)
            {
                // Above any overlap; a longer phrase is more specific.
                score = 2 + (phraseTokens.Length / 100.0);
            }
            else
            {
                var found = content.Count(said.Contains);
                score = (double)found / content.Length;
                if (score < _threshold)
                {
                    continue;
                }
            }

            if (best is null || score > best.Score)
            {
                best = new ScriptedMatch(intent, phrase, score, contained);
            }
        }

        return best;
    }
}
