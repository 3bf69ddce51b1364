using System.Text;

namespace Softswitch.Dialog.Engines.Scripted;

/// <summary>
/// Text normalization for matching: lower case, punctuation stripped (apostrophes dropped, "what's" → "whats"), digit words
/// turned into digits and neighbouring digits joined ("one two three" → "123", "oh" and "zero" are 0).
/// </summary>
public static class ScriptedText
{
    private static readonly Dictionary<string, char> s_digitWords = new(StringComparer.Ordinal)
    {
        ["zero"] = '0', ["oh"] = '0', ["one"] = '1', ["two"] = '2', ["three"] = '3', ["four"] = '4',
        ["five"] = '5', ["six"] = '6', ["seven"] = '7', ["eight"] = '8', ["nine"] = '9',
    };

    private static readonly HashSet<string> s_yes = new(StringComparer.Ordinal)
    {
        "yes", "yeah", "yep", "yup", "correct", "right", "sure", "ok", "okay", "affirmative",
    };

    private static readonly HashSet<string> s_no = new(StringComparer.Ordinal)
    {
        "no", "nope", "nah", "wrong", "incorrect", "not", "negative",
    };

    private static readonly HashSet<string> s_stopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "to", "i", "im", "my", "me", "please", "want", "would", "like", "can", "could", "you", "is", "it",
        "of", "for", "on", "in", "and", "uh", "um", "er", "id", "need", "with", "about", "some", "just", "hi", "hello",
    };

    /// <summary>Normalizes text into tokens.</summary>
    /// <param name="text">What was said or written.</param>
    /// <returns>The tokens; digit runs are one token of digits.</returns>
    public static string[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '’')
            {
                // Apostrophes join: "what's" → "whats".
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        var tokens = new List<string>(words.Count);
        var digits = new StringBuilder();
        foreach (var w in words)
        {
            if (s_digitWords.TryGetValue(w, out var digit))
            {
                digits.Append(digit);
            }
            else if (w.All(char.IsAsciiDigit))
            {
                digits.Append(w);
            }
            else
            {
                FlushDigits(digits, tokens);
                tokens.Add(w);
            }
        }

        FlushDigits(digits, tokens);
        return [.. tokens];
    }

    /// <summary>Normalizes text into one string of tokens separated by single spaces.</summary>
    /// <param name="text">What was said or written.</param>
    /// <returns>The normalized text.</returns>
    public static string Normalize(string text) => string.Join(' ', Tokenize(text));

    /// <summary>Whether a token only adds filler ("i", "want", "the"), so it does not count in word overlap.</summary>
    /// <param name="token">A normalized token.</param>
    /// <returns>True for a stop word.</returns>
    public static bool IsStopWord(string token) => s_stopWords.Contains(token);

    /// <summary>Finds yes or no among the tokens; the first one found wins.</summary>
    /// <param name="tokens">Normalized tokens.</param>
    /// <returns><c>yes</c>, <c>no</c>, or null.</returns>
    public static string? FindYesNo(IReadOnlyList<string> tokens)
    {
        foreach (var token in tokens)
        {
            if (s_no.Contains(token))
            {
                return "no";
            }

            if (s_yes.Contains(token))
            {
                return "yes";
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="phrase"/> occurs in <paramref name="tokens"/> as consecutive tokens.</summary>
    /// <param name="tokens">Tokens of what was said.</param>
    /// <param name="phrase">Tokens of a phrase.</param>
    /// <returns>True when contained.</returns>
    public static bool Contains(IReadOnlyList<string> tokens, IReadOnlyList<string> phrase)
    {
        if (phrase.Count == 0)
        {
            return false;
        }

        for (var start = 0; start + phrase.Count <= tokens.Count; start++)
        {
            var all = true;
            for (var i = 0; i < phrase.Count && all; i++)
            {
                all = string.Equals(tokens[start + i], phrase[i], StringComparison.Ordinal);
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    private static void FlushDigits(StringBuilder digits, List<string> tokens)
    {
        if (digits.Length > 0)
        {
            tokens.Add(digits.ToString());
            digits.Clear();
        }
    }
}
