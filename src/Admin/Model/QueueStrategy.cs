using System.Text.Json.Serialization;

namespace Softswitch.Admin.Model;

/// <summary>How a queue picks members to ring.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QueueStrategy>))]
public enum QueueStrategy
{
    /// <summary>Rings every member at once.</summary>
    [JsonStringEnumMemberName("ring-all")]
    RingAll = 0,

    /// <summary>Rings members one after another, starting after the last one rung.</summary>
    [JsonStringEnumMemberName("round-robin")]
    RoundRobin = 1,

    /// <summary>Rings the member idle the longest.</summary>
    [JsonStringEnumMemberName("longest-idle")]
    LongestIdle = 2,
}
