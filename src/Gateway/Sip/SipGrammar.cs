using System.Buffers;

namespace Softswitch.Sip;

/// <summary>
/// Character classes of the RFC 3261 ABNF (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-25.1"/>).
/// </summary>
internal static class SipGrammar
{
    /// <summary><c>token</c> characters: alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~".</summary>
    public const string TokenChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";

    /// <summary><c>unreserved</c> = alphanum / mark.</summary>
    public const string UnreservedChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()";

    public static readonly SearchValues<byte> TokenBytes = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~"u8);

    public static readonly SearchValues<char> Token = SearchValues.Create(TokenChars);

    /// <summary>Characters allowed unescaped in the user part: unreserved / user-unreserved.</summary>
    public static readonly SearchValues<char> UserChars = SearchValues.Create(UnreservedChars + "&=+$,;?/");

    /// <summary>Characters allowed unescaped in a password: unreserved / "&amp;" / "=" / "+" / "$" / ",".</summary>
    public static readonly SearchValues<char> PasswordChars = SearchValues.Create(UnreservedChars + "&=+$,");

    /// <summary>paramchar = param-unreserved / unreserved.</summary>
    public static readonly SearchValues<char> ParamChars = SearchValues.Create(UnreservedChars + "[]/:&+$");

    /// <summary>hname / hvalue characters: hnv-unreserved / unreserved.</summary>
    public static readonly SearchValues<char> HeaderChars = SearchValues.Create(UnreservedChars + "[]/?:+$");

    /// <summary>Characters of a host name, IPv4 address or bracketed IPv6 reference.</summary>
    public static readonly SearchValues<char> HostChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._");

    /// <summary>Characters of a tel: number (RFC 3966 global or local number, visual separators included).</summary>
    public static readonly SearchValues<char> TelChars = SearchValues.Create("0123456789abcdefABCDEF*#+-.()pw");

    public static bool IsToken(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(Token);

    public static bool IsToken(ReadOnlySpan<byte> text) => !text.IsEmpty && !text.ContainsAnyExcept(TokenBytes);

    public static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    public static bool IsWsp(byte b) => b is (byte)' ' or (byte)'\t';

    public static bool IsDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');

    /// <summary>Parses 1*DIGIT as an unsigned 64-bit value; false on overflow, sign or other characters.</summary>
    public static bool TryParseDigits(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            var digit = (uint)(c - '0');
            if (digit > 9 || value > (ulong.MaxValue - digit) / 10)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    /// <summary>Trims SP, HTAB, CR and LF from both ends.</summary>
    public static ReadOnlySpan<char> TrimLws(ReadOnlySpan<char> text) => text.Trim(" \t\r\n");

    /// <summary>
    /// Index of the first <paramref name="target"/> that is outside quoted strings (with quoted-pair escapes)
    /// and outside angle brackets; -1 when none.
    /// </summary>
    public static int IndexOfUnquoted(ReadOnlySpan<char> text, char target)
    {
        var inQuotes = false;
        var inAngle = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }

                continue;
            }

            if (c == target && !inAngle)
            {
                return i;
            }

            switch (c)
            {
                case '"':
                    inQuotes = true;
                    break;
                case '<':
                    inAngle = true;
                    break;
                case '>':
                    inAngle = false;
                    break;
            }
        }

        return -1;
    }

    /// <summary>
    /// Length of the quoted-string (quotes included) that starts at <c>text[0]</c>, or -1 when it is unterminated.
    /// </summary>
    public static int QuotedStringLength(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text[0] != '"')
        {
            return -1;
        }

        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>Removes the quotes and quoted-pair backslashes of a quoted-string.</summary>
    public static string Unquote(ReadOnlySpan<char> quoted)
    {
        var inner = quoted[1..^1];
        if (inner.IndexOf('\\') < 0)
        {
            return inner.ToString();
        }

        var builder = new System.Text.StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
            }

            builder.Append(inner[i]);
        }

        return builder.ToString();
    }

    /// <summary>True when the quotes in <paramref name="text"/> are balanced (quoted-pair aware).</summary>
    public static bool QuotesBalanced(ReadOnlySpan<char> text)
    {
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes && c == '\\')
            {
                i++;
                if (i >= text.Length)
                {
                    return false;
                }
            }
            else if (c == '"')
            {
                inQuotes = !inQuotes;
            }
        }

        return !inQuotes;
    }
}
