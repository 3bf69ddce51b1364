using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Softswitch.Sip;

/// <summary>
/// A <c>name-addr</c> or <c>addr-spec</c> with header field parameters, as used by From, To, Contact, Route,
/// Record-Route and Refer-To (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.10"/>,
/// <see href="https://www.rfc-editor.org/rfc/rfc3261#section-25.1"/>).
/// </summary>
public sealed class SipNameAddress
{
    /// <summary>Creates an empty address; set <see cref="Uri"/>.</summary>
    public SipNameAddress()
    {
    }

    /// <summary>Creates an address for <paramref name="uri"/>.</summary>
    /// <param name="uri">The URI.</param>
    /// <param name="displayName">The optional display name.</param>
    public SipNameAddress(SipUri uri, string? displayName = null)
    {
        Uri = uri ?? throw new ArgumentNullException(nameof(uri));
        DisplayName = displayName;
    }

    /// <summary>Gets or sets the display name, unquoted (quoted-pair escapes removed), or <see langword="null"/>.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Gets or sets the URI.</summary>
    public SipUri Uri { get; set; } = new();

    /// <summary>Gets the header field parameters (<c>;tag=…;expires=…;q=…</c>); quoted values keep their quotes.</summary>
    public SipParameters Parameters { get; } = new();

    /// <summary>Gets or sets the <c>tag</c> parameter (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-19.3"/>).</summary>
    public string? Tag
    {
        get => Parameters["tag"];
        set
        {
            if (value is null)
            {
                Parameters.Remove("tag");
            }
            else
            {
                Parameters.Set("tag", value);
            }
        }
    }

    /// <summary>Gets whether this is the <c>Contact: *</c> wildcard (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-10.2.2"/>).</summary>
    public bool IsWildcard { get; private init; }

    /// <summary>Creates the <c>*</c> Contact wildcard.</summary>
    /// <returns>The wildcard address.</returns>
    public static SipNameAddress CreateWildcard() => new() { IsWildcard = true };

    /// <summary>Parses a name-addr or addr-spec with parameters.</summary>
    /// <param name="text">The header value element.</param>
    /// <returns>The address.</returns>
    /// <exception cref="FormatException"><paramref name="text"/> is not valid.</exception>
    public static SipNameAddress Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException("Not a valid name-addr or addr-spec.");

    /// <summary>Tries to parse a name-addr or addr-spec with parameters.</summary>
    /// <param name="text">One header value element (not a comma-separated list).</param>
    /// <param name="value">The parsed address.</param>
    /// <returns><see langword="true"/> on success.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SipNameAddress? value)
    {
        value = null;
        if (text is null || !TrySplit(text.AsSpan(), out var wildcard, out var displayName, out var uriText, out var rest))
        {
            return false;
        }

        if (wildcard)
        {
            value = CreateWildcard();
            return true;
        }

        if (!SipUri.TryParse(uriText, out var uri))
        {
            return false;
        }

        string? display = null;
        if (!displayName.IsEmpty)
        {
            display = displayName[0] == '"' ? SipGrammar.Unquote(displayName) : displayName.ToString();
        }

        var result = new SipNameAddress { DisplayName = display, Uri = uri };
        if (!SipParameters.TryParseHeaderParameters(rest, result.Parameters))
        {
            return false;
        }

        value = result;
        return true;
    }

    /// <summary>
    /// Checks a name-addr or addr-spec with parameters with exactly the rules of <see cref="TryParse"/>, without allocating.
    /// </summary>
    internal static bool IsValid(ReadOnlySpan<char> text, out bool isWildcard)
    {
        if (!TrySplit(text, out isWildcard, out _, out var uriText, out var rest))
        {
            return false;
        }

        return isWildcard || (SipUri.IsValid(uriText, out _) && SipParameters.TryParseHeaderParameters(rest, null));
    }

    /// <summary>
    /// Splits an element into display name (a quoted-string with its quotes, or tokens; empty when absent), URI text and
    /// the header parameters that follow, checking the display name and the brackets.
    /// </summary>
    private static bool TrySplit(ReadOnlySpan<char> text, out bool wildcard, out ReadOnlySpan<char> displayName, out ReadOnlySpan<char> uriText, out ReadOnlySpan<char> rest)
    {
        wildcard = false;
        displayName = default;
        uriText = default;
        rest = default;
        var span = SipGrammar.TrimLws(text);
        if (span.Length == 1 && span[0] == '*')
        {
            wildcard = true;
            return true;
        }

        var quotedName = false;
        if (!span.IsEmpty && span[0] == '"')
        {
            var quoted = SipGrammar.QuotedStringLength(span);
            if (quoted < 0)
            {
                return false;
            }

            displayName = span[..quoted];
            quotedName = true;
            span = SipGrammar.TrimLws(span[quoted..]);
            if (span.IsEmpty || span[0] != '<')
            {
                return false;
            }
        }

        var open = span.IndexOf('<');
        if (open >= 0)
        {
            if (!quotedName)
            {
                var tokens = SipGrammar.TrimLws(span[..open]);
                if (!tokens.IsEmpty)
                {
                    foreach (var range in tokens.SplitAny(" \t\r\n"))
                    {
                        var word = tokens[range];
                        if (!word.IsEmpty && !SipGrammar.IsToken(word))
                        {
                            return false;
                        }
                    }

                    displayName = tokens;
                }
            }
            else if (open != 0)
            {
                return false;
            }

            var close = span.IndexOf('>');
            if (close < open)
            {
                return false;
            }

            uriText = span[(open + 1)..close];
            rest = span[(close + 1)..];
        }
        else
        {
            var semi = span.IndexOf(';');
            uriText = SipGrammar.TrimLws(semi < 0 ? span : span[..semi]);
            rest = semi < 0 ? [] : span[semi..];
            if (uriText.ContainsAny("?,"))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Formats as <c>"Display Name" &lt;uri&gt;;params</c> (angle brackets always used).</summary>
    /// <returns>The header value.</returns>
    public override string ToString()
    {
        if (IsWildcard)
        {
            return "*";
        }

        var builder = new StringBuilder(96);
        if (!string.IsNullOrEmpty(DisplayName))
        {
            builder.Append('"');
            foreach (var c in DisplayName)
            {
                if (c is '"' or '\\')
                {
                    builder.Append('\\');
                }

                builder.Append(c);
            }

            builder.Append("\" ");
        }

        builder.Append('<').Append(Uri.ToString()).Append('>');
        Parameters.AppendTo(builder);
        return builder.ToString();
    }

    /// <summary>Returns a deep copy.</summary>
    /// <returns>The copy.</returns>
    public SipNameAddress Clone()
    {
        var copy = new SipNameAddress { DisplayName = DisplayName, Uri = Uri.Clone(), IsWildcard = IsWildcard };
        Parameters.CopyTo(copy.Parameters);
        return copy;
    }
}
