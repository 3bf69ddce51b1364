namespace Softswitch.Admin.Routing;

/// <summary>
/// Dialplan number patterns, bounded so matching is linear: digits, <c>+</c>, <c>*</c> and <c>#</c> match themselves;
/// <c>X</c> any digit, <c>Z</c> 1-9, <c>N</c> 2-9, <c>[1-5]</c> or <c>[135]</c> one digit of a set; a final <c>.</c> one
/// or more further characters. At most <see cref="MaxLength"/> characters.
/// </summary>
public static class NumberPattern
{
    /// <summary>The longest pattern accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>Checks a pattern; null when valid, else what is wrong with it.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <returns>The problem, or null.</returns>
    public static string? Validate(string pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return "must not be empty";
        }

        if (pattern.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters";
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '[')
            {
                var close = pattern.IndexOf(']', i + 1);
                if (close < 0 || close == i + 1)
                {
                    return $"has an unclosed or empty set at {i}";
                }

                for (var j = i + 1; j < close; j++)
                {
                    if (!char.IsAsciiDigit(pattern[j]) && !(pattern[j] == '-' && j > i + 1 && j < close - 1))
                    {
                        return $"has '{pattern[j]}' in a set at {j}";
                    }
                }

                i = close;
            }
            else if (c == '.')
            {
                if (i != pattern.Length - 1)
                {
                    return "may have '.' only at the end";
                }
            }
            else if (!IsLiteral(c) && c is not ('X' or 'Z' or 'N'))
            {
                return $"has '{c}' at {i}";
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="number"/> matches <paramref name="pattern"/> (a valid one).</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="number">The number.</param>
    /// <returns>True on a match.</returns>
    public static bool IsMatch(string pattern, string number)
    {
        var n = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '.')
            {
                return n < number.Length; // one or more characters remain
            }

            if (n >= number.Length)
            {
                return false;
            }

            var d = number[n++];
            switch (c)
            {
                case 'X' when char.IsAsciiDigit(d):
                case 'Z' when d is >= '1' and <= '9':
                case 'N' when d is >= '2' and <= '9':
                    continue;
                case 'X' or 'Z' or 'N':
                    return false;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (!InSet(pattern.AsSpan(i + 1, close - i - 1), d))
                    {
                        return false;
                    }

                    i = close;
                    continue;
                default:
                    if (c != d)
                    {
                        return false;
                    }

                    continue;
            }
        }

        return n == number.Length;
    }

    private static bool IsLiteral(char c) => char.IsAsciiDigit(c) || c is '+' or '*' or '#';

    private static bool InSet(ReadOnlySpan<char> set, char d)
    {
        for (var i = 0; i < set.Length; i++)
        {
            if (i + 2 < set.Length && set[i + 1] == '-')
            {
                if (d >= set[i] && d <= set[i + 2])
                {
                    return true;
                }

                i += 2;
            }
            else if (set[i] == d)
            {
                return true;
            }
        }

        return false;
    }
}
