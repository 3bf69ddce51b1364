namespace Softswitch.Benchmarks.Sip;

/// <summary>A typical trunk INVITE with an SDP offer, as the gateway receives it.</summary>
internal static class SipBenchmarkMessages
{
    public const string Invite =
        "INVITE sip:+15551234567@gw.example.com;user=phone SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bK-524287-1---a8f2c3d4e5f60718;rport\r\n" +
        "Max-Forwards: 69\r\n" +
        "Record-Route: <sip:203.0.113.10;lr;ftag=as6f1c2b3d>\r\n" +
        "Contact: <sip:+15557654321@203.0.113.10:5060;transport=udp>\r\n" +
        "To: <sip:+15551234567@gw.example.com;user=phone>\r\n" +
        "From: \"Caller Name\" <sip:+15557654321@carrier.example.net;user=phone>;tag=as6f1c2b3d\r\n" +
        "Call-ID: 3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f@203.0.113.10\r\n" +
        "CSeq: 102 INVITE\r\n" +
        "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, INFO, UPDATE, PRACK\r\n" +
        "Supported: replaces, timer, 100rel\r\n" +
        "Session-Expires: 1800;refresher=uac\r\n" +
        "Min-SE: 90\r\n" +
        "User-Agent: CarrierSBC 5.2\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 238\r\n" +
        "\r\n" +
        "v=0\r\n" +
        "o=- 1716830000 1716830000 IN IP4 203.0.113.10\r\n" +
        "s=-\r\n" +
        "c=IN IP4 203.0.113.10\r\n" +
        "t=0 0\r\n" +
        "m=audio 16384 RTP/AVP 0 8 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-16\r\n" +
        "a=ptime:20\r\n" +
        "a=sendrecv\r\n";
}
