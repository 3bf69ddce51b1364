using System.Net;
using System.Net.Sockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Softswitch.Benchmarks.Sip;
using Softswitch.Gateway.Transports;
using Softswitch.Sip;

namespace Softswitch.Benchmarks.Transports;

/// <summary>
/// The UDP transport per datagram, on loopback: the receive path after the socket (parse, Via received/rport, delivery), the
/// response routing of §18.2.2, and the send path (serialise into a pooled buffer, SendTo with a cached SocketAddress).
/// </summary>
[MemoryDiagnoser]
public class SipTransportBenchmarks
{
    private SipTransportLayer _transport = null!;
    private Socket _sink = null!;
    private byte[] _invite = [];
    private SipEndPoint _peer;
    private SipEndPoint _local;
    private SipInbound _inbound = null!;
    private SipResponse _response = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new SipTransportOptions { BindAddress = IPAddress.Loopback, UdpPort = 0, TcpPort = 0 };
        _transport = new SipTransportLayer(options, NullLogger<SipTransportLayer>.Instance, TimeProvider.System);
        _transport.MessageReceived = inbound => _inbound = inbound;
        _transport.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        _sink = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _peer = new SipEndPoint(SipTransportKind.Udp, (IPEndPoint)_sink.LocalEndPoint!);
        _local = new SipEndPoint(SipTransportKind.Udp, _transport.UdpLocalEndPoint);
        _invite = Encoding.UTF8.GetBytes(SipBenchmarkMessages.Invite);
        _transport.OnDatagram(_invite, _peer, _local);
        _response = SipResponse.CreateFor((SipRequest)_inbound.Message, 200, "a1b2c3");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _transport.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _sink.Dispose();
    }

    /// <summary>One INVITE datagram from parse to the transaction layer's callback (the Via gets received and rport).</summary>
    [Benchmark]
    public void ReceiveInvite() => _transport.OnDatagram(_invite, _peer, _local);

    /// <summary>Where a response to the received INVITE goes (§18.2.2, RFC 3581).</summary>
    [Benchmark]
    public SipEndPoint ResponseDestination() => _transport.GetResponseDestination(_inbound);

    /// <summary>Serialises and sends a 200 OK to a loopback socket (UDP sends complete synchronously).</summary>
    [Benchmark]
    public bool SendResponse()
    {
        var sending = _transport.SendAsync(_response, _peer, CancellationToken.None);
        var sent = sending.IsCompletedSuccessfully ? sending.Result : sending.AsTask().GetAwaiter().GetResult();
        if (_sink.Available > 1 << 20)
        {
            Drain();
        }

        return sent;
    }

    private void Drain()
    {
        Span<byte> buffer = stackalloc byte[2048];
        while (_sink.Available > 0)
        {
            _sink.Receive(buffer);
        }
    }
}
