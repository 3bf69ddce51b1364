using System.Collections;
using System.Text;

namespace Softswitch.Sip;

/// <summary>
/// An ordered list of <c>name[=value]</c> parameters with case-insensitive names: URI parameters and URI headers
/// (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-19.1.1"/>) and header field parameters
/// (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1"/>). A flag parameter such as <c>lr</c> has a
/// <see langword="null"/> value.
/// </summary>
public sealed class SipParameters : IEnumerable<KeyValuePair<string, string?>>
{
    private readonly List<KeyValuePair<string, string?>> _items = [];

    /// <summary>Gets the number of parameters.</summary>
    public int Count => _items.Count;

    /// <summary>Incremented on every change; lets owners invalidate cached serialisations.</summary>
    internal int Version { get; private set; }

    /// <summary>Gets the value of a parameter (<see langword="null"/> when absent or a flag) or sets it (see <see cref="Set"/>).</summary>
    /// <param name="key">The parameter name, matched case-insensitively.</param>
    public string? this[string key]
    {
        get
        {
            var index = IndexOf(key);
            return index < 0 ? null : _items[index].Value;
        }

        set => Set(key, value);
    }

    /// <summary>Gets the parameter at <paramref name="index"/>.</summary>
    internal KeyValuePair<string, string?> GetAt(int index) => _items[index];

    /// <summary>Returns whether a parameter named <paramref name="key"/> is present.</summary>
    /// <param name="key">The parameter name, matched case-insensitively.</param>
    /// <returns><see langword="true"/> when present, flag or valued.</returns>
    public bool Contains(string key) => IndexOf(key) >= 0;

    /// <summary>Removes every parameter named <paramref name="key"/>.</summary>
    /// <param name="key">The parameter name, matched case-insensitively.</param>
    /// <returns><see langword="true"/> when at least one was removed.</returns>
    public bool Remove(string key)
    {
        var kept = 0;
        for (var i = 0; i < _items.Count; i++)
        {
            var item = _items[i];
            if (!string.Equals(item.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                _items[kept++] = item;
            }
        }

        var removed = kept < _items.Count;
        if (removed)
        {
            _items.RemoveRange(kept, _items.Count - kept);
        }

        if (removed)
        {
            Version++;
        }

        return removed;
    }

    /// <summary>Replaces the value of <paramref name="key"/> in place, or appends it when absent.</summary>
    /// <param name="key">The parameter name.</param>
    /// <param name="value">The value, or <see langword="null"/> for a flag parameter.</param>
    public void Set(string key, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var index = IndexOf(key);
        if (index >= 0)
        {
            _items[index] = new KeyValuePair<string, string?>(_items[index].Key, value);
        }
        else
        {
            _items.Add(new KeyValuePair<string, string?>(key, value));
        }

        Version++;
    }

    /// <summary>Appends a parameter without looking for an existing one (used by the parsers to keep duplicates).</summary>
    internal void Append(string key, string? value)
    {
        _items.Add(new KeyValuePair<string, string?>(key, value));
        Version++;
    }

    /// <summary>Removes every parameter.</summary>
    public void Clear()
    {
        _items.Clear();
        Version++;
    }

    /// <summary>Returns an enumerator over the parameters in order.</summary>
    /// <returns>The enumerator.</returns>
    public List<KeyValuePair<string, string?>>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<KeyValuePair<string, string?>> IEnumerable<KeyValuePair<string, string?>>.GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <summary>Formats the parameters as <c>;name=value;flag</c> (header field parameter form, values written as stored).</summary>
    /// <returns>The formatted parameters, or an empty string.</returns>
    public override string ToString()
    {
        if (_items.Count == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        AppendTo(builder);
        return builder.ToString();
    }

    /// <summary>Appends <c>;name=value</c> pairs as stored.</summary>
    internal void AppendTo(StringBuilder builder)
    {
        foreach (var (key, value) in _items)
        {
            builder.Append(';').Append(key);
            if (value is not null)
            {
                builder.Append('=').Append(value);
            }
        }
    }

    /// <summary>Copies every parameter into <paramref name="target"/>.</summary>
    internal void CopyTo(SipParameters target)
    {
        foreach (var (key, value) in _items)
        {
            target.Append(key, value);
        }
    }

    /// <summary>
    /// Parses header field parameters (<c>*( SEMI generic-param )</c>, LWS allowed around ";" and "=") from text that
    /// starts with ';' or is empty/whitespace. When <paramref name="target"/> is null the text is only checked (no allocation).
    /// With <paramref name="viaRules"/> the via-params constraints apply as well: ttl 0-255, rport empty or a port, and
    /// branch, received and maddr with a value (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.42"/>).
    /// </summary>
    internal static bool TryParseHeaderParameters(ReadOnlySpan<char> text, SipParameters? target, bool viaRules = false)
    {
        text = SipGrammar.TrimLws(text);
        while (!text.IsEmpty)
        {
            if (text[0] != ';')
            {
                return false;
            }

            text = SipGrammar.TrimLws(text[1..]);
            var end = SipGrammar.IndexOfUnquoted(text, ';');
            var item = end < 0 ? text : text[..end];
            text = end < 0 ? [] : text[end..];

            var equals = item.IndexOf('=');
            var name = SipGrammar.TrimLws(equals < 0 ? item : item[..equals]);
            if (!SipGrammar.IsToken(name))
            {
                return false;
            }

            var raw = equals < 0 ? default : SipGrammar.TrimLws(item[(equals + 1)..]);
            if (equals >= 0 && !IsGenericValue(raw))
            {
                return false;
            }

            if (viaRules && !IsValidViaParameter(name, equals >= 0, raw))
            {
                return false;
            }

            target?.Append(name.ToString(), equals >= 0 ? raw.ToString() : null);
        }

        return true;
    }

    private static bool IsValidViaParameter(ReadOnlySpan<char> name, bool hasValue, ReadOnlySpan<char> value)
    {
        if (name.Equals("ttl", StringComparison.OrdinalIgnoreCase))
        {
            return hasValue && SipGrammar.TryParseDigits(value, out var ttl) && ttl <= 255;
        }

        if (name.Equals("rport", StringComparison.OrdinalIgnoreCase))
        {
            return !hasValue || (SipGrammar.TryParseDigits(value, out var rport) && rport <= 65535);
        }

        if (name.Equals("branch", StringComparison.OrdinalIgnoreCase) || name.Equals("received", StringComparison.OrdinalIgnoreCase)
            || name.Equals("maddr", StringComparison.OrdinalIgnoreCase))
        {
            return hasValue && !value.IsEmpty;
        }

        return true;
    }

    /// <summary>gen-value = token / host / quoted-string.</summary>
    private static bool IsGenericValue(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return false;
        }

        if (value[0] == '"')
        {
            return SipGrammar.QuotedStringLength(value) == value.Length;
        }

        if (value[0] == '[')
        {
            return value[^1] == ']' && !value[1..^1].ContainsAnyExcept("0123456789abcdefABCDEF:.");
        }

        return SipGrammar.IsToken(value);
    }

    private int IndexOf(string key)
    {
        for (var i = 0; i < _items.Count; i++)
        {
            if (string.Equals(_items[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
