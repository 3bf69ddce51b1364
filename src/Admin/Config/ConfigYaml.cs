using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Softswitch.Admin.Config;

/// <summary>
/// YAML to and from the JSON tree of the API's wire format. Reading keeps where each value starts (by path such as
/// <c>routes[2].match.called</c>) so that errors name lines. A plain scalar is <c>true</c>/<c>false</c>, <c>null</c>
/// (<c>~</c> or empty) or a string; numbers are read from strings (as the model's number fields allow), so <c>value: 4930</c>
/// stays the string it must be. Writing quotes every string that would read back as something else.
/// </summary>
internal static class ConfigYaml
{
    private static readonly EmitterSettings s_emitterSettings = EmitterSettings.Default
        .WithBestIndent(2)
        .WithBestWidth(int.MaxValue)
        .WithIndentedSequences()
        .WithNewLine("\n");

    /// <summary>Parses one YAML document into a JSON tree and the position of every node.</summary>
    /// <param name="text">The YAML text.</param>
    /// <param name="positions">Where each node starts, by path (the root is the empty path).</param>
    /// <returns>The tree, or null for an empty document.</returns>
    /// <exception cref="ConfigSyntaxException">The text is not YAML, holds more than one document, or repeats a key.</exception>
    public static JsonNode? Read(string text, Dictionary<string, (int Line, int Column)> positions)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new ConfigSyntaxException(Describe(e), (int)e.Start.Line, (int)e.Start.Column, e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this (without a position) when the text ends inside an open [ or {.
            var last = parser.Current?.End ?? Mark.Empty;
            throw new ConfigSyntaxException("the document ends inside an unclosed [ or {", (int)last.Line, (int)last.Column, e);
        }

        if (stream.Documents.Count == 0)
        {
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            throw new ConfigSyntaxException("only one YAML document is allowed", (int)second.Line, (int)second.Column, null);
        }

        return Convert(stream.Documents[0].RootNode, string.Empty, positions);
    }

    /// <summary>Writes a JSON tree as one YAML document.</summary>
    /// <param name="root">The tree.</param>
    /// <param name="output">Where to write.</param>
    public static void Write(JsonNode root, TextWriter output)
    {
        var emitter = new Emitter(output, s_emitterSettings);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Emit(emitter, root);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
    }

    /// <summary>A path below <paramref name="parent"/>: <c>parent.name</c>.</summary>
    public static string Child(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    /// <summary>An item of the sequence at <paramref name="parent"/>: <c>parent[index]</c>.</summary>
    public static string Item(string parent, int index) => parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    private static JsonNode? Convert(YamlNode node, string path, Dictionary<string, (int Line, int Column)> positions)
    {
        positions[path] = ((int)node.Start.Line, (int)node.Start.Column);
        switch (node)
        {
            case YamlScalarNode scalar:
                return Scalar(scalar);
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    array.Add(Convert(sequence.Children[i], Item(path, i), positions));
                }

                return array;
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                    {
                        throw new ConfigSyntaxException("a mapping key must be a plain string", (int)keyNode.Start.Line, (int)keyNode.Start.Column, null);
                    }

                    if (obj.ContainsKey(key))
                    {
                        throw new ConfigSyntaxException($"duplicate key '{key}'", (int)keyNode.Start.Line, (int)keyNode.Start.Column, null);
                    }

                    obj[key] = Convert(valueNode, Child(path, key), positions);
                }

                return obj;
            default:
                throw new ConfigSyntaxException("unsupported YAML node", (int)node.Start.Line, (int)node.Start.Column, null);
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ => JsonValue.Create(value),
        };
    }

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, true, obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    emitter.Emit(new Scalar(null, null, key, NeedsQuotes(key) ? ScalarStyle.DoubleQuoted : ScalarStyle.Plain, true, false));
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, true, array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                emitter.Emit(new Scalar(null, null, text, StringStyle(text), true, false));
                break;
            default:
                // Numbers and booleans, in their JSON spelling.
                emitter.Emit(new Scalar(null, null, node.ToJsonString(), ScalarStyle.Plain, true, false));
                break;
        }
    }

    private static ScalarStyle StringStyle(string text)
    {
        if (NeedsQuotes(text))
        {
            return ScalarStyle.DoubleQuoted;
        }

        // Prompts and greetings over several lines read best as literal blocks; the emitter falls back to quotes when a
        // block cannot hold the text exactly.
        return text.Contains('\n', StringComparison.Ordinal) && !text.Contains('\r', StringComparison.Ordinal) && !text.Contains('\t', StringComparison.Ordinal)
            && !text.StartsWith(' ') && !text.Contains(" \n", StringComparison.Ordinal)
            ? ScalarStyle.Literal
            : ScalarStyle.Plain;
    }

    // Strings that a plain scalar would turn into null, a boolean, a number, a time or a date for other (YAML 1.1) readers,
    // or that lose spaces.
    private static bool NeedsQuotes(string text) =>
        text.Length == 0
        || (char.IsAsciiDigit(text[0]) && text.All(c => char.IsAsciiDigit(c) || c is ':' or '-' or '.' or '_'))
        || text != text.Trim()
        || text is "~" || text.Equals("null", StringComparison.OrdinalIgnoreCase)
        || text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase)
        || text.Equals("yes", StringComparison.OrdinalIgnoreCase) || text.Equals("no", StringComparison.OrdinalIgnoreCase)
        || text.Equals("on", StringComparison.OrdinalIgnoreCase) || text.Equals("off", StringComparison.OrdinalIgnoreCase)
        || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.StartsWith("0o", StringComparison.OrdinalIgnoreCase);

    private static string Describe(YamlException e)
    {
        // YamlDotNet messages start with "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; the position is reported separately.
        var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
        var end = message.LastIndexOf("): ", StringComparison.Ordinal);
        return (end >= 0 ? message[(end + 3)..] : message).Trim();
    }
}
