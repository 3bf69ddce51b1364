using System.Text;

namespace Softswitch.Sip;

/// <summary>A SIP request (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-7.1"/>).</summary>
public sealed class SipRequest : SipMessage
{
    private SipUri? _requestUri;

    // A received Request-URI, already checked by the parser, is parsed into _requestUri on first use.
    private string? _requestUriText;

    /// <summary>Creates a request with no header fields.</summary>
    /// <param name="method">The method token, case-sensitive (see <see cref="SipMethods"/>).</param>
    /// <param name="requestUri">The Request-URI.</param>
    public SipRequest(string method, SipUri requestUri)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        if (!SipGrammar.IsToken(method))
        {
            throw new ArgumentException("A method must be a token.", nameof(method));
        }

        Method = method;
        _requestUri = requestUri ?? throw new ArgumentNullException(nameof(requestUri));
    }

    internal SipRequest(string method, SipUri requestUri, SipHeaderCollection headers)
        : base(headers)
    {
        Method = method;
        _requestUri = requestUri;
    }

    /// <summary>Creates a received request whose Request-URI, already validated, is parsed when first asked for.</summary>
    internal SipRequest(string method, string validRequestUri, SipHeaderCollection headers)
        : base(headers)
    {
        Method = method;
        _requestUriText = validRequestUri;
    }

    /// <summary>Gets the method.</summary>
    public string Method { get; }

    /// <summary>Gets or sets the Request-URI (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.1"/>).</summary>
    public SipUri RequestUri
    {
        get => _requestUri ?? ParseRequestUri();
        set
        {
            _requestUri = value ?? throw new ArgumentNullException(nameof(value));
            _requestUriText = null;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Method + " " + RequestUri + " " + Version;

    private protected override int GetStartLineLength() =>
        Encoding.UTF8.GetByteCount(Method) + 1 + Encoding.UTF8.GetByteCount(RequestUri.ToString()) + 1 + Version.Length + 2;

    private protected override int WriteStartLine(Span<byte> destination)
    {
        var written = Encoding.UTF8.GetBytes(Method, destination);
        destination[written++] = (byte)' ';
        written += Encoding.UTF8.GetBytes(RequestUri.ToString(), destination[written..]);
        destination[written++] = (byte)' ';
        written += WriteVersion(destination[written..]);
        destination[written++] = (byte)'\r';
        destination[written++] = (byte)'\n';
        return written;
    }

    private SipUri ParseRequestUri()
    {
        var uri = SipUri.TryParse(_requestUriText, out var parsed) ? parsed : new SipUri();
        _requestUri = uri;
        _requestUriText = null;
        return uri;
    }
}
