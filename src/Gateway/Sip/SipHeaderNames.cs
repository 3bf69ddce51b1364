using System.Text;

namespace Softswitch.Sip;

/// <summary>
/// Canonical header field names (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20"/>). Header names are
/// case-insensitive and several have a compact form (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-7.3.3"/>);
/// <see cref="Canonicalize(string)"/> maps either to the spelling used here.
/// </summary>
public static class SipHeaderNames
{
    /// <summary>Via, compact form <c>v</c> (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.42"/>).</summary>
    public const string Via = "Via";

    /// <summary>From, compact form <c>f</c> (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.20"/>).</summary>
    public const string From = "From";

    /// <summary>To, compact form <c>t</c> (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.39"/>).</summary>
    public const string To = "To";

    /// <summary>Call-ID, compact form <c>i</c> (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.8"/>).</summary>
    public const string CallId = "Call-ID";

    /// <summary>CSeq (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.16"/>).</summary>
    public const string CSeq = "CSeq";

    /// <summary>Contact, compact form <c>m</c> (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.10"/>).</summary>
    public const string Contact = "Contact";

    /// <summary>Max-Forwards (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.22"/>).</summary>
    public const string MaxForwards = "Max-Forwards";

    /// <summary>Content-Type, compact form <c>c</c> (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.15"/>).</summary>
    public const string ContentType = "Content-Type";

    /// <summary>Content-Length, compact form <c>l</c> (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.14"/>).</summary>
    public const string ContentLength = "Content-Length";

    /// <summary>Route (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.34"/>).</summary>
    public const string Route = "Route";

    /// <summary>Record-Route (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.30"/>).</summary>
    public const string RecordRoute = "Record-Route";

    /// <summary>Allow (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.5"/>).</summary>
    public const string Allow = "Allow";

    /// <summary>Accept (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.1"/>).</summary>
    public const string Accept = "Accept";

    /// <summary>Supported, compact form <c>k</c> (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.37"/>).</summary>
    public const string Supported = "Supported";

    /// <summary>Require (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.32"/>).</summary>
    public const string Require = "Require";

    /// <summary>Unsupported (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.40"/>).</summary>
    public const string Unsupported = "Unsupported";

    /// <summary>RSeq (<see href="https://www.rfc-editor.org/rfc/rfc3262#section-7.1"/>).</summary>
    public const string RSeq = "RSeq";

    /// <summary>RAck (<see href="https://www.rfc-editor.org/rfc/rfc3262#section-7.2"/>).</summary>
    public const string RAck = "RAck";

    /// <summary>Session-Expires, compact form <c>x</c> (<see href="https://www.rfc-editor.org/rfc/rfc4028#section-4"/>).</summary>
    public const string SessionExpires = "Session-Expires";

    /// <summary>Min-SE (<see href="https://www.rfc-editor.org/rfc/rfc4028#section-5"/>).</summary>
    public const string MinSE = "Min-SE";

    /// <summary>Retry-After (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.33"/>).</summary>
    public const string RetryAfter = "Retry-After";

    /// <summary>User-Agent (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.41"/>).</summary>
    public const string UserAgent = "User-Agent";

    /// <summary>Server (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.35"/>).</summary>
    public const string Server = "Server";

    /// <summary>Proxy-Require (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.29"/>).</summary>
    public const string ProxyRequire = "Proxy-Require";

    /// <summary>Content-Disposition (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.11"/>).</summary>
    public const string ContentDisposition = "Content-Disposition";

    /// <summary>Event, compact form <c>o</c> (<see href="https://www.rfc-editor.org/rfc/rfc6665#section-8.2.1"/>).</summary>
    public const string Event = "Event";

    /// <summary>Refer-To, compact form <c>r</c> (<see href="https://www.rfc-editor.org/rfc/rfc3515#section-2.1"/>).</summary>
    public const string ReferTo = "Refer-To";

    /// <summary>Referred-By, compact form <c>b</c> (<see href="https://www.rfc-editor.org/rfc/rfc3892"/>).</summary>
    public const string ReferredBy = "Referred-By";

