using System.Net;
using System.Net.Sockets;
using System.Text;
using Shouldly;
using Softswitch.Gateway.Tests.Infrastructure;
using Softswitch.Gateway.Tests.Transactions;
using Softswitch.Gateway.Transports;
using Softswitch.Sip;
using Xunit;

namespace Softswitch.Gateway.Tests.Transports;

public sealed class SipTransportTcpTests
{
    private static string Options(string branch, string? body = null)
    {
        var text = TestMessages.RequestText(SipMethods.Options, branch: branch, sentBy: "127.0.0.1:5999", transport: "TCP");
        return body is null ? text : text.Replace("Content-Length: 0\r\n\r\n", $"Content-Type: text/plain\r\nContent-Length: {body.Length}\r\n\r\n{body}", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_TwoMessagesInOneSegment_BothDeliveredInOrder()
    {
        await using var h = await TransportHarness.StartAsync();
        using var peer = await TcpPeer.ConnectAsync(h.Tcp);

        await peer.SendAsync(Options("z9hG4bKone", "hello") + Options("z9hG4bKtwo"));

        var first = (await h.ReceiveAsync()).ShouldNotBeNull();
        var second = (await h.ReceiveAsync()).ShouldNotBeNull();
        first.Message.TopVia.Branch.ShouldBe("z9hG4bKone");
        Encoding.UTF8.GetString(first.Message.Body.Span).ShouldBe("hello");
        second.Message.TopVia.Branch.ShouldBe("z9hG4bKtwo");
        first.Source.ShouldBe(new SipEndPoint(SipTransportKind.Tcp, peer.LocalEndPoint));
        first.ConnectionId.ShouldBeGreaterThan(0);
        second.ConnectionId.ShouldBe(first.ConnectionId);
    }

    [Fact]
    public async Task Receive_MessageSplitOverManySegments_DeliveredOnce()
    {
        await using var h = await TransportHarness.StartAsync();
        using var peer = await TcpPeer.ConnectAsync(h.Tcp);
        var bytes = Encoding.UTF8.GetBytes(Options("z9hG4bKsplit", new string('b', 300)));

        for (var offset = 0; offset < bytes.Length; offset += 37)
        {
            await peer.SendAsync(bytes[offset..Math.Min(bytes.Length, offset + 37)]);
            await Task.Delay(1);
        }

        var inbound = (await h.ReceiveAsync()).ShouldNotBeNull();
        inbound.Message.TopVia.Branch.ShouldBe("z9hG4bKsplit");
        inbound.Message.Body.Length.ShouldBe(300);
        (await h.ReceiveAsync(0.2)).ShouldBeNull();
    }

    [Fact]
    public async Task Receive_KeepAlivePing_AnsweredWithPong()
    {
        await using var h = await TransportHarness.StartAsync();
        using var peer = await TcpPeer.ConnectAsync(h.Tcp);

        await peer.SendAsync("\r\n\r\n");

        (await peer.ReceiveRawAsync()).ShouldBe("\r\n");
        await peer.SendAsync(Options("z9hG4bKafterping"));
        (await h.ReceiveAsync()).ShouldNotBeNull();
    }

    [Fact]
    public async Task Receive_MalformedStream_400ThenClose()
    {
        await using var h = await TransportHarness.StartAsync();
        using var peer = await TcpPeer.ConnectAsync(h.Tcp);

        await peer.SendAsync(Options("z9hG4bKbad").Replace("Max-Forwards: 70", "Max-Forwards: lots", StringComparison.Ordinal));

        var response = (SipResponse)(await peer.ReceiveAsync()).ShouldNotBeNull();
        response.StatusCode.ShouldBe(400);
        response.TopVia.Branch.ShouldBe("z9hG4bKbad");
        (await peer.WaitForCloseAsync()).ShouldBeTrue();
        (await h.ReceiveAsync(0.1)).ShouldBeNull();
    }

    [Fact]
    public async Task Receive_MissingContentLength_400ThenClose()
    {
        await using var h = await TransportHarness.StartAsync();
        using var peer = await TcpPeer.ConnectAsync(h.Tcp);

        await peer.SendAsync(Options("z9hG4bKnocl").Replace("Content-Length: 0\r\n", string.Empty, StringComparison.Ordinal));

        var response = (SipResponse)(await peer.ReceiveAsync()).ShouldNotBeNull();
        response.StatusCode.ShouldBe(400);
        (await peer.WaitForCloseAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task Receive_Garbage_ClosesWithoutAnswer()
    {
        await using var h = await TransportHarness.StartAsync();
        using var peer = await TcpPeer.ConnectAsync(h.Tcp);

        await peer.SendAsync("GARBAGE\r\n\r\n");

        (await peer.WaitForCloseAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task Receive_MessageLargerThanLimit_ConnectionClosed()
    {
        await using var h = await TransportHarness.StartAsync(o => o.MaxMessageSize = 2000);
        using var peer = await TcpPeer.ConnectAsync(h.Tcp);

        await peer.SendAsync(Options("z9hG4bKhuge", new string('z', 5000)));

        (await peer.WaitForCloseAsync()).ShouldBeTrue();
        (await h.ReceiveAsync(0.1)).ShouldBeNull();
        h.Transport.TcpConnectionCount.ShouldBe(0);
    }

    [Fact]
    public async Task SendAsync_ResponseToPeerOpenedConnection_ReusesIt()
    {
        await using var h = await TransportHarness.StartAsync();
        using var peer = await TcpPeer.ConnectAsync(h.Tcp);
        await peer.SendAsync(Options("z9hG4bKreuse"));
        var inbound = (await h.ReceiveAsync()).ShouldNotBeNull();

        var destination = h.Transport.GetResponseDestination(inbound);
        destination.ShouldBe(inbound.Source);
        (await h.Transport.SendAsync(SipResponse.CreateFor((SipRequest)inbound.Message, 200), destination, CancellationToken.None)).ShouldBeTrue();

        var response = (SipResponse)(await peer.ReceiveAsync()).ShouldNotBeNull();
        response.StatusCode.ShouldBe(200);
        h.Transport.TcpConnectionCount.ShouldBe(1);
    }

    [Fact]
    public async Task SendAsync_TwiceToSameEndPoint_OneConnection()
    {
        await using var h = await TransportHarness.StartAsync();
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var destination = new SipEndPoint(SipTransportKind.Tcp, (IPEndPoint)listener.LocalEndPoint!);

        var sends = await Task.WhenAll(
            h.Transport.SendAsync(TestMessages.Request(SipMethods.Options, branch: "z9hG4bKc1"), destination, CancellationToken.None).AsTask(),
            h.Transport.SendAsync(TestMessages.Request(SipMethods.Options, branch: "z9hG4bKc2"), destination, CancellationToken.None).AsTask());
        sends.ShouldAllBe(s => s);
        (await h.Transport.SendAsync(TestMessages.Request(SipMethods.Options, branch: "z9hG4bKc3"), destination, CancellationToken.None)).ShouldBeTrue();

        using var peer = new TcpPeer(await listener.AcceptAsync());
        var branches = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            branches.Add((await peer.ReceiveAsync()).ShouldNotBeNull().TopVia.Branch);
        }

        branches.Order().ShouldBe(["z9hG4bKc1", "z9hG4bKc2", "z9hG4bKc3"]);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Should.ThrowAsync<OperationCanceledException>(async () => await listener.AcceptAsync(cts.Token));
        h.Transport.TcpConnectionCount.ShouldBe(1);
    }

    [Fact]
    public async Task SendAsync_ConnectionRefused_ReturnsFalse()
    {
        await using var h = await TransportHarness.StartAsync();
        IPEndPoint closed;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            closed = (IPEndPoint)probe.LocalEndPoint!;
        }

        var sent = await h.Transport.SendAsync(TestMessages.Request(SipMethods.Options), new SipEndPoint(SipTransportKind.Tcp, closed), CancellationToken.None);

        sent.ShouldBeFalse();
    }

    [Fact]
    public async Task IdleConnection_ClosedAfterTcpIdleTimeout()
    {
        var time = new ManualTimeProvider();
        await using var h = await TransportHarness.StartAsync(o => o.TcpIdleTimeout = TimeSpan.FromSeconds(32), time);
        using var peer = await TcpPeer.ConnectAsync(h.Tcp);
        await peer.SendAsync(Options("z9hG4bKidle"));
        (await h.ReceiveAsync()).ShouldNotBeNull();

        time.Advance(TimeSpan.FromSeconds(31));
        (await peer.WaitForCloseAsync(0.2)).ShouldBeFalse();
        h.Transport.TcpConnectionCount.ShouldBe(1);

        time.Advance(TimeSpan.FromSeconds(1));
        (await peer.WaitForCloseAsync()).ShouldBeTrue();
        h.Transport.TcpConnectionCount.ShouldBe(0);
    }

    [Fact]
    public async Task IdleTimer_TrafficResetsIt()
    {
        var time = new ManualTimeProvider();
        await using var h = await TransportHarness.StartAsync(o => o.TcpIdleTimeout = TimeSpan.FromSeconds(32), time);
        using var peer = await TcpPeer.ConnectAsync(h.Tcp);
        await peer.SendAsync(Options("z9hG4bKa1"));
        (await h.ReceiveAsync()).ShouldNotBeNull();

        time.Advance(TimeSpan.FromSeconds(20));
        await peer.SendAsync(Options("z9hG4bKa2"));
        (await h.ReceiveAsync()).ShouldNotBeNull();
        time.Advance(TimeSpan.FromSeconds(20)); // 40 s since start, 20 s since the last message.

        (await peer.WaitForCloseAsync(0.2)).ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(12));
        (await peer.WaitForCloseAsync()).ShouldBeTrue();
    }
}
