using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using Softswitch.Gateway.Tests.Infrastructure;
using Softswitch.Gateway.Tests.Transports;
using Softswitch.Gateway.Timers;
using Softswitch.Gateway.Transactions;
using Softswitch.Gateway.Transports;
using Softswitch.Sip;
using Xunit;

namespace Softswitch.Gateway.Tests.Transactions;

/// <summary>The transaction layer on a real <see cref="SipTransportLayer"/> (127.0.0.1, port 0) with raw peers; timers on a manual clock.</summary>
public sealed class TransactionsOverRealTransportTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new();
    private readonly RecordingUser _user = new();
    private SipTimerService _timers = null!;
    private SipTransportLayer _transport = null!;
    private SipTransactionLayer _layer = null!;

    public async Task InitializeAsync()
    {
        _timers = new SipTimerService(_time);
        _transport = new SipTransportLayer(
            new SipTransportOptions { BindAddress = IPAddress.Loopback, UdpPort = 0, TcpPort = 0 },
            NullLogger<SipTransportLayer>.Instance,
            _time);
        _layer = new SipTransactionLayer(_transport, _timers, new SipTimerOptions(), _user, NullLogger<SipTransactionLayer>.Instance);
        await _transport.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _layer.DisposeAsync();
        await _transport.DisposeAsync();
        _timers.Dispose();
    }

    [Fact]
    public async Task ServerInvite_Udp_FinalRetransmittedByTimerGUntilAck()
    {
        using var peer = new UdpPeer();
        _user.OnRequestHandler = tx =>
        {
            if (tx.Method == SipMethods.Invite)
            {
                _ = tx.SendResponseAsync(SipResponse.CreateFor(tx.Request, 486, "uas"), CancellationToken.None).AsTask();
            }
        };

        await peer.SendAsync(TestMessages.RequestText(SipMethods.Invite, branch: "z9hG4bKreal1;rport", sentBy: "127.0.0.1:1"), _transport.UdpLocalEndPoint);

        ((SipResponse)(await peer.ReceiveAsync()).ShouldNotBeNull()).StatusCode.ShouldBe(486); // To the rport, not the bogus sent-by port.
        _time.Advance(TimeSpan.FromMilliseconds(500));
        ((SipResponse)(await peer.ReceiveAsync()).ShouldNotBeNull()).StatusCode.ShouldBe(486);

        await peer.SendAsync(TestMessages.RequestText(SipMethods.Ack, branch: "z9hG4bKreal1;rport", sentBy: "127.0.0.1:1", toTag: "uas"), _transport.UdpLocalEndPoint);
        var tx = _user.Requests.Single();

        // The receive loop is sequential: once a later request reaches the TU, the ACK has been processed.
        await peer.SendAsync(TestMessages.RequestText(SipMethods.Options, branch: "z9hG4bKreal2", sentBy: $"127.0.0.1:{peer.Port}"), _transport.UdpLocalEndPoint);
        await _user.WaitAsync(u => u.Requests.Count == 2);
        tx.State.ShouldBe(SipTransactionState.Confirmed);

        _time.Advance(TimeSpan.FromSeconds(2));
        (await peer.ReceiveTextAsync(0.2)).ShouldBeNull();
        _time.Advance(TimeSpan.FromSeconds(5));
        tx.State.ShouldBe(SipTransactionState.Terminated);
    }

    [Fact]
    public async Task ClientInvite_Udp_RetransmitsUntilProvisional()
    {
        using var peer = new UdpPeer();
        var tx = _layer.SendRequest(TestMessages.Outgoing(SipMethods.Invite), new SipEndPoint(SipTransportKind.Udp, peer.EndPoint));

        var invite = (SipRequest)(await peer.ReceiveAsync()).ShouldNotBeNull();
        invite.TopVia.Port.ShouldBe(_transport.UdpLocalEndPoint.Port);
        invite.TopVia.HasRport.ShouldBeTrue();
        _time.Advance(TimeSpan.FromMilliseconds(500));
        (await peer.ReceiveAsync()).ShouldBeOfType<SipRequest>().TopVia.Branch.ShouldBe(tx.Branch);

        await peer.SendAsync(SipResponse.CreateFor(invite, 180, "callee").ToBytes(), _transport.UdpLocalEndPoint);
        (await tx.Responses.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).StatusCode.ShouldBe(180);

        _time.Advance(TimeSpan.FromSeconds(10));
        (await peer.ReceiveTextAsync(0.2)).ShouldBeNull();

        await peer.SendAsync(SipResponse.CreateFor(invite, 404, "callee").ToBytes(), _transport.UdpLocalEndPoint);
        (await tx.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5))).StatusCode.ShouldBe(404);
        var ack = (SipRequest)(await peer.ReceiveAsync()).ShouldNotBeNull();
        ack.Method.ShouldBe(SipMethods.Ack);
        ack.TopVia.Branch.ShouldBe(tx.Branch);
    }

    [Fact]
    public async Task ClientOptions_Tcp_ResponseOnSameConnectionTerminates()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();

        var tx = _layer.SendRequest(TestMessages.Outgoing(SipMethods.Options), new SipEndPoint(SipTransportKind.Tcp, (IPEndPoint)listener.LocalEndPoint!));
        using var peer = new TcpPeer(await listener.AcceptAsync());
        var request = (SipRequest)(await peer.ReceiveAsync()).ShouldNotBeNull();
        request.TopVia.Transport.ShouldBe("TCP");
        request.TopVia.Port.ShouldBe(_transport.TcpLocalEndPoint.Port);

        await peer.SendAsync(SipResponse.CreateFor(request, 200, "peer").ToBytes());

        (await tx.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5))).StatusCode.ShouldBe(200);
        await WaitForTerminationAsync(tx);
        _time.Advance(TimeSpan.FromSeconds(1));
        (await peer.ReceiveAsync(0.2)).ShouldBeNull(); // No retransmission over TCP.
    }

    [Fact]
    public async Task ServerOptions_Tcp_ResponseOverTheRequestsConnection()
    {
        _user.OnRequestHandler = tx => _ = tx.SendResponseAsync(SipResponse.CreateFor(tx.Request, 200, "uas"), CancellationToken.None).AsTask();
        using var peer = await TcpPeer.ConnectAsync(_transport.TcpLocalEndPoint);

        await peer.SendAsync(TestMessages.RequestText(SipMethods.Options, branch: "z9hG4bKtcp1", sentBy: "127.0.0.1:1", transport: "TCP"));

        ((SipResponse)(await peer.ReceiveAsync()).ShouldNotBeNull()).StatusCode.ShouldBe(200);
        await WaitForTerminationAsync(_user.Requests.Single());
    }

    [Fact]
    public async Task ClientRequest_TcpConnectRefused_Delivers503()
    {
        IPEndPoint closed;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            closed = (IPEndPoint)probe.LocalEndPoint!;
        }

        var tx = _layer.SendRequest(TestMessages.Outgoing(SipMethods.Invite), new SipEndPoint(SipTransportKind.Tcp, closed));

        (await tx.FinalResponse.WaitAsync(TimeSpan.FromSeconds(15))).StatusCode.ShouldBe(503);
        await _user.WaitAsync(u => u.TerminationOf(tx) == SipTransactionTerminationReason.TransportError);
    }

    [Fact]
    public async Task Cancel_OverUdp_200AndOnCancel()
    {
        using var peer = new UdpPeer();
        var sentBy = $"127.0.0.1:{peer.Port}";
        await peer.SendAsync(TestMessages.RequestText(SipMethods.Invite, branch: "z9hG4bKcx", sentBy: sentBy), _transport.UdpLocalEndPoint);
        await _user.WaitAsync(u => u.Requests.Count == 1);

        await peer.SendAsync(TestMessages.RequestText(SipMethods.Cancel, branch: "z9hG4bKcx", sentBy: sentBy), _transport.UdpLocalEndPoint);

        var ok = (SipResponse)(await peer.ReceiveAsync()).ShouldNotBeNull();
        ok.StatusCode.ShouldBe(200);
        ok.CSeq.Method.ShouldBe(SipMethods.Cancel);
        await _user.WaitAsync(u => u.Cancels.Count == 1);
    }

    private Task WaitForTerminationAsync(SipTransaction transaction) => _user.WaitAsync(u => u.TerminationOf(transaction) is not null);
}
