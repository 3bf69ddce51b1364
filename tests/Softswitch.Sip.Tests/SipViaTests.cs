using Shouldly;
using Xunit;

namespace Softswitch.Sip.Tests;

public class SipViaTests
{
    [Fact]
    public void TryParse_Typical_Fields()
    {
        SipVia.TryParse("SIP/2.0/UDP pc33.atlanta.example.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5067", out var via).ShouldBeTrue();

        via.Transport.ShouldBe("UDP");
        via.Host.ShouldBe("pc33.atlanta.example.com");
        via.Port.ShouldBe(5066);
        via.Branch.ShouldBe("z9hG4bK776asdhds");
        via.IsRfc3261Branch.ShouldBeTrue();
        via.Received.ShouldBe("192.0.2.1");
        via.HasRport.ShouldBeTrue();
        via.Rport.ShouldBe(5067);
    }

    [Fact]
    public void TryParse_LwsEverywhere_Accepted()
    {
        SipVia.TryParse("SIP  /    2.0   / tcp  192.168.255.111 : 5060  ; branch = z9hG4bK30239", out var via).ShouldBeTrue();

        via.Transport.ShouldBe("TCP");
        via.Host.ShouldBe("192.168.255.111");
        via.Port.ShouldBe(5060);
        via.Branch.ShouldBe("z9hG4bK30239");
    }

    [Fact]
    public void TryParse_Ipv6_KeepsBrackets()
    {
        SipVia.TryParse("SIP/2.0/TLS [2001:db8::9:1]:5061;branch=z9hG4bKas3-111", out var via).ShouldBeTrue();

        via.Host.ShouldBe("[2001:db8::9:1]");
        via.Port.ShouldBe(5061);
    }

    [Theory]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("SIP/2.0 UDP host")]
    [InlineData("SIP/3.0/UDP host")]
    [InlineData("SIP/2.0/UDPhost")]
    [InlineData("SIP/2.0/UDP host;;")]
    [InlineData("SIP/2.0/UDP host;branch")]
    [InlineData("SIP/2.0/UDP host;rport=abc")]
    [InlineData("SIP/2.0/UDP host;ttl=300")]
    [InlineData("SIP/2.0/UDP host:70000")]
    public void TryParse_Invalid_False(string text)
    {
        SipVia.TryParse(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void SetRportRequested_BareRport()
    {
        var via = new SipVia("udp", "192.0.2.1", 5060, SipVia.MagicCookie + "abc");

        via.SetRportRequested();

        via.HasRport.ShouldBeTrue();
        via.Rport.ShouldBeNull();
        via.ToString().ShouldBe("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKabc;rport");
    }

    [Fact]
    public void Rport_Set_ValueAndRoundTrip()
    {
        var via = new SipVia("TCP", "client.example.com", null, "z9hG4bK1");
        via.SetRportRequested();

        via.Rport = 41234;
        via.Received = "198.51.100.7";

        SipVia.TryParse(via.ToString(), out var parsed).ShouldBeTrue();
        parsed.Rport.ShouldBe(41234);
        parsed.Received.ShouldBe("198.51.100.7");
    }
}
