using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Softswitch.Admin.Model;

namespace Softswitch.Admin.Config;

/// <summary>The API's JSON wire format (<see cref="ModelJson"/>) as the configuration document uses it.</summary>
internal static class ConfigJson
{
    /// <summary>
    /// Reading: the API's names and enum spellings, numbers also from strings (YAML scalars arrive as strings), and unknown
    /// keys refused so that a misspelt field is an error, not a silently ignored line.
    /// </summary>
    public static JsonSerializerOptions ReadOptions { get; } = CreateReadOptions();

    /// <summary>The model record as a JSON object, without the keys named.</summary>
    public static JsonObject ToObject<T>(T value, params string[] without)
    {
        var node = JsonSerializer.SerializeToNode(value, ModelJson.Options)!.AsObject();
        foreach (var key in without)
        {
            node.Remove(key);
        }

        return node;
    }

    /// <summary>A comparable form of a model record: its JSON with every object's keys sorted.</summary>
    public static string Canonical<T>(T value) => Sort(JsonSerializer.SerializeToNode(value, ModelJson.Options))?.ToJsonString() ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sort).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    private static JsonSerializerOptions CreateReadOptions()
    {
        var options = new JsonSerializerOptions(ModelJson.Options)
        {
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
