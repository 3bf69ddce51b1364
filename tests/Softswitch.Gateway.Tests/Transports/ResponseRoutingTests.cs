using System.Net;
using Shouldly;
using Softswitch.Gateway.Transports;
using Softswitch.Sip;
using Xunit;

namespace Softswitch.Gateway.Tests.Transports;

public sealed class ResponseRoutingTests
{
    private static readonly IPEndPoint s_source = new(IPAddress.Parse("203.0.113.7"), 40000);

    [Theory]
    [InlineData("SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK1;received=203.0.113.7;rport=40000", "203.0.113.7:40000")]
    [InlineData("SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK1;received=203.0.113.7", "203.0.113.7:5062")]
    [InlineData("SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1;received=203.0.113.7", "203.0.113.7:5060")]
    [InlineData("SIP/2.0/UDP 203.0.113.7:5070;branch=z9hG4bK1", "203.0.113.7:5070")]
    [InlineData("SIP/2.0/UDP 203.0.113.7:5070;branch=z9hG4bK1;rport", "203.0.113.7:40000")]
    [InlineData("SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK1;maddr=239.255.255.1;received=203.0.113.7;rport=40000", "239.255.255.1:5062")]
    [InlineData("SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK1;maddr=proxy.example;received=203.0.113.7", "203.0.113.7:5062")]
    public void GetUdpResponseDestination_Section18_2_2(string via, string expected)
    {
        SipVia.TryParse(via, out var parsed).ShouldBeTrue();

        var destination = SipTransportLayer.GetUdpResponseDestination(parsed!, s_source);

        destination.ShouldBe(new SipEndPoint(SipTransportKind.Udp, IPEndPoint.Parse(expected)));
    }

    [Fact]
    public async Task GetResponseDestination_TcpConnectionGone_ReceivedAndSentByPort()
    {
        await using var h = await TransportHarness.StartAsync();
        var request = Transactions.TestMessages.Request(SipMethods.Options, sentBy: "10.0.0.1:5070", transport: "TCP");
        SipTransportLayer.AddReceivedAndRport(request, s_source);
        var inbound = new SipInbound(request, new SipEndPoint(SipTransportKind.Tcp, s_source), new SipEndPoint(SipTransportKind.Tcp, h.Tcp), 42);

        h.Transport.GetResponseDestination(inbound).ShouldBe(new SipEndPoint(SipTransportKind.Tcp, new IPEndPoint(s_source.Address, 5070)));
    }

    [Fact]
    public void AddReceivedAndRport_SecondVia_KeptInOrder()
    {
        var request = Transactions.TestMessages.Request(SipMethods.Options, branch: "z9hG4bKa;rport", sentBy: "10.0.0.1:5070");
        request.Headers.Add(SipHeaderNames.Via, "SIP/2.0/UDP 10.0.0.2;branch=z9hG4bKb, SIP/2.0/UDP 10.0.0.3;branch=z9hG4bKc");

        SipTransportLayer.AddReceivedAndRport(request, s_source);

        request.Vias.Select(v => v.Branch).ShouldBe(["z9hG4bKa", "z9hG4bKb", "z9hG4bKc"]);
        request.TopVia.Received.ShouldBe("203.0.113.7");
        request.TopVia.Rport.ShouldBe(40000);
    }
}
