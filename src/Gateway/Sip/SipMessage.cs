using System.Globalization;

namespace Softswitch.Sip;

/// <summary>
/// A SIP request or response (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-7"/>): start line, header
/// fields in order and an opaque body. Typed views (<see cref="Vias"/>, <see cref="From"/>, <see cref="CSeq"/>…) are
/// parsed on first use from <see cref="Headers"/> and cached until the headers change; to modify a field, set its header.
/// </summary>
public abstract partial class SipMessage
{
    private int _cacheVersion = -1;
    private SipVia[]? _vias;
    private SipNameAddress? _from;
    private SipNameAddress? _to;
    private SipNameAddress[]? _contacts;
    private SipCSeq? _cseq;

    private protected SipMessage()
    {
        Headers = new SipHeaderCollection();
    }

    private protected SipMessage(SipHeaderCollection headers)
    {
        Headers = headers;
    }

    /// <summary>Gets the header fields.</summary>
    public SipHeaderCollection Headers { get; }

    /// <summary>Gets or sets the body; Content-Length is computed from it at serialisation.</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>Gets the Call-ID (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.8"/>).</summary>
    /// <exception cref="InvalidOperationException">The message has no Call-ID.</exception>
    public string CallId => Headers[SipHeaderNames.CallId] ?? throw Missing(SipHeaderNames.CallId);

    /// <summary>Gets the CSeq (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.16"/>).</summary>
    /// <exception cref="InvalidOperationException">The message has no valid CSeq.</exception>
    public SipCSeq CSeq
    {
        get
        {
            Refresh();
            if (_cseq is null)
            {
                if (!SipCSeq.TryParse(Headers[SipHeaderNames.CSeq], out var cseq))
                {
                    throw Missing(SipHeaderNames.CSeq);
                }

                _cseq = cseq;
            }

            return _cseq.Value;
        }
    }

    /// <summary>Gets the From address (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.20"/>).</summary>
    /// <exception cref="InvalidOperationException">The message has no valid From.</exception>
    public SipNameAddress From
    {
        get
        {
            Refresh();
            return _from ??= SipNameAddress.TryParse(Headers[SipHeaderNames.From], out var from) ? from : throw Missing(SipHeaderNames.From);
        }
    }

    /// <summary>Gets the To address (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.39"/>).</summary>
    /// <exception cref="InvalidOperationException">The message has no valid To.</exception>
    public SipNameAddress To
    {
        get
        {
            Refresh();
            return _to ??= SipNameAddress.TryParse(Headers[SipHeaderNames.To], out var to) ? to : throw Missing(SipHeaderNames.To);
        }
    }

    /// <summary>Gets every Via value, top first, from all Via lines (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.42"/>).</summary>
    /// <exception cref="InvalidOperationException">A Via value is malformed.</exception>
    public IReadOnlyList<SipVia> Vias
    {
        get
        {
            Refresh();
            if (_vias is null)
            {
                var values = Headers.GetValues(SipHeaderNames.Via);
                var vias = new SipVia[values.Count];
                for (var i = 0; i < vias.Length; i++)
                {
                    vias[i] = SipVia.TryParse(values[i], out var via) ? via : throw Missing(SipHeaderNames.Via);
                }

                _vias = vias;
            }

            return _vias;
        }
    }

    /// <summary>Gets the top Via.</summary>
    /// <exception cref="InvalidOperationException">The message has no Via.</exception>
    public SipVia TopVia => Vias.Count > 0 ? Vias[0] : throw Missing(SipHeaderNames.Via);

    /// <summary>Gets Max-Forwards (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.22"/>), or <see langword="null"/> when absent or malformed.</summary>
    public int? MaxForwards =>
        int.TryParse(Headers[SipHeaderNames.MaxForwards], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Gets the Content-Type header value, or <see langword="null"/>.</summary>
    public string? ContentType => Headers[SipHeaderNames.ContentType];

    /// <summary>Gets every Contact value from all Contact lines (malformed values are skipped).</summary>
    public IReadOnlyList<SipNameAddress> Contacts
    {
        get
        {
            Refresh();
            if (_contacts is null)
            {
                var values = Headers.GetValues(SipHeaderNames.Contact);
                var contacts = new List<SipNameAddress>(values.Count);
                foreach (var value in values)
                {
                    if (SipNameAddress.TryParse(value, out var contact))
                    {
                        contacts.Add(contact);
                    }
                }

                _contacts = [.. contacts];
            }

            return _contacts;
        }
    }

    /// <summary>
    /// Returns whether the option-tag list in <paramref name="header"/> (Require, Supported, Proxy-Require, Unsupported)
    /// contains <paramref name="tag"/>, case-insensitively (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-19.2"/>).
    /// </summary>
    /// <param name="header">The header name.</param>
    /// <param name="tag">The option tag, e.g. "100rel".</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool HasOptionTag(string header, string tag)
    {
        foreach (var value in Headers.GetValues(header))
        {
            if (string.Equals(value, tag, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private void Refresh()
    {
        if (_cacheVersion != Headers.Version)
        {
            _vias = null;
            _from = null;
            _to = null;
            _contacts = null;
            _cseq = null;
            _cacheVersion = Headers.Version;
        }
    }

    private static InvalidOperationException Missing(string header) =>
        new($"The message has no valid {header} header field.");
}
