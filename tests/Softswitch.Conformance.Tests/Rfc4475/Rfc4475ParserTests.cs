using System.Text;
using Shouldly;
using Softswitch.Sip;
using Xunit;

namespace Softswitch.Conformance.Tests.Rfc4475;

/// <summary>
/// RFC 4475 torture messages (<see href="https://www.rfc-editor.org/rfc/rfc4475"/>) against <see cref="SipParser"/>, one case per
/// message named by its RFC identifier. Divergences from what the RFC expects are listed in DIVERGENCES.md.
/// </summary>
public class Rfc4475ParserTests
{
    public static TheoryData<string> ValidNames => [.. Rfc4475Messages.Valid];

    public static TheoryData<string, string> InvalidNames => ToTheory(Rfc4475Messages.Invalid);

    public static TheoryData<string> SemanticValidNames => [.. Rfc4475Messages.SemanticValid];

    public static TheoryData<string, string> SemanticInvalidNames => ToTheory(Rfc4475Messages.SemanticInvalid);

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Parse_ValidTortureMessage_Complete(string name)
    {
        var status = SipParser.TryParse(Rfc4475Messages.Read(name), isStream: false, out var message, out _, out var reason, out _);

        reason.ShouldBeNull();
        status.ShouldBe(SipParseStatus.Complete);
        message.ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Serialize_ValidTortureMessage_ReparsesToSameHeadersAndBody(string name)
    {
        SipParser.TryParse(Rfc4475Messages.Read(name), false, out var message, out _, out _, out _);

        var bytes = message!.ToBytes();
        SipParser.TryParse(bytes, true, out var again, out var consumed, out var reason, out _).ShouldBe(SipParseStatus.Complete, reason);

        consumed.ShouldBe(bytes.Length);
        again!.Headers.Where(h => h.Name != SipHeaderNames.ContentLength).ShouldBe(message.Headers.Where(h => h.Name != SipHeaderNames.ContentLength));
        again.Body.ToArray().ShouldBe(message.Body.ToArray());
        again.ToBytes().ShouldBe(bytes);
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Parse_InvalidTortureMessage_Invalid(string name, string expectedReason)
    {
        var status = SipParser.TryParse(Rfc4475Messages.Read(name), isStream: false, out var message, out _, out var reason, out _);

        status.ShouldBe(SipParseStatus.Invalid);
        message.ShouldBeNull();
        reason.ShouldBe(expectedReason);
    }

    [Theory]
    [MemberData(nameof(SemanticValidNames))]
    public void Parse_SemanticTortureMessage_CompleteForUpperLayers(string name)
    {
        var status = SipParser.TryParse(Rfc4475Messages.Read(name), isStream: false, out var message, out _, out var reason, out _);

        reason.ShouldBeNull();
        status.ShouldBe(SipParseStatus.Complete);
        message.ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(SemanticInvalidNames))]
    public void Parse_SemanticTortureMessage_RejectedAtParse(string name, string expectedReason)
    {
        var status = SipParser.TryParse(Rfc4475Messages.Read(name), isStream: false, out _, out _, out var reason, out _);

        status.ShouldBe(SipParseStatus.Invalid);
        reason.ShouldBe(expectedReason);
    }

    [Fact]
    public void Wsinv_KeyFields()
    {
        var message = ParseValid("wsinv");

        var request = message.ShouldBeOfType<SipRequest>();
        request.RequestUri.Parameters.Contains("unknownparam").ShouldBeTrue();
        request.CallId.ShouldBe("wsinv.ndaksdj@192.0.2.1");
        request.CSeq.ShouldBe(new SipCSeq(9, SipMethods.Invite));
        request.MaxForwards.ShouldBe(68);
        request.To.Tag.ShouldBe("1918181833n");
        request.From.DisplayName.ShouldBe("J Rosenberg \\\"");
        request.From.Tag.ShouldBe("98asjd8");
        request.Vias.Select(v => (v.Transport, v.Host, v.Branch)).ShouldBe(
            [("UDP", "192.0.2.2", "390skdjuw"), ("TCP", "spindle.example.com", "z9hG4bK9ikj8"), ("UDP", "192.168.255.111", "z9hG4bK30239")]);
        request.Headers[SipHeaderNames.Subject].ShouldBe(string.Empty);
        request.Headers["NewFangledHeader"].ShouldBe("newfangled value continued newfangled value");
        request.Headers["UnknownHeaderWithUnusualValue"].ShouldBe(";;,,;;,;");
        var contact = request.Contacts.Single();
        contact.DisplayName.ShouldBe("Quoted string \"\"");
        contact.Parameters["newparam"].ShouldBe("newvalue");
        contact.Parameters.Contains("secondparam").ShouldBeTrue();
        contact.Parameters["q"].ShouldBe("0.33");
        SipNameAddress.Parse(request.Headers[SipHeaderNames.Route]!).Uri.Parameters.Contains("lr").ShouldBeTrue();
        request.Body.Length.ShouldBe(150);
    }

    [Fact]
    public void Intmeth_KeyFields()
    {
        var request = ParseValid("intmeth").ShouldBeOfType<SipRequest>();

        request.Method.ShouldBe("!interesting-Method0123456789_*+`.%indeed'~");
        request.CSeq.Method.ShouldBe(request.Method);
        request.RequestUri.User.ShouldBe("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
        request.RequestUri.Password.ShouldBe("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
        request.To.DisplayName.ShouldBe("BEL:\a NUL:\0 DEL:\x7f");
        request.From.DisplayName.ShouldBe("token1~` token2'+_ token3*%!.-");
        request.From.Parameters["fromParam''~+*_!.-%"].ShouldBe("\"работающий\"");
        request.From.Tag.ShouldBe("_token~1'+`*%!-.");
        request.CallId.ShouldBe("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
        request.Headers["extensionHeader-!.%*+_`'~"].ShouldBe("\ufeff大停電");
    }

    [Fact]
    public void Esc01_EscapesUnescaped()
    {
        var request = ParseValid("esc01").ShouldBeOfType<SipRequest>();

        request.RequestUri.User.ShouldBe("sips:user@example.com");
        request.RequestUri.Host.ShouldBe("example.net");
        request.To.Uri.User.ShouldBe("user");
        request.From.Uri.User.ShouldBe("I have spaces");
        var contact = request.Contacts.Single().Uri;
        contact.User.ShouldBe("caller");
        contact.Parameters.Contains("lr").ShouldBeTrue();
        contact.Parameters["name"].ShouldBe("value%41");
        request.ContentType.ShouldBe("application/sdp");
    }

    [Fact]
    public void Escnull_NullsInUserParts()
    {
        var message = ParseValid("escnull");

        message.To.Uri.User.ShouldBe("null-\0-null");
        message.Contacts.Select(c => c.Uri.User).ShouldBe(["\0", "\0\0"]);
        message.Body.Length.ShouldBe(0);
    }

    [Fact]
    public void Esc02_PercentIsNotAnEscapeOutsideUris()
    {
        var request = ParseValid("esc02").ShouldBeOfType<SipRequest>();

        request.Method.ShouldBe("RE%47IST%45R");
        request.To.DisplayName.ShouldBe("%Z%45");
        request.TopVia.Branch.ShouldBe("z9hG4bK209%fzsnel234");
        request.Contacts.Count.ShouldBe(2);
        request.Headers["C%6Fntact"].ShouldBe("<sip:alias2@host2.example.com>");
    }

    [Fact]
    public void Lwsdisp_DisplayNameWithoutSpace()
    {
        ParseValid("lwsdisp").From.DisplayName.ShouldBe("caller");
    }

    [Fact]
    public void Longreq_AllViasAndLongValues()
    {
        var message = ParseValid("longreq");

        message.Vias.Count.ShouldBe(34);
        message.Vias[^1].Branch!.Length.ShouldBe(215);
        message.To.Uri.Port.ShouldBe(6000);
        message.From.Tag!.Length.ShouldBe(155);
        message.Body.Length.ShouldBe(150);
    }

    [Fact]
    public void Dblreq_ExtraDatagramOctetsIgnored()
    {
        var bytes = Rfc4475Messages.Read("dblreq");

        SipParser.TryParse(bytes, false, out var message, out var consumed, out _, out _).ShouldBe(SipParseStatus.Complete);

        message.ShouldBeOfType<SipRequest>().Method.ShouldBe(SipMethods.Register);
        message.Body.Length.ShouldBe(0);
        consumed.ShouldBeLessThan(bytes.Length);
    }

    [Fact]
    public void Semiuri_SemicolonInUser()
    {
        var request = ParseValid("semiuri").ShouldBeOfType<SipRequest>();

        request.RequestUri.User.ShouldBe("user;par=u@example.net");
        request.RequestUri.Host.ShouldBe("example.com");
        request.RequestUri.Parameters.Count.ShouldBe(0);
        request.Headers.GetValues(SipHeaderNames.Accept).Count.ShouldBe(6);
    }

    [Fact]
    public void Transports_AllTransportTokens()
    {
        ParseValid("transports").Vias.Select(v => v.Transport).ShouldBe(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"]);
    }

    [Fact]
    public void Mpart01_BinaryBodyFramedByContentLength()
    {
        var message = ParseValid("mpart01");

        message.Body.Length.ShouldBe(553);
        message.ContentType.ShouldBe("multipart/mixed;boundary=7a9cbec02ceef655");
        message.TopVia.HasRport.ShouldBeTrue();
        message.Body.Span.Count((byte)'\n').ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Unreason_Utf8ReasonPhrase()
    {
        var response = ParseValid("unreason").ShouldBeOfType<SipResponse>();

        response.StatusCode.ShouldBe(200);
        response.ReasonPhrase.ShouldBe("= 2**3 * 5**2 но сто девяносто девять - простое");
    }

    [Fact]
    public void Noreason_EmptyReasonPhrase()
    {
        var response = ParseValid("noreason").ShouldBeOfType<SipResponse>();

        response.StatusCode.ShouldBe(100);
        response.ReasonPhrase.ShouldBe(string.Empty);
    }

    [Fact]
    public void Baddn_WithTerminatingEmptyLine_BadFrom()
    {
        var bytes = Rfc4475Messages.Read("baddn").Concat("\r\n"u8.ToArray()).ToArray();

        SipParser.TryParse(bytes, false, out _, out _, out var reason, out _).ShouldBe(SipParseStatus.Invalid);

        reason.ShouldBe(SipParseErrors.BadFrom);
    }

    [Theory]
    [InlineData("badvers", 505)]
    [InlineData("unkscm", 416)]
    [InlineData("novelsc", 416)]
    [InlineData("mismatch01", 400)]
    [InlineData("clerr", 400)]
    [InlineData("escruri", 400)]
    [InlineData("multi01", 400)]
    public void Parse_AnswerableInvalidRequest_PartialForResponse(string name, int expectedStatus)
    {
        SipParser.TryParse(Rfc4475Messages.Read(name), false, out _, out _, out var reason, out var partial);

        partial.ShouldNotBeNull();
        SipParseErrors.StatusCodeFor(reason).ShouldBe(expectedStatus);
        var response = SipResponse.CreateFor(partial, expectedStatus, toTag: "t1");
        response.Headers.GetAll(SipHeaderNames.Via).ShouldBe(partial.Headers.GetAll(SipHeaderNames.Via));
        response.Headers.GetAll(SipHeaderNames.CallId).Count().ShouldBe(1);
    }

    [Fact]
    public void Insuf_NoPartialWithoutCallIdFromTo()
    {
        SipParser.TryParse(Rfc4475Messages.Read("insuf"), false, out _, out _, out _, out var partial);

        partial.ShouldBeNull();
    }

    [Fact]
    public void Badbranch_BareMagicCookieParses()
    {
        var via = ParseValid("badbranch").TopVia;

        via.Branch.ShouldBe(SipVia.MagicCookie);
        via.IsRfc3261Branch.ShouldBeTrue();
    }

    [Fact]
    public void Bext01_OptionTagsVisible()
    {
        var message = ParseValid("bext01");

        message.HasOptionTag(SipHeaderNames.Require, "nothingSupportsThis").ShouldBeTrue();
        message.HasOptionTag(SipHeaderNames.ProxyRequire, "noProxiesSupportThis").ShouldBeTrue();
    }

    [Fact]
    public void Zeromf_MaxForwardsZero()
    {
        ParseValid("zeromf").MaxForwards.ShouldBe(0);
    }

    [Fact]
    public void Cparam01_AddrSpecParameterBelongsToHeader()
    {
        var contact = ParseValid("cparam01").Contacts.Single();

        contact.Parameters.Contains("unknownparam").ShouldBeTrue();
        contact.Uri.Parameters.Count.ShouldBe(0);
        contact.Uri.User.ShouldBe("+19725552222");
    }

    [Fact]
    public void Cparam02_NameAddrParameterBelongsToUri()
    {
        var contact = ParseValid("cparam02").Contacts.Single();

        contact.Parameters.Count.ShouldBe(0);
        contact.Uri.Parameters.Contains("unknownparam").ShouldBeTrue();
    }

    [Fact]
    public void Regescrt_EscapedHeaderInContactUri()
    {
        var contact = ParseValid("regescrt").Contacts.Single();

        contact.Uri.Headers["Route"].ShouldBe("<sip:sip.example.com>");
    }

    [Fact]
    public void Bcast_BroadcastViaIsVisible()
    {
        var response = ParseValid("bcast").ShouldBeOfType<SipResponse>();

        response.Vias[1].Host.ShouldBe("255.255.255.255");
    }

    [Fact]
    public void Inv2543_NoContentLengthBodyIsRestOfDatagram()
    {
        var request = ParseValid("inv2543").ShouldBeOfType<SipRequest>();

        request.TopVia.Branch.ShouldBeNull();
        request.MaxForwards.ShouldBeNull();
        Encoding.ASCII.GetString(request.Body.Span).ShouldStartWith("v=0");
    }

    [Fact]
    public void Invut_UnknownContentTypeKept()
    {
        ParseValid("invut").ContentType.ShouldBe("application/unknownformat");
    }

    [Fact]
    public void Regaut01_UnknownAuthorizationSchemeKept()
    {
        ParseValid("regaut01").Headers[SipHeaderNames.Authorization].ShouldBe("NoOneKnowsThisScheme opaque-data=here");
    }

    [Fact]
    public void Sdp01_AcceptWithoutSdp()
    {
        ParseValid("sdp01").Headers[SipHeaderNames.Accept].ShouldBe("text/nobodyKnowsThis");
    }

    private static SipMessage ParseValid(string name)
    {
        var status = SipParser.TryParse(Rfc4475Messages.Read(name), false, out var message, out _, out var reason, out _);
        status.ShouldBe(SipParseStatus.Complete, reason);
        return message!;
    }

    private static TheoryData<string, string> ToTheory((string Name, string Reason)[] cases)
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, reason) in cases)
        {
            data.Add(name, reason);
        }

        return data;
    }
}
