using System.Text.Json.Serialization;

namespace Softswitch.Admin.Model;

/// <summary>Who placed a call.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallDirection>))]
public enum CallDirection
{
    /// <summary>Towards the gateway.</summary>
    [JsonStringEnumMemberName("inbound")]
    Inbound = 0,

    /// <summary>Placed by the gateway.</summary>
    [JsonStringEnumMemberName("outbound")]
    Outbound = 1,
}
