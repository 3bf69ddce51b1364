using Shouldly;
using Xunit;

namespace Softswitch.Sip.Tests;

public class SipHeaderCollectionTests
{
    [Theory]
    [InlineData("i", SipHeaderNames.CallId)]
    [InlineData("M", SipHeaderNames.Contact)]
    [InlineData("l", SipHeaderNames.ContentLength)]
    [InlineData("c", SipHeaderNames.ContentType)]
    [InlineData("f", SipHeaderNames.From)]
    [InlineData("t", SipHeaderNames.To)]
    [InlineData("v", SipHeaderNames.Via)]
    [InlineData("k", SipHeaderNames.Supported)]
    [InlineData("s", SipHeaderNames.Subject)]
    [InlineData("e", SipHeaderNames.ContentEncoding)]
    [InlineData("o", SipHeaderNames.Event)]
    [InlineData("r", SipHeaderNames.ReferTo)]
    [InlineData("b", SipHeaderNames.ReferredBy)]
    [InlineData("x", SipHeaderNames.SessionExpires)]
    [InlineData("u", SipHeaderNames.AllowEvents)]
    [InlineData("CALL-ID", SipHeaderNames.CallId)]
    [InlineData("www-authenticate", SipHeaderNames.WwwAuthenticate)]
    [InlineData("X-Unknown", "X-Unknown")]
    public void Canonicalize_CompactOrAnyCase_CanonicalName(string name, string expected)
    {
        SipHeaderNames.Canonicalize(name).ShouldBe(expected);
    }

    [Fact]
    public void Indexer_CompactOrAnyCase_FirstValue()
    {
        var headers = new SipHeaderCollection();
        headers.Add("v", "SIP/2.0/UDP a;branch=z9hG4bK1");
        headers.Add("Via", "SIP/2.0/UDP b;branch=z9hG4bK2");

        headers["VIA"].ShouldBe("SIP/2.0/UDP a;branch=z9hG4bK1");
        headers["v"].ShouldBe("SIP/2.0/UDP a;branch=z9hG4bK1");
        headers["Route"].ShouldBeNull();
        headers.Count.ShouldBe(2);
        headers.Select(h => h.Name).ShouldAllBe(n => n == SipHeaderNames.Via);
    }

    [Fact]
    public void GetValues_QuoteAndAngleAware_SplitsElements()
    {
        var headers = new SipHeaderCollection();
        headers.Add(SipHeaderNames.Contact, "\"Doe, John\" <sip:john@example.com;x=a,b>;q=0.7, <sip:jd@example.net>");
        headers.Add(SipHeaderNames.Contact, "sip:third@example.org");

        headers.GetValues("m").ShouldBe(["\"Doe, John\" <sip:john@example.com;x=a,b>;q=0.7", "<sip:jd@example.net>", "sip:third@example.org"]);
        headers.GetAll(SipHeaderNames.Contact).Count().ShouldBe(2);
    }

    [Fact]
    public void Set_ReplacesAllAtFirstPosition()
    {
        var headers = new SipHeaderCollection();
        headers.Add("A", "1");
        headers.Add("Route", "<sip:r1>");
        headers.Add("B", "2");
        headers.Add("Route", "<sip:r2>");

        headers.Set("route", "<sip:r3>");

        headers.Select(h => h.Value).ShouldBe(["1", "<sip:r3>", "2"]);
    }

    [Fact]
    public void InsertFirst_And_Insert_Positions()
    {
        var headers = new SipHeaderCollection();
        headers.Add(SipHeaderNames.Via, "SIP/2.0/UDP a");
        headers.Add(SipHeaderNames.CallId, "x");

        headers.InsertFirst(SipHeaderNames.Via, "SIP/2.0/UDP proxy");
        headers.Insert(2, "X-Mid", "m");

        headers.Select(h => h.Value).ShouldBe(["SIP/2.0/UDP proxy", "SIP/2.0/UDP a", "m", "x"]);
    }

    [Fact]
    public void Remove_AllLines_Count()
    {
        var headers = new SipHeaderCollection();
        headers.Add("Route", "a");
        headers.Add("Route", "b");
        headers.Add("X", "c");

        headers.Remove("ROUTE").ShouldBe(2);
        headers.Contains("Route").ShouldBeFalse();
        headers.Remove("Route").ShouldBe(0);
    }

    [Fact]
    public void Clone_Independent()
    {
        var headers = new SipHeaderCollection();
        headers.Add("X", "1");

        var clone = headers.Clone();
        clone.Add("Y", "2");

        headers.Count.ShouldBe(1);
        clone.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("Bad Name", "v")]
    [InlineData("X", "line\r\nbreak")]
    [InlineData("", "v")]
    public void Add_InvalidNameOrValue_Throws(string name, string value)
    {
        Should.Throw<ArgumentException>(() => new SipHeaderCollection().Add(name, value));
    }

    [Fact]
    public void Vias_AfterHeaderChange_Reparsed()
    {
        var request = new SipRequest(SipMethods.Options, SipUri.Parse("sip:a@example.com"));
        request.Headers.Add(SipHeaderNames.Via, "SIP/2.0/UDP a;branch=z9hG4bK1");
        request.Vias.Count.ShouldBe(1);

        request.Headers.InsertFirst(SipHeaderNames.Via, "SIP/2.0/TCP proxy;branch=z9hG4bK2");

        request.Vias.Count.ShouldBe(2);
        request.TopVia.Host.ShouldBe("proxy");
    }

    [Fact]
    public void HasOptionTag_CaseInsensitiveAcrossLines()
    {
        var request = new SipRequest(SipMethods.Invite, SipUri.Parse("sip:a@example.com"));
        request.Headers.Add(SipHeaderNames.Supported, "replaces, Timer");
        request.Headers.Add("k", "100rel");

        request.HasOptionTag(SipHeaderNames.Supported, "timer").ShouldBeTrue();
        request.HasOptionTag("supported", "100REL").ShouldBeTrue();
        request.HasOptionTag(SipHeaderNames.Require, "timer").ShouldBeFalse();
    }

    [Fact]
    public void TypedViews_MissingHeaders_Throw()
    {
        var request = new SipRequest(SipMethods.Options, SipUri.Parse("sip:a@example.com"));

        Should.Throw<InvalidOperationException>(() => request.CallId);
        Should.Throw<InvalidOperationException>(() => request.CSeq);
        Should.Throw<InvalidOperationException>(() => request.TopVia);
        request.MaxForwards.ShouldBeNull();
        request.Contacts.ShouldBeEmpty();
    }
}
