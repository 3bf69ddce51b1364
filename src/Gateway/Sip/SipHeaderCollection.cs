using System.Collections;

namespace Softswitch.Sip;

/// <summary>
/// The header fields of a message, in order (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-7.3"/>).
/// Names are canonicalised on the way in (<see cref="SipHeaderNames.Canonicalize(string)"/>) and matched case-insensitively.
/// </summary>
public sealed class SipHeaderCollection : IEnumerable<SipHeader>
{
    private readonly List<SipHeader> _headers;

    /// <summary>Creates an empty collection.</summary>
    public SipHeaderCollection()
    {
        _headers = [];
    }

    internal SipHeaderCollection(int capacity)
    {
        _headers = new List<SipHeader>(capacity);
    }

    /// <summary>Gets the number of header field lines.</summary>
    public int Count => _headers.Count;

    /// <summary>Incremented on every change; lets <see cref="SipMessage"/> invalidate its parsed views.</summary>
    internal int Version { get; private set; }

    /// <summary>Gets the value of the first line named <paramref name="name"/>, or <see langword="null"/>.</summary>
    /// <param name="name">A header name in any case or its compact form.</param>
    public string? this[string name]
    {
        get
        {
            var index = IndexOf(SipHeaderNames.Canonicalize(name), 0);
            return index < 0 ? null : _headers[index].Value;
        }
    }

    /// <summary>Gets the header line at <paramref name="index"/>.</summary>
    internal SipHeader GetAt(int index) => _headers[index];

    /// <summary>Returns the value of every line named <paramref name="name"/>, in order.</summary>
    /// <param name="name">A header name in any case or its compact form.</param>
    /// <returns>The line values.</returns>
    public IEnumerable<string> GetAll(string name)
    {
        var canonical = SipHeaderNames.Canonicalize(name);
        var result = new List<string>();
        foreach (var header in _headers)
        {
            if (NameEquals(header.Name, canonical))
            {
                result.Add(header.Value);
            }
        }

        return result;
    }

    /// <summary>
    /// Returns every comma-separated element of every line named <paramref name="name"/>, in order, split outside quoted
    /// strings and angle brackets and trimmed (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1"/>).
    /// Not meaningful for headers whose values contain bare commas (WWW-Authenticate, Authorization, Date).
    /// </summary>
    /// <param name="name">A header name in any case or its compact form.</param>
    /// <returns>The elements; empty elements are skipped.</returns>
    public IReadOnlyList<string> GetValues(string name)
    {
        var canonical = SipHeaderNames.Canonicalize(name);
        var result = new List<string>();
        foreach (var header in _headers)
        {
            if (NameEquals(header.Name, canonical))
            {
                SplitInto(header.Value, result);
            }
        }

        return result;
    }

    /// <summary>Returns whether a line named <paramref name="name"/> is present.</summary>
    /// <param name="name">A header name in any case or its compact form.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Contains(string name) => IndexOf(SipHeaderNames.Canonicalize(name), 0) >= 0;

    /// <summary>Appends a header line.</summary>
    /// <param name="name">The header name (canonicalised).</param>
    /// <param name="value">The value.</param>
    public void Add(string name, string value)
    {
        _headers.Add(Create(name, value));
        Version++;
    }

    /// <summary>Appends an already canonical header without checks (parser use).</summary>
    internal void AddCanonical(string name, string value)
    {
        _headers.Add(new SipHeader(name, value));
        Version++;
    }

    /// <summary>Replaces every line named <paramref name="name"/> with one line, kept at the position of the first.</summary>
    /// <param name="name">The header name (canonicalised).</param>
    /// <param name="value">The value.</param>
    public void Set(string name, string value)
    {
        var header = Create(name, value);
        var index = IndexOf(header.Name, 0);
        if (index < 0)
        {
            _headers.Add(header);
        }
        else
        {
            _headers[index] = header;
            var next = index + 1;
            while ((next = IndexOf(header.Name, next)) >= 0)
            {
                _headers.RemoveAt(next);
            }
        }

        Version++;
    }

    /// <summary>Inserts a header line at <paramref name="index"/>.</summary>
    /// <param name="index">The position among all lines.</param>
    /// <param name="name">The header name (canonicalised).</param>
    /// <param name="value">The value.</param>
    public void Insert(int index, string name, string value)
    {
        _headers.Insert(index, Create(name, value));
        Version++;
    }

    /// <summary>Inserts a header line before every other line (a new top Via, for example).</summary>
    /// <param name="name">The header name (canonicalised).</param>
    /// <param name="value">The value.</param>
    public void InsertFirst(string name, string value) => Insert(0, name, value);

    /// <summary>Removes every line named <paramref name="name"/>.</summary>
    /// <param name="name">A header name in any case or its compact form.</param>
    /// <returns>The number of lines removed.</returns>
    public int Remove(string name)
    {
        var canonical = SipHeaderNames.Canonicalize(name);
        var kept = 0;
        for (var i = 0; i < _headers.Count; i++)
        {
            var header = _headers[i];
            if (!NameEquals(header.Name, canonical))
            {
                _headers[kept++] = header;
            }
        }

        var removed = _headers.Count - kept;
        if (removed > 0)
        {
            _headers.RemoveRange(kept, removed);
        }

        if (removed > 0)
        {
            Version++;
        }

        return removed;
    }

    /// <summary>Returns a copy of the collection.</summary>
    /// <returns>The copy.</returns>
    public SipHeaderCollection Clone()
    {
        var copy = new SipHeaderCollection(_headers.Count);
        copy._headers.AddRange(_headers);
        return copy;
    }

    /// <summary>Returns an enumerator over the lines in order.</summary>
    /// <returns>The enumerator.</returns>
    public List<SipHeader>.Enumerator GetEnumerator() => _headers.GetEnumerator();

    IEnumerator<SipHeader> IEnumerable<SipHeader>.GetEnumerator() => _headers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _headers.GetEnumerator();

    /// <summary>Counts the lines named <paramref name="canonicalName"/>.</summary>
    internal int CountOf(string canonicalName)
    {
        var count = 0;
        foreach (var header in _headers)
        {
            if (NameEquals(header.Name, canonicalName))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Splits a header value into its comma-separated elements (quote- and angle-bracket-aware).</summary>
    internal static void SplitInto(string value, List<string> result)
    {
        var span = value.AsSpan();
        while (true)
        {
            var comma = SipGrammar.IndexOfUnquoted(span, ',');
            var element = SipGrammar.TrimLws(comma < 0 ? span : span[..comma]);
            if (!element.IsEmpty)
            {
                result.Add(element.Length == value.Length ? value : element.ToString());
            }

            if (comma < 0)
            {
                return;
            }

            span = span[(comma + 1)..];
        }
    }

    private static SipHeader Create(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!SipGrammar.IsToken(name))
        {
            throw new ArgumentException("A header name must be a token.", nameof(name));
        }

        if (value.AsSpan().ContainsAny('\r', '\n'))
        {
            throw new ArgumentException("A header value must not contain CR or LF.", nameof(value));
        }

        return new SipHeader(SipHeaderNames.Canonicalize(name), value);
    }

    private static bool NameEquals(string a, string b) =>
        ReferenceEquals(a, b) || string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private int IndexOf(string canonicalName, int start)
    {
        for (var i = start; i < _headers.Count; i++)
        {
            if (NameEquals(_headers[i].Name, canonicalName))
            {
                return i;
            }
        }

        return -1;
    }
}
