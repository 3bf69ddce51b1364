using System.Text.Json.Serialization;

namespace Softswitch.Admin.Model;

/// <summary>What an agent tool does.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgentToolKind>))]
public enum AgentToolKind
{
    /// <summary>Transfers the call to a SIP URI or number.</summary>
    [JsonStringEnumMemberName("transfer")]
    Transfer = 0,

    /// <summary>Calls an HTTP endpoint and gives the answer to the model.</summary>
    [JsonStringEnumMemberName("webhook")]
    Webhook = 1,

    /// <summary>Hangs up.</summary>
    [JsonStringEnumMemberName("end_call")]
    EndCall = 2,

    /// <summary>Sends DTMF digits to the peer.</summary>
    [JsonStringEnumMemberName("send_dtmf")]
    SendDtmf = 3,
}
