using System.Buffers;
using System.Text;

namespace Softswitch.Sip;

/// <summary>
/// %HH escaping of URI components (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-19.1.2"/>).
/// </summary>
internal static class SipEscaping
{
    /// <summary>Unescapes %HH sequences (UTF-8); false when a '%' is not followed by two hex digits.</summary>
    public static bool TryUnescape(ReadOnlySpan<char> text, out string value)
    {
        var percent = text.IndexOf('%');
        if (percent < 0)
        {
            value = text.ToString();
            return true;
        }

        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '%')
                {
                    if (i + 2 >= text.Length)
                    {
                        value = string.Empty;
                        return false;
                    }

                    var hi = HexValue(text[i + 1]);
                    var lo = HexValue(text[i + 2]);
                    if (hi < 0 || lo < 0)
                    {
                        value = string.Empty;
                        return false;
                    }

                    bytes[length++] = (byte)((hi << 4) | lo);
                    i += 2;
                }
                else if (c < 0x80)
                {
                    bytes[length++] = (byte)c;
                }
                else
                {
                    length += Encoding.UTF8.GetBytes(text.Slice(i, 1), bytes.AsSpan(length));
                }
            }

            value = Encoding.UTF8.GetString(bytes, 0, length);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Appends <paramref name="value"/>, escaping every character outside <paramref name="allowed"/>.</summary>
    public static void Append(StringBuilder builder, string value, SearchValues<char> allowed)
    {
        if (!value.AsSpan().ContainsAnyExcept(allowed))
        {
            builder.Append(value);
            return;
        }

        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii && allowed.Contains((char)rune.Value))
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var count = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < count; i++)
            {
                builder.Append('%').Append(HexDigit(utf8[i] >> 4)).Append(HexDigit(utf8[i] & 0xF));
            }
        }
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'A' + value - 10);

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
