using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Softswitch.Admin.Model;
using Softswitch.Admin.Validation;
using Route = Softswitch.Admin.Model.Route;

namespace Softswitch.Admin.Config;

/// <summary>
/// Turns the JSON tree of a configuration document into typed entities, recording (not throwing) every structural
/// problem: unknown keys, wrong types, unknown enum values, a wrong format version. An entity with such a problem is left
/// out, and its error named by path.
/// </summary>
internal static partial class ConfigDocumentReader
{
    private static readonly string[] s_sections = ["version", "agents", "routes", "trunks", "queues"];

    /// <summary>Reads the document; every problem goes to <paramref name="errors"/>.</summary>
    public static ConfigDocument Read(JsonNode? root, Validator errors)
    {
        var document = new ConfigDocument();
        if (root is not JsonObject top)
        {
            errors.Add(string.Empty, "the document must be a mapping with version: 1 and the sections agents, routes, trunks and queues");
            return document;
        }

        foreach (var (key, _) in top)
        {
            errors.Check(s_sections.Contains(key, StringComparer.Ordinal), key, "unknown key; the document holds version, agents, routes, trunks and queues");
        }

        if (!top.TryGetPropertyValue("version", out var version) || version is null)
        {
            errors.Add("version", $"is required: {ConfigExporter.FormatVersion}");
        }
        else
        {
            errors.Check(version is JsonValue v && v.ToString() == ConfigExporter.FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), "version", $"must be {ConfigExporter.FormatVersion}, the only format this softswitch reads");
        }

        document.Agents = Section<ConfigAgent>(top, "agents", errors);
        document.Routes = Section<Route>(top, "routes", errors);
        document.Trunks = Section<TrunkRequest>(top, "trunks", errors);
        document.Queues = Section<Queue>(top, "queues", errors);
        return document;
    }

    private static List<ConfigEntry<T>>? Section<T>(JsonObject top, string name, Validator errors)
        where T : class
    {
        if (!top.TryGetPropertyValue(name, out var node))
        {
            return null;
        }

        var entries = new List<ConfigEntry<T>>();
        if (node is null)
        {
            return entries;
        }

        if (node is not JsonArray items)
        {
            errors.Add(name, "must be a list");
            return entries;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var path = ConfigYaml.Item(name, i);
            if (items[i] is not JsonObject item)
            {
                errors.Add(path, "must be a mapping");
                continue;
            }

            try
            {
                entries.Add(new ConfigEntry<T>(path, item.Deserialize<T>(ConfigJson.ReadOptions)!));
            }
            catch (JsonException e)
            {
                var (field, message) = Describe(e, typeof(T));
                errors.Add(field.Length == 0 ? path : path + (field.StartsWith('[') ? field : "." + field), message);
            }
        }

        return entries;
    }

    // System.Text.Json's messages name .NET types; say what the document should hold instead.
    private static (string Field, string Message) Describe(JsonException e, Type entity)
    {
        var field = e.Path is { Length: > 0 } p ? p.TrimStart('$').TrimStart('.') : string.Empty;
        if (UnmappedPattern().Match(e.Message) is { Success: true } unmapped)
        {
            var key = unmapped.Groups[1].Value;
            if (!field.EndsWith(key, StringComparison.Ordinal))
            {
                field = field.Length == 0 ? key : field + "." + key;
            }

            return (field, "unknown key");
        }

        if (ConvertPattern().Match(e.Message) is { Success: true } convert)
        {
            var typeName = convert.Groups[1].Value;
            if (NullablePattern().Match(typeName) is { Success: true } nullable)
            {
                typeName = nullable.Groups[1].Value;
            }

            // Records read through their constructors report themselves, not the field: find the field's type by its path.
            var type = TypeAt(entity, field) ?? typeof(ModelJson).Assembly.GetType(typeName) ?? Type.GetType(typeName);
            return (field, type switch
            {
                { IsEnum: true } => "must be one of " + string.Join(", ", Enum.GetValues(type).Cast<object>().Select(v => JsonSerializer.Serialize(v, type, ModelJson.Options).Trim('"'))),
                _ when type == typeof(string) => "must be a string (quote values such as true or null)",
                _ when type == typeof(int) || type == typeof(long) => "must be a whole number",
                _ when type == typeof(bool) => "must be true or false",
                _ when type == typeof(DateOnly) => "must be a date, yyyy-MM-dd",
                { IsGenericType: true } => "must be a list or mapping of the right kind",
                _ => "has the wrong type or format",
            });
        }

        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (field, cut > 0 ? message[..cut] : message);
    }

    private static Type? TypeAt(Type type, string field)
    {
        foreach (var part in PathPartPattern().Matches(field).Select(m => m.Value))
        {
            if (part.StartsWith('['))
            {
                type = type.IsGenericType ? type.GetGenericArguments()[^1] : typeof(object);
                continue;
            }

            var property = type.GetProperties().FirstOrDefault(p => string.Equals(p.Name, part, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                return null;
            }

            type = property.PropertyType;
        }

        return field.Length == 0 ? null : Nullable.GetUnderlyingType(type) ?? type;
    }

    [GeneratedRegex(@"\[\d+\]|[^.\[]+")]
    private static partial Regex PathPartPattern();

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnmappedPattern();

    [GeneratedRegex(@"could not be converted to ([^ ]+?)\. Path")]
    private static partial Regex ConvertPattern();

    [GeneratedRegex(@"^System\.Nullable`1\[\[?([^,\]]+)")]
    private static partial Regex NullablePattern();
}
