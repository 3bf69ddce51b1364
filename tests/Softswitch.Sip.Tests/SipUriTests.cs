using Shouldly;
using Xunit;

namespace Softswitch.Sip.Tests;

public class SipUriTests
{
    [Fact]
    public void TryParse_FullSipUri_AllComponents()
    {
        SipUri.TryParse("sip:alice:secret@atlanta.example.com:5070;transport=tcp;lr?subject=project%20x&priority=urgent", out var uri).ShouldBeTrue();

        uri.Scheme.ShouldBe(SipUriScheme.Sip);
        uri.User.ShouldBe("alice");
        uri.Password.ShouldBe("secret");
        uri.Host.ShouldBe("atlanta.example.com");
        uri.Port.ShouldBe(5070);
        uri.Parameters["transport"].ShouldBe("tcp");
        uri.Parameters.Contains("LR").ShouldBeTrue();
        uri.Parameters["lr"].ShouldBeNull();
        uri.Headers["subject"].ShouldBe("project x");
        uri.Headers["priority"].ShouldBe("urgent");
    }

    [Fact]
    public void TryParse_Sips_Secure()
    {
        var uri = SipUri.Parse("SIPS:bob@biloxi.example.com");

        uri.Scheme.ShouldBe(SipUriScheme.Sips);
        uri.IsSecure.ShouldBeTrue();
        uri.ToString().ShouldBe("sips:bob@biloxi.example.com");
    }

    [Theory]
    [InlineData("sip:[2001:db8::1]", "[2001:db8::1]", null)]
    [InlineData("sip:alice@[2001:db8::1]:5060;transport=udp", "[2001:db8::1]", 5060)]
    [InlineData("sip:[::ffff:192.0.2.1]:5061", "[::ffff:192.0.2.1]", 5061)]
    [InlineData("sip:192.0.2.4", "192.0.2.4", null)]
    public void TryParse_Hosts_HostAndPort(string text, string host, int? port)
    {
        var uri = SipUri.Parse(text);

        uri.Host.ShouldBe(host);
        uri.Port.ShouldBe(port);
        uri.ToString().ShouldBe(text);
    }

    [Fact]
    public void TryParse_Tel_NumberAndParameters()
    {
        var uri = SipUri.Parse("tel:+1-201-555-0123;phone-context=example.com");

        uri.Scheme.ShouldBe(SipUriScheme.Tel);
        uri.User.ShouldBe("+1-201-555-0123");
        uri.Host.ShouldBe(string.Empty);
        uri.Parameters["phone-context"].ShouldBe("example.com");
        uri.ToString().ShouldBe("tel:+1-201-555-0123;phone-context=example.com");
    }

    [Fact]
    public void TryParse_EscapedUser_UnescapedAndReescaped()
    {
        var uri = SipUri.Parse("sip:sips%3Auser%40example.com@example.net");

        uri.User.ShouldBe("sips:user@example.com");
        uri.ToString().ShouldBe("sip:sips%3Auser%40example.com@example.net");
    }

    [Fact]
    public void ToString_UserWithSpaces_Escaped()
    {
        var uri = new SipUri { User = "I have spaces", Host = "example.net" };

        uri.ToString().ShouldBe("sip:I%20have%20spaces@example.net");
    }

    [Theory]
    [InlineData("")]
    [InlineData("sip:")]
    [InlineData("http://example.com")]
    [InlineData("sip:user@")]
    [InlineData("sip:@example.com")]
    [InlineData("sip:example.com:99999")]
    [InlineData("sip:example.com:")]
    [InlineData("sip:exa mple.com")]
    [InlineData("sip:[2001:db8::1")]
    [InlineData("sip:user@example.com;")]
    [InlineData("sip:us%zzer@example.com")]
    [InlineData("sip:example.com?novalue")]
    [InlineData("tel:")]
    [InlineData("<sip:example.com>")]
    public void TryParse_Invalid_False(string text)
    {
        SipUri.TryParse(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void ToString_AfterParameterChange_Reformatted()
    {
        var uri = SipUri.Parse("sip:bob@example.com");
        uri.ToString().ShouldBe("sip:bob@example.com");

        uri.Parameters.Set("transport", "tcp");
        uri.Port = 5080;

        uri.ToString().ShouldBe("sip:bob@example.com:5080;transport=tcp");
    }

    [Fact]
    public void Clone_Deep()
    {
        var uri = SipUri.Parse("sip:bob@example.com;lr?x=y");

        var clone = uri.Clone();
        clone.Parameters.Remove("lr");
        clone.User = "carol";

        uri.ToString().ShouldBe("sip:bob@example.com;lr?x=y");
        clone.ToString().ShouldBe("sip:carol@example.com?x=y");
    }
}
