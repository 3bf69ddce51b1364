using System.Net;
using System.Net.Sockets;
using System.Text;
using Softswitch.Sip;

namespace Softswitch.Gateway.Tests.Calls;

/// <summary>
/// A scripted SIP peer on a loopback UDP socket bound to port 0 (STYLE.md §10): sends hand-written messages and reads what the
/// gateway answers, parsed with our own parser. Every wait is bounded.
/// </summary>
public sealed class SipTestPeer : IDisposable
{
    private readonly Socket _socket;
    private readonly IPEndPoint _gateway;
    private readonly byte[] _buffer = new byte[65536];
    private int _cseq = 1;

    public SipTestPeer(IPEndPoint gateway)
    {
        _gateway = gateway;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        CallId = Guid.NewGuid().ToString("N") + "@test";
        FromTag = Guid.NewGuid().ToString("N")[..10];
    }

    public IPEndPoint LocalEndPoint { get; }

    public string CallId { get; set; }

    public string FromTag { get; set; }

    /// <summary>The gateway's To tag, learnt from its first response that carries one.</summary>
    public string? RemoteTag { get; private set; }

    public int NextCSeq() => _cseq++;

    public static string NewBranch() => "z9hG4bK" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Builds a request from the dialog's identifiers; extra headers are lines without CRLF.</summary>
    public string Request(string method, int cseq, string? body = null, string? branch = null, bool inDialog = false, string cseqMethod = "", string contentType = "application/sdp", params string[] extraHeaders)
    {
        var sb = new StringBuilder();
        var ruri = $"sip:agent@{_gateway.Address}:{_gateway.Port}";
        sb.Append($"{method} {ruri} SIP/2.0\r\n");
        sb.Append($"Via: SIP/2.0/UDP {LocalEndPoint.Address}:{LocalEndPoint.Port};branch={branch ?? NewBranch()};rport\r\n");
        sb.Append("Max-Forwards: 70\r\n");
        sb.Append($"From: \"Tester\" <sip:caller@{LocalEndPoint.Address}:{LocalEndPoint.Port}>;tag={FromTag}\r\n");
        sb.Append(inDialog && RemoteTag is not null ? $"To: <sip:agent@{_gateway.Address}>;tag={RemoteTag}\r\n" : $"To: <sip:agent@{_gateway.Address}>\r\n");
        sb.Append($"Call-ID: {CallId}\r\n");
        sb.Append($"CSeq: {cseq} {(cseqMethod.Length > 0 ? cseqMethod : method)}\r\n");
        sb.Append($"Contact: <sip:caller@{LocalEndPoint.Address}:{LocalEndPoint.Port}>\r\n");
        foreach (var header in extraHeaders)
        {
            sb.Append(header).Append("\r\n");
        }

        if (body is not null)
        {
            sb.Append($"Content-Type: {contentType}\r\n");
            sb.Append($"Content-Length: {Encoding.ASCII.GetByteCount(body)}\r\n\r\n{body}");
        }
        else
        {
            sb.Append("Content-Length: 0\r\n\r\n");
        }

        return sb.ToString();
    }

    public static string Sdp(int rtpPort, string direction = "sendrecv", string formats = "0 8 101", string address = "127.0.0.1", int version = 1) =>
        $"v=0\r\no=tester 1 {version} IN IP4 {address}\r\ns=-\r\nc=IN IP4 {address}\r\nt=0 0\r\n" +
        $"m=audio {rtpPort} RTP/AVP {formats}\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na={direction}\r\n";

    public Task SendAsync(string message) => SendAsync(Encoding.UTF8.GetBytes(message));

    public async Task SendAsync(byte[] datagram) => await _socket.SendToAsync(datagram, SocketFlags.None, _gateway);

    /// <summary>Reads the next SIP message, or null when nothing valid arrives within <paramref name="timeout"/>.</summary>
    public async Task<SipMessage?> ReceiveAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            int received;
            try
            {
                received = await _socket.ReceiveAsync(_buffer, SocketFlags.None, cts.Token);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            if (SipParser.TryParse(_buffer.AsSpan(0, received), isStream: false, out var message, out _, out _, out _) == SipParseStatus.Complete)
            {
                if (message is SipResponse { StatusCode: > 100 } response && response.To.Tag is { } tag && response.CallId == CallId)
                {
                    RemoteTag ??= tag;
                }

                return message;
            }
        }
    }

    /// <summary>Waits for a response with <paramref name="status"/> to <paramref name="method"/>, skipping others (e.g. 100 Trying).</summary>
    public async Task<SipResponse> ExpectResponseAsync(int status, string method, double seconds = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var seen = new List<string>();
        while (DateTime.UtcNow < deadline)
        {
            var message = await ReceiveAsync(deadline - DateTime.UtcNow);
            if (message is SipResponse response && response.CSeq.Method == method)
            {
                if (response.StatusCode == status)
                {
                    return response;
                }

                seen.Add(response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (message is SipRequest request)
            {
                seen.Add(request.Method);
            }
        }

        throw new TimeoutException($"no {status} to {method} within {seconds} s; saw [{string.Join(", ", seen)}]");
    }

    /// <summary>Waits for a request with <paramref name="method"/> from the gateway.</summary>
    public async Task<SipRequest> ExpectRequestAsync(string method, double seconds = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await ReceiveAsync(deadline - DateTime.UtcNow) is SipRequest request && request.Method == method)
            {
                return request;
            }
        }

        throw new TimeoutException($"no {method} within {seconds} s");
    }

    /// <summary>Answers a request from the gateway with a bare response (echoing Via, From, To, Call-ID, CSeq).</summary>
    public Task RespondAsync(SipRequest request, int status)
    {
        var response = SipResponse.CreateFor(request, status);
        return SendAsync(response.ToBytes());
    }

    public void Dispose() => _socket.Dispose();
}