    /// <summary>Authorization (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.7"/>).</summary>
    public const string Authorization = "Authorization";

    /// <summary>WWW-Authenticate (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.44"/>).</summary>
    public const string WwwAuthenticate = "WWW-Authenticate";

    /// <summary>Proxy-Authenticate (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.27"/>).</summary>
    public const string ProxyAuthenticate = "Proxy-Authenticate";

    /// <summary>Proxy-Authorization (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.28"/>).</summary>
    public const string ProxyAuthorization = "Proxy-Authorization";

    /// <summary>Expires (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.19"/>).</summary>
    public const string Expires = "Expires";

    /// <summary>Timestamp (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.38"/>).</summary>
    public const string Timestamp = "Timestamp";

    /// <summary>Accept-Encoding (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.2"/>).</summary>
    public const string AcceptEncoding = "Accept-Encoding";

    /// <summary>Accept-Language (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.3"/>).</summary>
    public const string AcceptLanguage = "Accept-Language";

    /// <summary>Subject, compact form <c>s</c> (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.36"/>).</summary>
    public const string Subject = "Subject";

    /// <summary>Content-Encoding, compact form <c>e</c> (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.12"/>).</summary>
    public const string ContentEncoding = "Content-Encoding";

    /// <summary>Allow-Events, compact form <c>u</c> (<see href="https://www.rfc-editor.org/rfc/rfc6665#section-8.2.2"/>).</summary>
    public const string AllowEvents = "Allow-Events";

    /// <summary>Date (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.17"/>).</summary>
    public const string Date = "Date";

    /// <summary>Warning (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.43"/>).</summary>
    public const string Warning = "Warning";

    /// <summary>Reason (<see href="https://www.rfc-editor.org/rfc/rfc3326"/>).</summary>
    public const string Reason = "Reason";

    /// <summary>Min-Expires (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.23"/>).</summary>
    public const string MinExpires = "Min-Expires";

    /// <summary>Subscription-State (<see href="https://www.rfc-editor.org/rfc/rfc6665#section-8.2.3"/>).</summary>
    public const string SubscriptionState = "Subscription-State";

    /// <summary>Content-Language (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.13"/>).</summary>
    public const string ContentLanguage = "Content-Language";

    /// <summary>MIME-Version (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.24"/>).</summary>
    public const string MimeVersion = "MIME-Version";

    /// <summary>Authentication-Info (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.6"/>).</summary>
    public const string AuthenticationInfo = "Authentication-Info";

    /// <summary>Accept-Contact, compact form <c>a</c> (<see href="https://www.rfc-editor.org/rfc/rfc3841"/>).</summary>
    public const string AcceptContact = "Accept-Contact";

    /// <summary>Reject-Contact, compact form <c>j</c> (<see href="https://www.rfc-editor.org/rfc/rfc3841"/>).</summary>
    public const string RejectContact = "Reject-Contact";

    /// <summary>Request-Disposition, compact form <c>d</c> (<see href="https://www.rfc-editor.org/rfc/rfc3841"/>).</summary>
    public const string RequestDisposition = "Request-Disposition";

    /// <summary>Identity, compact form <c>y</c> (<see href="https://www.rfc-editor.org/rfc/rfc8224"/>).</summary>
    public const string Identity = "Identity";

    /// <summary>P-Asserted-Identity (<see href="https://www.rfc-editor.org/rfc/rfc3325"/>).</summary>
    public const string PAssertedIdentity = "P-Asserted-Identity";

    /// <summary>Privacy (<see href="https://www.rfc-editor.org/rfc/rfc3323"/>).</summary>
    public const string Privacy = "Privacy";

    /// <summary>Organization (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.25"/>).</summary>
    public const string Organization = "Organization";

    /// <summary>Priority (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.26"/>).</summary>
    public const string Priority = "Priority";

    /// <summary>Path (<see href="https://www.rfc-editor.org/rfc/rfc3327"/>).</summary>
    public const string Path = "Path";

