using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Softswitch.Sip;

/// <summary>A SIP response (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-7.2"/>).</summary>
public sealed class SipResponse : SipMessage
{
    /// <summary>Creates a response with no header fields.</summary>
    /// <param name="statusCode">The status code, 100 to 699.</param>
    /// <param name="reasonPhrase">The reason phrase; <see langword="null"/> for the default of <see cref="SipStatus.ReasonPhrase"/>.</param>
    public SipResponse(int statusCode, string? reasonPhrase = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        if (reasonPhrase is not null && reasonPhrase.AsSpan().ContainsAny('\r', '\n'))
        {
            throw new ArgumentException("A reason phrase must not contain CR or LF.", nameof(reasonPhrase));
        }

        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase ?? SipStatus.ReasonPhrase(statusCode);
    }

    internal SipResponse(int statusCode, string reasonPhrase, SipHeaderCollection headers)
        : base(headers)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
    }

    /// <summary>Gets the status code.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the reason phrase.</summary>
    public string ReasonPhrase { get; }

    /// <summary>Gets whether this is a provisional (1xx) response.</summary>
    public bool IsProvisional => StatusCode < 200;

    /// <summary>Gets whether this is a success (2xx) response.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>
    /// Builds a response to <paramref name="request"/> as a UAS does (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6"/>):
    /// copies every Via line in order and the first From, To, Call-ID and CSeq; adds a To tag when To has none and the status is above 100
    /// (<paramref name="toTag"/>, or a random one); copies Timestamp into a 100 (§8.2.6.1) and, when
    /// <paramref name="copyRecordRoute"/> is set, Record-Route (§12.1.1).
    /// </summary>
    /// <param name="request">The request being answered.</param>
    /// <param name="statusCode">The status code.</param>
    /// <param name="toTag">The To tag to add when the request's To has none.</param>
    /// <param name="reasonPhrase">The reason phrase, or <see langword="null"/> for the default.</param>
    /// <param name="copyRecordRoute">Whether to copy Record-Route (18x/2xx to dialog-creating requests).</param>
    /// <returns>The response.</returns>
    public static SipResponse CreateFor(SipRequest request, int statusCode, string? toTag = null, string? reasonPhrase = null, bool copyRecordRoute = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = new SipResponse(statusCode, reasonPhrase);
        var headers = response.Headers;
        foreach (var header in request.Headers)
        {
            var name = header.Name;
            if (name == SipHeaderNames.Via || (copyRecordRoute && name == SipHeaderNames.RecordRoute)
                || (statusCode == 100 && name == SipHeaderNames.Timestamp))
            {
                headers.AddCanonical(name, header.Value);
            }
            else if ((name == SipHeaderNames.From || name == SipHeaderNames.CallId || name == SipHeaderNames.CSeq) && !headers.Contains(name))
            {
                headers.AddCanonical(name, header.Value);
            }
            else if (name == SipHeaderNames.To && !headers.Contains(SipHeaderNames.To))
            {
                headers.AddCanonical(name, WithTag(header.Value, statusCode, toTag));
            }
        }

        return response;
    }

    /// <inheritdoc/>
    public override string ToString() => Version + " " + StatusCode.ToString(CultureInfo.InvariantCulture) + " " + ReasonPhrase;

    private static string WithTag(string to, int statusCode, string? toTag)
    {
        if (statusCode == 100 || !SipNameAddress.TryParse(to, out var address) || address.Tag is not null)
        {
            return to;
        }

        // Appending keeps the request's To byte for byte: ";tag=" is a header parameter in both name-addr and addr-spec forms.
        return to + ";tag=" + (toTag ?? NewTag());
    }

    private static string NewTag()
    {
        Span<byte> random = stackalloc byte[6];
        RandomNumberGenerator.Fill(random);
        return Convert.ToHexStringLower(random);
    }

    private protected override int GetStartLineLength() => Version.Length + 5 + Encoding.UTF8.GetByteCount(ReasonPhrase) + 2;

    private protected override int WriteStartLine(Span<byte> destination)
    {
        var written = WriteVersion(destination);
        destination[written++] = (byte)' ';
        StatusCode.TryFormat(destination[written..], out var digits, default, CultureInfo.InvariantCulture);
        written += digits;
        destination[written++] = (byte)' ';
        written += Encoding.UTF8.GetBytes(ReasonPhrase, destination[written..]);
        destination[written++] = (byte)'\r';
        destination[written++] = (byte)'\n';
        return written;
    }
}
