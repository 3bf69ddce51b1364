using System.Net;
using System.Net.Sockets;
using System.Text;
using Shouldly;
using Softswitch.Interop.Tests.Infrastructure;
using Softswitch.Sip;
using Xunit;

namespace Softswitch.Interop.Tests.Gateway;

/// <summary>
/// A stream of malformed and hostile messages over UDP and TCP while sipp places calls: answerable garbage gets 400 (naming the
/// problem), the rest is dropped, and every call still succeeds.
/// </summary>
[Trait("Category", "Interop")]
public sealed class GatewayHostileInputTests
{
    private static string Request(string method, string headers, string body = "", string? contentLength = null) =>
        $"{method} sip:agent@127.0.0.1 SIP/2.0\r\n{headers}Content-Length: {contentLength ?? Encoding.ASCII.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture)}\r\n\r\n{body}";

    private static int s_port;

    // rport: answers come back to our socket whatever the sent-by port (RFC 3581).
    private static string Via(int n) => $"Via: SIP/2.0/UDP 127.0.0.1:{s_port};branch=z9hG4bKhostile{n};rport\r\n";

    private static string Common(int n) =>
        Via(n) + $"From: <sip:x@127.0.0.1>;tag=h{n}\r\nTo: <sip:agent@127.0.0.1>\r\nCall-ID: hostile-{n}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n";

    /// <summary>Each entry: the datagram, and the status we must get (0 = must be dropped, no answer).</summary>
    private static IEnumerable<(byte[] Datagram, int Status)> Corpus()
    {
        var random = new Random(1234);
        for (var i = 0; i < 20; i++)
        {
            var junk = new byte[random.Next(1, 1500)];
            random.NextBytes(junk);
            yield return (junk, 0);
        }

        yield return (Encoding.ASCII.GetBytes("OPTIONS sip:agent@127.0.0.1 SIP/2.0\r\n\r\n"), 0); // no headers to answer with
        yield return (Encoding.ASCII.GetBytes(Request("OPTIONS", Common(1), "", "500")), 400); // Content-Length beyond the datagram
        yield return (Encoding.ASCII.GetBytes(Request("OPTIONS", Common(2), "", "-3")), 400); // negative Content-Length
        yield return (Encoding.ASCII.GetBytes(Request("OPTIONS", Common(3).Replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE", StringComparison.Ordinal))), 400); // CSeq method mismatch
        yield return (Encoding.ASCII.GetBytes(Request("OPTIONS", Common(4) + "This line has no colon\r\n")), 400);
        yield return (Encoding.ASCII.GetBytes(Request("OPTIONS", Common(5).Replace("Call-ID: hostile-5\r\n", "", StringComparison.Ordinal))), 0); // no Call-ID: cannot answer
        // A 60 KB header is legal under the 64 KiB limit and is served; over-limit messages only fit on TCP (below).
        yield return (Encoding.ASCII.GetBytes(Request("OPTIONS", Common(6) + "X-Huge: " + new string('a', 60_000) + "\r\n")), 200);
        yield return (Encoding.ASCII.GetBytes(Request("OPTIONS", Common(7)).Replace("SIP/2.0\r\n", "SIP/7.0\r\n", StringComparison.Ordinal)), 505);
        yield return (Encoding.ASCII.GetBytes("SIP/2.0 200 OK\r\n" + Common(8) + "Content-Length: 0\r\n\r\n"), 0); // stray response
    }

    [Fact]
    public async Task HostileStream_DuringCalls_AnsweredOrDroppedAndCallsSucceed()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var directory = TestDirectory.Create(nameof(HostileStream_DuringCalls_AnsweredOrDroppedAndCallsSucceed));
        await using var gateway = await GatewayHost.StartAsync(Path.Combine(directory.Path, "data"), new Dictionary<string, string?>
        {
            ["Dialog:RingTime"] = "00:00:00",
            ["Dialog:Record"] = "false",
        });
        var target = new IPEndPoint(IPAddress.Loopback, gateway.SipPort);

        var calls = new SippRunner(directory.Path).RunAsync(
            new SippOptions { BuiltInScenario = "uac", Target = $"127.0.0.1:{gateway.SipPort}", Calls = 30, Rate = 10, ExtraArguments = ["-d", "500"] },
            cancellation.Token);

        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        s_port = ((IPEndPoint)udp.LocalEndPoint!).Port;
        var buffer = new byte[65536];
        for (var round = 0; round < 3; round++)
        {
            foreach (var (datagram, status) in Corpus())
            {
                await udp.SendToAsync(datagram, SocketFlags.None, target, cancellation.Token);
                var answer = await ReceiveAsync(udp, buffer, TimeSpan.FromMilliseconds(status == 0 ? 100 : 2000));
                if (status == 0)
                {
                    answer.ShouldBeNull("a message that cannot be answered must be dropped: " + Encoding.ASCII.GetString(datagram.AsSpan(0, Math.Min(60, datagram.Length))));
                }
                else
                {
                    answer.ShouldNotBeNull($"expected {status} for: {Encoding.ASCII.GetString(datagram.AsSpan(0, Math.Min(400, datagram.Length)))}");
                    answer.StatusCode.ShouldBe(status);
                }
            }

            await HostileTcpAsync(target, cancellation.Token);
        }

        var result = await calls;
        result.Succeeded.ShouldBeTrue(result.ToString());
        result.SuccessfulCalls.ShouldBe(30);

        // And the gateway still answers a well-formed request.
        await udp.SendToAsync(Encoding.ASCII.GetBytes(Request("OPTIONS", Common(99))), SocketFlags.None, target, cancellation.Token);
        (await ReceiveAsync(udp, buffer, TimeSpan.FromSeconds(2)))!.StatusCode.ShouldBe(200);
        directory.MarkSucceeded();
    }

    /// <summary>Garbage on a TCP connection gets 400 and a close; an oversized header block is cut off.</summary>
    private static async Task HostileTcpAsync(IPEndPoint target, CancellationToken cancellationToken)
    {
        using (var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await tcp.ConnectAsync(target, cancellationToken);
            var bad = Request("OPTIONS", Common(50).Replace("SIP/2.0/UDP", "SIP/2.0/TCP", StringComparison.Ordinal) + "Broken header line\r\n");
            await tcp.SendAsync(Encoding.ASCII.GetBytes(bad), SocketFlags.None, cancellationToken);
            var text = await ReadAllAsync(tcp, cancellationToken);
            text.ShouldStartWith("SIP/2.0 400");
        }

        using (var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await tcp.ConnectAsync(target, cancellationToken);
            var huge = Encoding.ASCII.GetBytes("OPTIONS sip:agent@127.0.0.1 SIP/2.0\r\nX-Flood: " + new string('b', 70_000));
            try
            {
                await tcp.SendAsync(huge, SocketFlags.None, cancellationToken);
            }
            catch (SocketException)
            {
                // The gateway may close before we finish sending: that is the point.
            }

            await ReadAllAsync(tcp, cancellationToken); // returns when the gateway closes the connection
        }
    }

    private static async Task<string> ReadAllAsync(Socket tcp, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var buffer = new byte[4096];
        var text = new StringBuilder();
        try
        {
            int n;
            while ((n = await tcp.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
            {
                text.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
        }
        catch (SocketException)
        {
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("the gateway kept a hostile TCP connection open; received: " + text);
        }

        return text.ToString();
    }

    private static async Task<SipResponse?> ReceiveAsync(Socket udp, byte[] buffer, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var n = await udp.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            SipParser.TryParse(buffer.AsSpan(0, n), isStream: false, out var message, out _, out _, out _);
            return message as SipResponse;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
