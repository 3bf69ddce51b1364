using System.Net;
using System.Text;
using Softswitch.Gateway.Transports;
using Softswitch.Sip;

namespace Softswitch.Gateway.Tests.Transactions;

/// <summary>Hand-written SIP messages for transaction tests, parsed with our own parser.</summary>
internal static class TestMessages
{
    public static readonly IPEndPoint PeerEndPoint = new(IPAddress.Parse("192.0.2.10"), 5070);
    public static readonly IPEndPoint LocalEndPoint = new(IPAddress.Loopback, 5060);

    public static string RequestText(string method, string branch = "z9hG4bKpeer1", string sentBy = "192.0.2.10:5070", int cseq = 1,
        string? toTag = null, string callId = "call-1@test", string? cseqMethod = null, string transport = "UDP") =>
        $"{method} sip:agent@127.0.0.1 SIP/2.0\r\n" +
        $"Via: SIP/2.0/{transport} {sentBy};branch={branch}\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:caller@192.0.2.10>;tag=from1\r\n" +
        (toTag is null ? "To: <sip:agent@127.0.0.1>\r\n" : $"To: <sip:agent@127.0.0.1>;tag={toTag}\r\n") +
        $"Call-ID: {callId}\r\n" +
        $"CSeq: {cseq} {cseqMethod ?? method}\r\n" +
        "Contact: <sip:caller@192.0.2.10:5070>\r\n" +
        "Content-Length: 0\r\n\r\n";

    public static SipRequest Request(string method, string branch = "z9hG4bKpeer1", string sentBy = "192.0.2.10:5070", int cseq = 1,
        string? toTag = null, string callId = "call-1@test", string? cseqMethod = null, string transport = "UDP") =>
        (SipRequest)Parse(RequestText(method, branch, sentBy, cseq, toTag, callId, cseqMethod, transport));

    public static SipMessage Parse(string text)
    {
        var status = SipParser.TryParse(Encoding.UTF8.GetBytes(text), isStream: false, out var message, out _, out var reason, out _);
        if (status != SipParseStatus.Complete)
        {
            throw new InvalidOperationException($"test message does not parse: {status} {reason}\n{text}");
        }

        return message!;
    }

    /// <summary>A request for our client transactions to send (no Via: the layer adds it).</summary>
    public static SipRequest Outgoing(string method, string callId = "out-1@test", int cseq = 1)
    {
        var request = new SipRequest(method, SipUri.Parse("sip:peer@192.0.2.10:5070"));
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        request.Headers.Add(SipHeaderNames.From, "<sip:gateway@127.0.0.1>;tag=ours1");
        request.Headers.Add(SipHeaderNames.To, "<sip:peer@192.0.2.10>");
        request.Headers.Add(SipHeaderNames.CallId, callId);
        request.Headers.Add(SipHeaderNames.CSeq, $"{cseq} {method}");
        request.Headers.Add(SipHeaderNames.Route, "<sip:proxy.example;lr>");
        return request;
    }

    /// <summary>A response from the peer to one of our requests, re-parsed so it looks like it came off the wire.</summary>
    public static SipResponse ResponseTo(SipRequest request, int status, string? toTag = "peer-tag")
    {
        var response = SipResponse.CreateFor(request, status, toTag);
        return (SipResponse)Parse(Encoding.UTF8.GetString(response.ToBytes()));
    }

    public static SipInbound Inbound(SipMessage message, SipTransportKind transport = SipTransportKind.Udp) =>
        new(message, new SipEndPoint(transport, PeerEndPoint), new SipEndPoint(transport, LocalEndPoint), transport == SipTransportKind.Udp ? 0 : 1);
}
