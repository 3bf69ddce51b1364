using System.Text.Json;
using System.Text.Json.Serialization;

namespace Softswitch.Admin.Model;

/// <summary>The JSON settings of the admin model: camelCase names, enums as their wire names, nulls omitted.</summary>
public static class ModelJson
{
    /// <summary>Options for serializing and deserializing model records (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
