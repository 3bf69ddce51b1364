using System.Text.Json.Serialization;

namespace Softswitch.Admin.Model;

/// <summary>How a route compares a number.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NumberMatchKind>))]
public enum NumberMatchKind
{
    /// <summary>The whole number equals the value.</summary>
    [JsonStringEnumMemberName("exact")]
    Exact = 0,

    /// <summary>The number starts with the value.</summary>
    [JsonStringEnumMemberName("prefix")]
    Prefix = 1,

    /// <summary>The number matches the value as a pattern (regular expression).</summary>
    [JsonStringEnumMemberName("pattern")]
    Pattern = 2,
}
