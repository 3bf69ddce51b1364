namespace Softswitch.Sip;

/// <summary>The outcome of <see cref="SipParser.TryParse"/>.</summary>
public enum SipParseStatus
{
    /// <summary>A whole message was parsed.</summary>
    Complete,

    /// <summary>More bytes are needed (the input is a proper prefix of a message).</summary>
    Incomplete,

    /// <summary>The input is not a valid SIP message; the reason says why.</summary>
    Invalid,
}
