using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Shouldly;
using Softswitch.Gateway.Tests.Transactions;
using Softswitch.Gateway.Transports;
using Softswitch.Sip;
using Xunit;

namespace Softswitch.Gateway.Tests.Transports;

public sealed class SipTransportUdpTests
{
    [Fact]
    public async Task StartAsync_PortZero_BindsUdpAndTcpOnTheSamePort()
    {
        await using var h = await TransportHarness.StartAsync();

        h.Udp.Port.ShouldBeGreaterThan(0);
        h.Tcp.Port.ShouldBe(h.Udp.Port);
        h.Transport.GetSentBy(SipTransportKind.Udp).ShouldBe(("127.0.0.1", h.Udp.Port));
    }

    [Fact]
    public async Task Receive_ValidRequest_DeliveredWithSourceAndLocal()
    {
        await using var h = await TransportHarness.StartAsync();
        using var peer = new UdpPeer();

        await peer.SendAsync(TestMessages.RequestText(SipMethods.Options, sentBy: $"127.0.0.1:{peer.Port}"), h.Udp);

        var inbound = (await h.ReceiveAsync()).ShouldNotBeNull();
        ((SipRequest)inbound.Message).Method.ShouldBe(SipMethods.Options);
        inbound.Source.ShouldBe(new SipEndPoint(SipTransportKind.Udp, peer.EndPoint));
        inbound.Local.ShouldBe(new SipEndPoint(SipTransportKind.Udp, h.Udp));
        inbound.ConnectionId.ShouldBe(0);
        inbound.Message.TopVia.Received.ShouldBeNull(); // sent-by is the source address and there is no rport.
    }

    [Fact]
    public async Task Receive_BareRport_AddsReceivedAndRport()
    {
        await using var h = await TransportHarness.StartAsync();
        using var peer = new UdpPeer();

        await peer.SendAsync(TestMessages.RequestText(SipMethods.Options, branch: "z9hG4bKr1;rport", sentBy: "127.0.0.1:5999"), h.Udp);

        var inbound = (await h.ReceiveAsync()).ShouldNotBeNull();
        var via = inbound.Message.TopVia;
        via.Received.ShouldBe("127.0.0.1");
        via.Rport.ShouldBe(peer.Port);
        Encoding.UTF8.GetString(inbound.Message.ToBytes()).ShouldContain($";rport={peer.Port}");
        h.Transport.GetResponseDestination(inbound).ShouldBe(new SipEndPoint(SipTransportKind.Udp, peer.EndPoint));
    }

