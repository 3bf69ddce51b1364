using System.Text.Json.Serialization;

namespace Softswitch.Admin.Model;

/// <summary>Whether an agent version can still change.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgentVersionState>))]
public enum AgentVersionState
{
    /// <summary>Editable; not used by calls.</summary>
    [JsonStringEnumMemberName("draft")]
    Draft = 0,

    /// <summary>Immutable; may be (or have been) the version calls use.</summary>
    [JsonStringEnumMemberName("published")]
    Published = 1,
}
