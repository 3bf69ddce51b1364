namespace Softswitch.Sip;

/// <summary>Offsets of one header line inside the input, recorded by the scan phase of <see cref="SipParser"/>.</summary>
/// <param name="NameStart">Offset of the name.</param>
/// <param name="NameLength">Length of the name.</param>
/// <param name="ValueStart">Offset of the value, leading whitespace skipped.</param>
/// <param name="ValueEnd">End of the value (exclusive), trailing whitespace trimmed.</param>
/// <param name="Folded">Whether the value spans continuation lines.</param>
/// <param name="Known">The canonical name when the header is known, else <see langword="null"/>.</param>
internal readonly record struct SipHeaderRange(int NameStart, int NameLength, int ValueStart, int ValueEnd, bool Folded, string? Known);
