namespace Softswitch.Sip;

/// <summary>URI schemes the model understands (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-19.1"/>, RFC 3966).</summary>
public enum SipUriScheme
{
    /// <summary><c>sip:</c></summary>
    Sip,

    /// <summary><c>sips:</c></summary>
    Sips,

    /// <summary><c>tel:</c> (<see href="https://www.rfc-editor.org/rfc/rfc3966"/>).</summary>
    Tel,
}
