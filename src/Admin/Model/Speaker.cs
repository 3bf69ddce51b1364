using System.Text.Json.Serialization;

namespace Softswitch.Admin.Model;

/// <summary>Who said a transcript line.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Speaker>))]
public enum Speaker
{
    /// <summary>The remote party.</summary>
    [JsonStringEnumMemberName("caller")]
    Caller = 0,

    /// <summary>The voice agent.</summary>
    [JsonStringEnumMemberName("agent")]
    Agent = 1,
}
