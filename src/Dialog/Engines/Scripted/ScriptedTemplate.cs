using System.Text;

namespace Softswitch.Dialog.Engines.Scripted;

/// <summary>
/// A reply template: text with <c>{name}</c> placeholders filled from slot values and the built-in values
/// (<c>{utterance}</c>, <c>{transcript}</c>, <c>{intent}</c>). <c>{{</c> and <c>}}</c> are literal braces.
/// </summary>
public sealed class ScriptedTemplate
{
    /// <summary>Built-in placeholder: the caller's last utterance (or "pressed 1" for a key).</summary>
    public const string Utterance = "utterance";

    /// <summary>Built-in placeholder: everything the caller said and keyed in this call, in order.</summary>
    public const string Transcript = "transcript";

    /// <summary>Built-in placeholder: the id of the intent being handled.</summary>
    public const string Intent = "intent";

    private readonly (string Text, bool IsPlaceholder)[] _segments;

    private ScriptedTemplate(string text, (string Text, bool IsPlaceholder)[] segments)
    {
        Text = text;
        _segments = segments;
        Placeholders = segments.Where(s => s.IsPlaceholder).Select(s => s.Text).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>Placeholder names used, each once, in order of first use.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    /// <summary>Whether <paramref name="name"/> is a built-in placeholder.</summary>
    /// <param name="name">Placeholder name.</param>
    /// <returns>True for <c>utterance</c>, <c>transcript</c> and <c>intent</c>.</returns>
    public static bool IsBuiltIn(string name) => name is Utterance or Transcript or Intent;

    /// <summary>Parses a template.</summary>
    /// <param name="text">Template text.</param>
    /// <param name="template">The template, or null when <paramref name="error"/> is set.</param>
    /// <param name="error">What is wrong with it, or null.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParse(string text, out ScriptedTemplate? template, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = new List<(string, bool)>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                literal.Append('{');
                i++;
            }
            else if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                literal.Append('}');
                i++;
            }
            else if (c == '{')
            {
                var close = text.IndexOf('}', i + 1);
                if (close < 0)
                {
                    return Fail($"'{{' at {i} is not closed", out template, out error);
                }

                var name = text[(i + 1)..close];
                if (name.Length == 0 || !IsName(name))
                {
                    return Fail($"placeholder '{{{name}}}' is not a name (lower case letters, digits and '_')", out template, out error);
                }

                if (literal.Length > 0)
                {
                    segments.Add((literal.ToString(), false));
                    literal.Clear();
                }

                segments.Add((name, true));
                i = close;
            }
            else if (c == '}')
            {
                return Fail($"'}}' at {i} has no '{{' (write '}}}}' for a brace)", out template, out error);
            }
            else
            {
                literal.Append(c);
            }
        }

        if (literal.Length > 0)
        {
            segments.Add((literal.ToString(), false));
        }

        template = new ScriptedTemplate(text, [.. segments]);
        error = null;
        return true;
    }

    /// <summary>Whether <paramref name="name"/> is a valid slot or placeholder name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True for a lower case letter followed by lower case letters, digits and '_'.</returns>
    public static bool IsName(string name) =>
        name.Length > 0 && char.IsAsciiLetterLower(name[0]) && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    /// <summary>Fills the placeholders.</summary>
    /// <param name="values">Value of each placeholder; a missing one renders empty.</param>
    /// <returns>The text.</returns>
    public string Render(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = new StringBuilder();
        foreach (var (segment, isPlaceholder) in _segments)
        {
            text.Append(isPlaceholder ? values.GetValueOrDefault(segment, string.Empty) : segment);
        }

        return text.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    private static bool Fail(string message, out ScriptedTemplate? template, out string? error)
    {
        template = null;
        error = message;
        return false;
    }
}
