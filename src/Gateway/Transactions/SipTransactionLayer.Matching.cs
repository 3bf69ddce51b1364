using System.Globalization;
using Softswitch.Gateway.Transports;
using Softswitch.Sip;

namespace Softswitch.Gateway.Transactions;

/// <summary>Transaction keys (§17.1.3, §17.2.3) and the top Via of outgoing requests (§8.1.1.7, §18.1.1).</summary>
public sealed partial class SipTransactionLayer
{
    /// <summary>
    /// The server transaction key (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-17.2.3"/>). With an RFC 3261 branch:
    /// branch, sent-by and method, where ACK counts as INVITE (the caller passes <paramref name="method"/>). Without the magic
    /// cookie (RFC 2543): Request-URI, From tag, Call-ID, CSeq number, top Via and method; the To tag is left out so that the
    /// ACK (which carries the tag of our response) matches its INVITE.
    /// </summary>
    internal static string ServerKey(SipRequest request, string method)
    {
        var via = request.TopVia;
        if (via.IsRfc3261Branch)
        {
            return via.Port is { } port
                ? string.Concat(via.Branch, "|", via.Host, ":", port.ToString(CultureInfo.InvariantCulture), "|", method)
                : string.Concat(via.Branch, "|", via.Host, "|", method);
        }

        var cseq = request.CSeq.Number.ToString(CultureInfo.InvariantCulture);
        var sentBy = via.Port is { } p ? string.Concat(via.Host, ":", p.ToString(CultureInfo.InvariantCulture)) : via.Host;
        return string.Join('|', "2543", request.RequestUri.ToString(), request.From.Tag, request.CallId, cseq, sentBy, via.Branch, method);
    }

    /// <summary>
    /// Writes the same key as <see cref="ServerKey(SipRequest, string)"/> into <paramref name="buffer"/> for lookups that allocate nothing; falls back
    /// to the string (returned in <paramref name="key"/>) for RFC 2543 requests and keys that do not fit.
    /// </summary>
    internal static ReadOnlySpan<char> ServerKey(SipRequest request, string method, Span<char> buffer, out string? key)
    {
        var via = request.TopVia;
        var branch = via.Branch;
        if (via.IsRfc3261Branch && branch is not null)
        {
            var written = 0;
            if (Append(buffer, ref written, branch) && Append(buffer, ref written, "|") && Append(buffer, ref written, via.Host)
                && (via.Port is not { } port || (Append(buffer, ref written, ":") && AppendNumber(buffer, ref written, port)))
                && Append(buffer, ref written, "|") && Append(buffer, ref written, method))
            {
                key = null;
                return buffer[..written];
            }
        }

        key = ServerKey(request, method);
        return key;
    }

    /// <summary>Writes the same key as <see cref="ClientKey(string, string)"/>; false when it does not fit.</summary>
    internal static bool TryWriteClientKey(string branch, string method, Span<char> buffer, out int written)
    {
        written = 0;
        return Append(buffer, ref written, branch) && Append(buffer, ref written, "|") && Append(buffer, ref written, method);
    }

    private static bool Append(Span<char> buffer, ref int written, string text)
    {
        if (!text.AsSpan().TryCopyTo(buffer[written..]))
        {
            return false;
        }

        written += text.Length;
        return true;
    }

    private static bool AppendNumber(Span<char> buffer, ref int written, int value)
    {
        if (!value.TryFormat(buffer[written..], out var digits, default, CultureInfo.InvariantCulture))
        {
            return false;
        }

        written += digits;
        return true;
    }

    /// <summary>The client transaction key (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-17.1.3"/>): branch and CSeq method.</summary>
    internal static string ClientKey(string branch, string method) => string.Concat(branch, "|", method);

    /// <summary>Adds our top Via unless the caller wrote one (also for requests sent without a transaction: the ACK for a 2xx); returns the branch.</summary>
    internal string EnsureTopVia(SipRequest request, SipTransportKind transport)
    {
        if (request.Headers.Contains(SipHeaderNames.Via))
        {
            var top = request.TopVia;
            if (top.IsRfc3261Branch)
            {
                return top.Branch!;
            }

            top.Branch = NewBranch();
            SipTransportLayer.ReplaceTopVia(request, top);
            return top.Branch;
        }

        var (host, port) = Sender.GetSentBy(transport);
        var branch = NewBranch();
        var via = new SipVia(TransportToken(transport), host, port, branch);
        via.SetRportRequested();
        request.Headers.InsertFirst(SipHeaderNames.Via, via.ToString());
        return branch;
    }

    private static string TransportToken(SipTransportKind transport) => transport switch
    {
        SipTransportKind.Udp => "UDP",
        SipTransportKind.Tcp => "TCP",
        _ => "TLS",
    };
}
