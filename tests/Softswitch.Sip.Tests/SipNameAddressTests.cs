using Shouldly;
using Xunit;

namespace Softswitch.Sip.Tests;

public class SipNameAddressTests
{
    [Theory]
    [InlineData("\"Alice Liddell\" <sip:alice@example.com>;tag=9fxced76sl", "Alice Liddell", "9fxced76sl")]
    [InlineData("Bob <sips:bob@biloxi.example.com>;tag=a6c85cf", "Bob", "a6c85cf")]
    [InlineData("J. Rosenberg <sip:jdrosen@example.com>", "J. Rosenberg", null)]
    [InlineData("<sip:carol@chicago.example.com>", null, null)]
    [InlineData("sip:carol@chicago.example.com;tag=x", null, "x")]
    [InlineData("caller<sip:caller@example.com>;tag=323", "caller", "323")]
    [InlineData("\"quote \\\" inside\" <sip:q@example.com>", "quote \" inside", null)]
    public void TryParse_Forms_DisplayNameAndTag(string text, string? displayName, string? tag)
    {
        SipNameAddress.TryParse(text, out var address).ShouldBeTrue();

        address.DisplayName.ShouldBe(displayName);
        address.Tag.ShouldBe(tag);
    }

    [Fact]
    public void TryParse_AddrSpecParameters_AreHeaderParameters()
    {
        var address = SipNameAddress.Parse("sip:+12125551212@gateway.example.com;user=phone;expires=60");

        address.Uri.Parameters.Count.ShouldBe(0);
        address.Parameters["user"].ShouldBe("phone");
        address.Parameters["expires"].ShouldBe("60");
    }

    [Fact]
    public void TryParse_NameAddrParameters_BelongToUri()
    {
        var address = SipNameAddress.Parse("<sip:+12125551212@gateway.example.com;user=phone>;expires=60");

        address.Uri.Parameters["user"].ShouldBe("phone");
        address.Parameters["expires"].ShouldBe("60");
    }

    [Fact]
    public void TryParse_Wildcard_IsWildcard()
    {
        SipNameAddress.Parse("*").IsWildcard.ShouldBeTrue();
        SipNameAddress.CreateWildcard().ToString().ShouldBe("*");
    }

    [Fact]
    public void TryParse_QuotedParameterValue_KeptWithQuotes()
    {
        var address = SipNameAddress.Parse("<sip:a@example.com>;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"");

        address.Parameters["+sip.instance"].ShouldBe("\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"");
    }

    [Theory]
    [InlineData("\"Unterminated <sip:a@example.com>")]
    [InlineData("Bell, Alexander <sip:a.g.bell@example.com>")]
    [InlineData("< sip:t.watson@example.org >")]
    [InlineData("sip:user@example.com?Route=%3Csip:sip.example.com%3E")]
    [InlineData("<sip:a@example.com")]
    [InlineData("<sip:a@example.com>;;")]
    [InlineData("<isbn:2983792873>")]
    [InlineData("")]
    public void TryParse_Invalid_False(string text)
    {
        SipNameAddress.TryParse(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void ToString_EscapesDisplayName_RoundTrips()
    {
        var address = new SipNameAddress(SipUri.Parse("sip:a@example.com"), "say \"hi\"") { Tag = "1" };

        var text = address.ToString();

        text.ShouldBe("\"say \\\"hi\\\"\" <sip:a@example.com>;tag=1");
        SipNameAddress.Parse(text).DisplayName.ShouldBe("say \"hi\"");
    }

    [Fact]
    public void Tag_SetNull_Removes()
    {
        var address = SipNameAddress.Parse("<sip:a@example.com>;tag=1;x=2");

        address.Tag = null;

        address.ToString().ShouldBe("<sip:a@example.com>;x=2");
    }

    [Fact]
    public void Clone_Deep()
    {
        var address = SipNameAddress.Parse("Bob <sip:bob@example.com>;tag=1");

        var clone = address.Clone();
        clone.Tag = "2";
        clone.Uri.Host = "other.example.com";

        address.ToString().ShouldBe("\"Bob\" <sip:bob@example.com>;tag=1");
    }
}
