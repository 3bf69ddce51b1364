using System.Text;

namespace Softswitch.Dialog.Engines.Llama;

/// <summary>
/// GBNF grammars for tool calls: the model must answer <c>{"name": "&lt;tool&gt;", "arguments": {...}}</c> with one of the
/// given tool names and a flat object of string, number and boolean arguments. Lengths are bounded so a constrained reply
/// always ends (the grammar sampler then allows only end-of-generation).
/// </summary>
public static class LlamaToolGrammar
{
    /// <summary>Builds the grammar (start symbol <c>root</c>).</summary>
    /// <param name="toolNames">Names the model may call; letters, digits, '_', '-' and '.' only.</param>
    /// <param name="maxArguments">Most arguments in one call. Defaults to 4.</param>
    /// <param name="maxStringLength">Most characters in a key or string value. Defaults to 32.</param>
    /// <returns>The GBNF text.</returns>
    public static string ForTools(IReadOnlyList<string> toolNames, int maxArguments = 4, int maxStringLength = 32)
    {
        ArgumentNullException.ThrowIfNull(toolNames);
        if (toolNames.Count == 0)
        {
            throw new ArgumentException("At least one tool name is required.", nameof(toolNames));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(maxArguments);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStringLength, 1);

        var names = new StringBuilder();
        foreach (var name in toolNames)
        {
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                throw new ArgumentException($"Tool name '{name}' may hold only ASCII letters, digits, '_', '-' and '.'.", nameof(toolNames));
            }

            names.Append(names.Length == 0 ? string.Empty : " | ").Append("\"\\\"").Append(name).Append("\\\"\"");
        }

        var pairs = maxArguments == 0 ? "\"{\" ws \"}\"" : $"\"{{\" ws ( pair ( ws \",\" ws pair ){{0,{maxArguments - 1}}} )? ws \"}}\"";
        return $$"""
            root ::= "{" ws "\"name\"" ws ":" ws name ws "," ws "\"arguments\"" ws ":" ws args ws "}"
            name ::= {{names}}
            args ::= {{pairs}}
            pair ::= string ws ":" ws value
            value ::= string | number | "true" | "false" | "null"
            string ::= "\"" [a-zA-Z0-9 _.,:-]{0,{{maxStringLength}}} "\""
            number ::= "-"? [0-9]{1,9} ("." [0-9]{1,6})?
            ws ::= " "?

            """;
    }
}
