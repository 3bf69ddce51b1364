namespace Softswitch.Sip.Sdp;

/// <summary>An attribute line <c>a=name[:value]</c> (<see href="https://www.rfc-editor.org/rfc/rfc4566#section-5.13"/>).</summary>
/// <param name="Name">The attribute name.</param>
/// <param name="Value">The value, or <see langword="null"/> for a property attribute.</param>
public sealed record SdpAttribute(string Name, string? Value)
{
    /// <summary>Formats the value of the a= line.</summary>
    /// <returns>"name:value" or "name".</returns>
    public override string ToString() => Value is null ? Name : Name + ":" + Value;

    internal static SdpAttribute Parse(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new SdpAttribute(value, null) : new SdpAttribute(value[..colon], value[(colon + 1)..]);
    }
}
