namespace Softswitch.Sip;

/// <summary>
/// One header field line (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-7.3"/>): its canonical
/// <paramref name="Name"/> (see <see cref="SipHeaderNames.Canonicalize(string)"/>) and its unfolded value.
/// </summary>
/// <param name="Name">The canonical header field name.</param>
/// <param name="Value">The value with line folding replaced by one space and surrounding whitespace trimmed.</param>
public readonly record struct SipHeader(string Name, string Value);
