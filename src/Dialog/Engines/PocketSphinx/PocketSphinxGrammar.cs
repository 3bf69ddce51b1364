using System.Text;

namespace Softswitch.Dialog.Engines.PocketSphinx;

/// <summary>An expected phrase left out of a grammar because the pronunciation dictionary lacks some of its words.</summary>
/// <param name="Phrase">The phrase as the agent gave it.</param>
/// <param name="UnknownWords">Its normalized words that are not in the dictionary.</param>
public sealed record SkippedPhrase(string Phrase, IReadOnlyList<string> UnknownWords);

/// <summary>
/// A JSGF grammar (<see href="https://www.w3.org/TR/jsgf/"/>) built from an agent's expected phrases: words lower case, punctuation
/// stripped, digits spelled out; phrases with a word the dictionary lacks are skipped and listed in <see cref="Skipped"/>.
/// The utterance is one of the phrases. Words around a phrase ("hello, I want to <em>speak to an agent</em> please") are absorbed
/// by the decoder's silence and noise fillers, so the phrase is still found; a filler rule of common words was tried and made
/// recognition of espeak-ng speech much worse (empty or wrong hypotheses), so there is none.
/// </summary>
public sealed class PocketSphinxGrammar
{
    /// <summary>Name of the public rule.</summary>
    public const string RuleName = "utterance";

    private static readonly string[] s_digitWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    private PocketSphinxGrammar(string jsgf, IReadOnlyList<string> phrases, IReadOnlyList<string> normalizedPhrases, IReadOnlyList<SkippedPhrase> skipped)
    {
        Jsgf = jsgf;
        Phrases = phrases;
        NormalizedPhrases = normalizedPhrases;
        Skipped = skipped;
    }

    /// <summary>The grammar text handed to the decoder.</summary>
    public string Jsgf { get; }

    /// <summary>The phrases in the grammar, as the agent gave them.</summary>
    public IReadOnlyList<string> Phrases { get; }

    /// <summary>The phrases in the grammar, normalized (same order as <see cref="Phrases"/>).</summary>
    public IReadOnlyList<string> NormalizedPhrases { get; }

    /// <summary>The phrases left out, each with the words the dictionary lacks.</summary>
    public IReadOnlyList<SkippedPhrase> Skipped { get; }

    /// <summary>Builds the grammar.</summary>
    /// <param name="phrases">The agent's expected phrases ("speak to an agent", "my bill", "yes", "1 2 3").</param>
    /// <param name="isInDictionary">Whether the decoder's dictionary has a (normalized) word.</param>
    /// <returns>The grammar.</returns>
    /// <exception cref="ArgumentException">No phrase is usable: the message lists each phrase's unknown words.</exception>
    public static PocketSphinxGrammar Build(IEnumerable<string> phrases, Func<string, bool> isInDictionary)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        ArgumentNullException.ThrowIfNull(isInDictionary);
        var accepted = new List<string>();
        var normalized = new List<string>();
        var skipped = new List<SkippedPhrase>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var known = new Dictionary<string, bool>(StringComparer.Ordinal);
        bool Known(string word)
        {
            if (!known.TryGetValue(word, out var found))
            {
                found = isInDictionary(word);
                known[word] = found;
            }

            return found;
        }

        foreach (var phrase in phrases)
        {
            if (phrase is null)
            {
                continue;
            }

            var words = Normalize(phrase);
            if (words.Count == 0)
            {
                skipped.Add(new SkippedPhrase(phrase, []));
                continue;
            }

            var unknown = words.Where(w => !Known(w)).Distinct(StringComparer.Ordinal).ToArray();
            if (unknown.Length > 0)
            {
                skipped.Add(new SkippedPhrase(phrase, unknown));
                continue;
            }

            var text = string.Join(' ', words);
            if (seen.Add(text))
            {
                accepted.Add(phrase);
                normalized.Add(text);
            }
        }

        if (accepted.Count == 0)
        {
            var reasons = skipped.Count == 0
                ? "no phrases were given"
                : string.Join("; ", skipped.Select(s => s.UnknownWords.Count == 0 ? $"'{s.Phrase}' has no words" : $"'{s.Phrase}' has words not in the dictionary: {string.Join(", ", s.UnknownWords)}"));
            throw new ArgumentException($"No expected phrase can be recognized: {reasons}.", nameof(phrases));
        }

        var jsgf = new StringBuilder();
        jsgf.Append("#JSGF V1.0;\ngrammar softswitch;\n");
        jsgf.Append("public <").Append(RuleName).Append("> = <phrase>;\n");
        jsgf.Append("<phrase> = ").AppendJoin(" | ", normalized.Select(p => $"( {p} )")).Append(";\n");
        return new PocketSphinxGrammar(jsgf.ToString(), accepted, normalized, skipped);
    }

    /// <summary>
    /// Splits text into dictionary words: lower case, letters and inner apostrophes kept, every other character a separator,
    /// each digit spelled out ("2 b" → two b).
    /// </summary>
    /// <param name="text">Any text.</param>
    /// <returns>The words (possibly none).</returns>
    public static IReadOnlyList<string> Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var word = new StringBuilder();
        void Flush()
        {
            var trimmed = word.ToString().Trim('\'');
            if (trimmed.Length > 0)
            {
                words.Add(trimmed);
            }

            word.Clear();
        }

        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                Flush();
                words.Add(s_digitWords[c - '0']);
            }
            else if (char.IsLetter(c) || (c is '\'' or '\u2019' && word.Length > 0))
            {
                word.Append(c == '\u2019' ? '\'' : char.ToLowerInvariant(c));
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return words;
    }

    /// <summary>
    /// The first expected phrase (as the agent gave it) whose normalized words occur in <paramref name="hypothesis"/>,
    /// longest phrase first; null when none does.
    /// </summary>
    /// <param name="hypothesis">Recognized text.</param>
    /// <returns>The phrase or null.</returns>
    public string? MatchPhrase(string hypothesis)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        var padded = " " + string.Join(' ', Normalize(hypothesis)) + " ";
        string? best = null;
        var bestLength = 0;
        for (var i = 0; i < NormalizedPhrases.Count; i++)
        {
            var candidate = NormalizedPhrases[i];
            if (candidate.Length > bestLength && padded.Contains(" " + candidate + " ", StringComparison.Ordinal))
            {
                best = Phrases[i];
                bestLength = candidate.Length;
            }
        }

        return best;
    }
}
