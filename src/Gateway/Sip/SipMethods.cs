namespace Softswitch.Sip;

/// <summary>
/// Method names of RFC 3261 and its extensions, exactly as they appear on the wire (methods are case-sensitive,
/// <see href="https://www.rfc-editor.org/rfc/rfc3261#section-7.1"/>).
/// </summary>
public static class SipMethods
{
    /// <summary>INVITE (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-13"/>).</summary>
    public const string Invite = "INVITE";

    /// <summary>ACK (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.3"/>).</summary>
    public const string Ack = "ACK";

    /// <summary>BYE (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-15"/>).</summary>
    public const string Bye = "BYE";

    /// <summary>CANCEL (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-9"/>).</summary>
    public const string Cancel = "CANCEL";

    /// <summary>OPTIONS (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-11"/>).</summary>
    public const string Options = "OPTIONS";

    /// <summary>REGISTER (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-10"/>).</summary>
    public const string Register = "REGISTER";

    /// <summary>PRACK (<see href="https://www.rfc-editor.org/rfc/rfc3262"/>).</summary>
    public const string Prack = "PRACK";

    /// <summary>UPDATE (<see href="https://www.rfc-editor.org/rfc/rfc3311"/>).</summary>
    public const string Update = "UPDATE";

    /// <summary>INFO (<see href="https://www.rfc-editor.org/rfc/rfc6086"/>).</summary>
    public const string Info = "INFO";

    /// <summary>REFER (<see href="https://www.rfc-editor.org/rfc/rfc3515"/>).</summary>
    public const string Refer = "REFER";

    /// <summary>NOTIFY (<see href="https://www.rfc-editor.org/rfc/rfc6665"/>).</summary>
    public const string Notify = "NOTIFY";

    /// <summary>SUBSCRIBE (<see href="https://www.rfc-editor.org/rfc/rfc6665"/>).</summary>
    public const string Subscribe = "SUBSCRIBE";

    /// <summary>MESSAGE (<see href="https://www.rfc-editor.org/rfc/rfc3428"/>).</summary>
    public const string Message = "MESSAGE";

    /// <summary>Returns the interned constant for a well-known method, or <see langword="null"/>.</summary>
    internal static string? TryGetKnown(ReadOnlySpan<byte> method) => method.Length switch
    {
        3 when method.SequenceEqual("ACK"u8) => Ack,
        3 when method.SequenceEqual("BYE"u8) => Bye,
        4 when method.SequenceEqual("INFO"u8) => Info,
        5 when method.SequenceEqual("PRACK"u8) => Prack,
        5 when method.SequenceEqual("REFER"u8) => Refer,
        6 when method.SequenceEqual("INVITE"u8) => Invite,
        6 when method.SequenceEqual("CANCEL"u8) => Cancel,
        6 when method.SequenceEqual("UPDATE"u8) => Update,
        6 when method.SequenceEqual("NOTIFY"u8) => Notify,
        7 when method.SequenceEqual("OPTIONS"u8) => Options,
        7 when method.SequenceEqual("MESSAGE"u8) => Message,
        8 when method.SequenceEqual("REGISTER"u8) => Register,
        9 when method.SequenceEqual("SUBSCRIBE"u8) => Subscribe,
        _ => null,
    };
}
