using System.Globalization;

namespace Softswitch.Admin.Config;

/// <summary>One thing wrong with an imported configuration document.</summary>
/// <param name="Path">Where, as a path into the document such as <c>routes[2].match.called.value</c>; empty for the whole document.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Line">Line in the YAML text (from 1), or null when unknown.</param>
/// <param name="Column">Column in the YAML text (from 1), or null when unknown.</param>
public sealed record ConfigError(string Path, string Message, int? Line, int? Column)
{
    /// <summary><c>line 12, column 7: routes[2].match.called.value: pattern …</c>.</summary>
    /// <returns>The error on one line.</returns>
    public override string ToString()
    {
        var at = Line is { } line ? string.Create(CultureInfo.InvariantCulture, $"line {line}, column {Column ?? 1}: ") : string.Empty;
        return Path.Length == 0 ? at + Message : $"{at}{Path}: {Message}";
    }
}
