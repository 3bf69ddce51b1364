using System.Text.Json.Serialization;

namespace Softswitch.Admin.Model;

/// <summary>Where a routed call goes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RouteTargetKind>))]
public enum RouteTargetKind
{
    /// <summary>A voice agent.</summary>
    [JsonStringEnumMemberName("agent")]
    Agent = 0,

    /// <summary>A queue of SIP phones.</summary>
    [JsonStringEnumMemberName("queue")]
    Queue = 1,
}
