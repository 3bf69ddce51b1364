using System.Text.Json.Serialization;

namespace Softswitch.Admin.Model;

/// <summary>SIP transport towards a trunk.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrunkTransport>))]
public enum TrunkTransport
{
    /// <summary>UDP.</summary>
    [JsonStringEnumMemberName("udp")]
    Udp = 0,

    /// <summary>TCP.</summary>
    [JsonStringEnumMemberName("tcp")]
    Tcp = 1,

    /// <summary>TLS over TCP.</summary>
    [JsonStringEnumMemberName("tls")]
    Tls = 2,
}