    private static readonly string[] s_known =
    [
        Via, From, To, CallId, CSeq, Contact, MaxForwards, ContentType, ContentLength, Route, RecordRoute, Allow, Accept,
        Supported, Require, Unsupported, RSeq, RAck, SessionExpires, MinSE, RetryAfter, UserAgent, Server, ProxyRequire,
        ContentDisposition, Event, ReferTo, ReferredBy, Authorization, WwwAuthenticate, ProxyAuthenticate, ProxyAuthorization,
        Expires, Timestamp, AcceptEncoding, AcceptLanguage, Subject, ContentEncoding, AllowEvents, Date, Warning, Reason,
        MinExpires, SubscriptionState, ContentLanguage, MimeVersion, AuthenticationInfo, AcceptContact, RejectContact,
        RequestDisposition, Identity, PAssertedIdentity, Privacy, Organization, Priority, Path,
    ];

    private static readonly string[][] s_byLength = BuildByLength();

    /// <summary>
    /// Maps a compact form (<c>i, m, e, l, c, f, s, k, t, v, o, r, b, x, u, a, j, d, y</c>) or any casing of a known name
    /// to its canonical spelling; unknown names are returned as given.
    /// </summary>
    /// <param name="name">A header field name as received or typed.</param>
    /// <returns>The canonical name.</returns>
    public static string Canonicalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryGetCanonical(name.AsSpan(), out var canonical) ? canonical : name;
    }

    /// <summary>Looks up a header name given as UTF-16 text without allocating.</summary>
    internal static bool TryGetCanonical(ReadOnlySpan<char> name, out string canonical)
    {
        if (name.Length == 1)
        {
            return TryGetCompact(name[0], out canonical);
        }

        if ((uint)name.Length < (uint)s_byLength.Length)
        {
            foreach (var candidate in s_byLength[name.Length])
            {
                if (name.Equals(candidate, StringComparison.OrdinalIgnoreCase))
                {
                    canonical = candidate;
                    return true;
                }
            }
        }

        canonical = string.Empty;
        return false;
    }

    /// <summary>Looks up a header name given as ASCII bytes without allocating.</summary>
    internal static bool TryGetCanonical(ReadOnlySpan<byte> name, out string canonical)
    {
        if (name.Length == 1)
        {
            return TryGetCompact((char)name[0], out canonical);
        }

        if ((uint)name.Length < (uint)s_byLength.Length)
        {
            foreach (var candidate in s_byLength[name.Length])
            {
                if (Ascii.EqualsIgnoreCase(name, candidate))
                {
                    canonical = candidate;
                    return true;
                }
            }
        }

        canonical = string.Empty;
        return false;
    }

    private static bool TryGetCompact(char c, out string canonical)
    {
        canonical = (char)(c | 0x20) switch
        {
            'i' => CallId,
            'm' => Contact,
            'e' => ContentEncoding,
            'l' => ContentLength,
            'c' => ContentType,
            'f' => From,
            's' => Subject,
            'k' => Supported,
            't' => To,
            'v' => Via,
            'o' => Event,
            'r' => ReferTo,
            'b' => ReferredBy,
            'x' => SessionExpires,
            'u' => AllowEvents,
            'a' => AcceptContact,
            'j' => RejectContact,
            'd' => RequestDisposition,
            'y' => Identity,
            _ => string.Empty,
        };
        return canonical.Length != 0;
    }

    private static string[][] BuildByLength()
    {
        var max = 0;
        foreach (var name in s_known)
        {
            max = Math.Max(max, name.Length);
        }

        var buckets = new List<string>[max + 1];
        for (var i = 0; i < buckets.Length; i++)
        {
            buckets[i] = [];
        }

        foreach (var name in s_known)
        {
            buckets[name.Length].Add(name);
        }

        var result = new string[max + 1][];
        for (var i = 0; i < buckets.Length; i++)
        {
            result[i] = [.. buckets[i]];
        }

        return result;
    }
}