    [Fact]
    public async Task Receive_SentByHostDiffers_AddsReceivedOnly()
    {
        await using var h = await TransportHarness.StartAsync();
        using var peer = new UdpPeer();

        await peer.SendAsync(TestMessages.RequestText(SipMethods.Options, sentBy: "192.0.2.99:5080"), h.Udp);

        var inbound = (await h.ReceiveAsync()).ShouldNotBeNull();
        inbound.Message.TopVia.Received.ShouldBe("127.0.0.1");
        inbound.Message.TopVia.HasRport.ShouldBeFalse();
        inbound.Message.Vias.Count.ShouldBe(1);
        h.Transport.GetResponseDestination(inbound).ShouldBe(new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5080)));
    }

    [Fact]
    public async Task Receive_InvalidButAnswerable_400NamingTheProblem()
    {
        await using var h = await TransportHarness.StartAsync();
        using var peer = new UdpPeer();
        var text = TestMessages.RequestText(SipMethods.Options, branch: "z9hG4bKbad;rport", sentBy: "127.0.0.1:5999")
            .Replace("Max-Forwards: 70", "Max-Forwards: seventy", StringComparison.Ordinal);

        await peer.SendAsync(text, h.Udp);

        var response = (SipResponse)(await peer.ReceiveAsync()).ShouldNotBeNull();
        response.StatusCode.ShouldBe(400);
        response.ReasonPhrase.ShouldContain("Max-Forwards");
        response.CallId.ShouldBe("call-1@test");
        response.TopVia.Branch.ShouldBe("z9hG4bKbad");
        (await h.ReceiveAsync(0.2)).ShouldBeNull();
    }

    [Fact]
    public async Task Receive_InvalidAck_NotAnswered()
    {
        await using var h = await TransportHarness.StartAsync();
        using var peer = new UdpPeer();
        var text = TestMessages.RequestText(SipMethods.Ack, branch: "z9hG4bKbad;rport", sentBy: "127.0.0.1:5999")
            .Replace("Max-Forwards: 70", "Max-Forwards: seventy", StringComparison.Ordinal);

        await peer.SendAsync(text, h.Udp);

        (await peer.ReceiveTextAsync(0.3)).ShouldBeNull();
    }

    [Fact]
    public async Task Receive_Garbage_DroppedAndCounted()
    {
        using var failures = new CounterProbe("sip_parse_failures");
        await using var h = await TransportHarness.StartAsync();
        using var peer = new UdpPeer();

        await peer.SendAsync("this is not SIP at all\r\n\r\n", h.Udp);
        await peer.SendAsync(TestMessages.RequestText(SipMethods.Options, sentBy: $"127.0.0.1:{peer.Port}"), h.Udp);

        // The good datagram after the garbage proves the loop went on; nothing came back for the garbage.
        (await h.ReceiveAsync()).ShouldNotBeNull();
        (await peer.ReceiveTextAsync(0.2)).ShouldBeNull();
        failures.Total(("transport", "udp"), ("answered", "false")).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Receive_OversizedDatagram_Dropped()
    {
        await using var h = await TransportHarness.StartAsync(o => o.MaxMessageSize = 1000);
        using var peer = new UdpPeer();
        var big = TestMessages.RequestText(SipMethods.Options, branch: "z9hG4bKbig;rport", sentBy: "127.0.0.1:5999")
            .Replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nSubject: " + new string('x', 1200) + "\r\n", StringComparison.Ordinal);

        await peer.SendAsync(big, h.Udp);
        await peer.SendAsync(TestMessages.RequestText(SipMethods.Options, branch: "z9hG4bKsmall"), h.Udp);

        var inbound = (await h.ReceiveAsync()).ShouldNotBeNull();
        inbound.Message.TopVia.Branch.ShouldBe("z9hG4bKsmall");
        (await peer.ReceiveTextAsync(0.2)).ShouldBeNull();
    }

    [Fact]
    public async Task SendAsync_Udp_PeerReceivesAndMetricsCount()
    {
        using var sent = new CounterProbe("sip_messages_sent");
        await using var h = await TransportHarness.StartAsync();
        using var peer = new UdpPeer();
        var request = TestMessages.Request(SipMethods.Message, branch: "z9hG4bKsend1");

        (await h.Transport.SendAsync(request, new SipEndPoint(SipTransportKind.Udp, peer.EndPoint), CancellationToken.None)).ShouldBeTrue();

        var received = (SipRequest)(await peer.ReceiveAsync()).ShouldNotBeNull();
        received.Method.ShouldBe(SipMethods.Message);
        received.TopVia.Branch.ShouldBe("z9hG4bKsend1");
        sent.Total(("transport", "udp"), ("method", "MESSAGE")).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Receive_Response_DeliveredWithoutViaChanges()
    {
        using var received = new CounterProbe("sip_messages_received");
        await using var h = await TransportHarness.StartAsync();
        using var peer = new UdpPeer();
        var request = TestMessages.Request(SipMethods.Options, branch: "z9hG4bKresp;rport", sentBy: "192.0.2.1:5060");
        var response = SipResponse.CreateFor(request, 200, "t");

        await peer.SendAsync(response.ToBytes(), h.Udp);

        var inbound = (await h.ReceiveAsync()).ShouldNotBeNull();
        inbound.Message.ShouldBeOfType<SipResponse>().StatusCode.ShouldBe(200);
        inbound.Message.TopVia.Received.ShouldBeNull();
        received.Total(("transport", "udp"), ("status", "2xx")).ShouldBeGreaterThanOrEqualTo(1);
    }
}

/// <summary>Listens to one counter of the Softswitch.Gateway meter.</summary>
internal sealed class CounterProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(long Value, KeyValuePair<string, object?>[] Tags)> _measurements = [];

    public CounterProbe(string instrument)
    {
        _listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == SipMetrics.MeterName && i.Name == instrument)
            {
                l.EnableMeasurementEvents(i);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (_measurements)
            {
                _measurements.Add((value, tags.ToArray()));
            }
        });
        _listener.Start();
    }

    public long Total(params (string Key, string Value)[] tags)
    {
        lock (_measurements)
        {
            return _measurements
                .Where(m => tags.All(t => m.Tags.Any(x => x.Key == t.Key && (string?)x.Value == t.Value)))
                .Sum(m => m.Value);
        }
    }

    public void Dispose() => _listener.Dispose();
}
