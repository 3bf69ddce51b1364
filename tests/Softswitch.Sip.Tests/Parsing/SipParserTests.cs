using System.Text;
using Shouldly;
using Xunit;

namespace Softswitch.Sip.Tests.Parsing;

public class SipParserTests
{
    [Theory]
    [MemberData(nameof(SipParsingData.ValidMessages), MemberType = typeof(SipParsingData))]
    public void TryParse_ValidMessageOnStream_Complete(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);

        var status = SipParser.TryParse(bytes, isStream: true, out var message, out var consumed, out var reason, out _);

        reason.ShouldBeNull();
        status.ShouldBe(SipParseStatus.Complete);
        message.ShouldNotBeNull();
        consumed.ShouldBe(bytes.Length);
    }

    [Theory]
    [MemberData(nameof(SipParsingData.ValidMessages), MemberType = typeof(SipParsingData))]
    public void TryParse_ValidMessageAsDatagram_Complete(string text)
    {
        var status = SipParser.TryParse(Encoding.UTF8.GetBytes(text), isStream: false, out var message, out _, out var reason, out _);

        reason.ShouldBeNull();
        status.ShouldBe(SipParseStatus.Complete);
        message.ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(SipParsingData.IncompletePrefixes), MemberType = typeof(SipParsingData))]
    public void TryParse_ProperPrefixOnStream_Incomplete(string name, int length)
    {
        var prefix = Encoding.UTF8.GetBytes(SipParsingData.Named[name]).AsSpan(0, length);

        var status = SipParser.TryParse(prefix, isStream: true, out var message, out _, out var reason, out _);

        reason.ShouldBeNull();
        status.ShouldBe(SipParseStatus.Incomplete);
        message.ShouldBeNull();
    }

    [Theory]
    [InlineData("wsinv")]
    [InlineData("esc01")]
    [InlineData("longreq")]
    [InlineData("mpart01")]
    [InlineData("unreason")]
    [InlineData("semiuri")]
    public void TryParse_EveryPrefixOfTortureMessageOnStream_Incomplete(string name)
    {
        var bytes = TestData.Rfc4475(name);
        SipParser.TryParse(bytes, isStream: true, out _, out var consumed, out _, out _).ShouldBe(SipParseStatus.Complete);
        consumed.ShouldBe(bytes.Length);

        for (var length = 0; length < bytes.Length; length++)
        {
            var status = SipParser.TryParse(bytes.AsSpan(0, length), isStream: true, out _, out _, out var reason, out _);
            status.ShouldBe(SipParseStatus.Incomplete, $"prefix of {length} bytes: {reason}");
        }
    }

    [Theory]
    [MemberData(nameof(SipParsingData.InvalidMessages), MemberType = typeof(SipParsingData))]
    public void TryParse_InvalidMessage_InvalidWithReason(string text, string expectedReason)
    {
        var status = SipParser.TryParse(Encoding.UTF8.GetBytes(text), isStream: false, out var message, out _, out var reason, out _);

        status.ShouldBe(SipParseStatus.Invalid);
        message.ShouldBeNull();
        reason.ShouldBe(expectedReason);
    }

    [Fact]
    public void TryParse_Invite_MaterialisesTypedViews()
    {
        SipParser.TryParse(Encoding.UTF8.GetBytes(SipParsingData.Invite), true, out var message, out _, out _, out _);

        var request = message.ShouldBeOfType<SipRequest>();
        request.Method.ShouldBe(SipMethods.Invite);
        request.RequestUri.User.ShouldBe("bob");
        request.RequestUri.Host.ShouldBe("biloxi.example.com");
        request.CallId.ShouldBe("a84b4c76e66710@pc33.atlanta.example.com");
        request.CSeq.ShouldBe(new SipCSeq(314159, SipMethods.Invite));
        request.From.DisplayName.ShouldBe("Alice");
        request.From.Tag.ShouldBe("1928301774");
        request.To.Tag.ShouldBeNull();
        request.TopVia.Branch.ShouldBe("z9hG4bK776asdhds");
        request.TopVia.HasRport.ShouldBeTrue();
        request.TopVia.Rport.ShouldBeNull();
        request.MaxForwards.ShouldBe(70);
        request.ContentType.ShouldBe("application/sdp");
        request.Contacts.Single().Uri.User.ShouldBe("alice");
        request.HasOptionTag(SipHeaderNames.Supported, "100REL").ShouldBeTrue();
        request.Body.Length.ShouldBe(149);
    }

    [Fact]
    public void TryParse_Response_StatusAndReason()
    {
        SipParser.TryParse(Encoding.UTF8.GetBytes(SipParsingData.Ringing), true, out var message, out _, out _, out _);

        var response = message.ShouldBeOfType<SipResponse>();
        response.StatusCode.ShouldBe(180);
        response.ReasonPhrase.ShouldBe("Ringing");
        response.IsProvisional.ShouldBeTrue();
        response.TopVia.Received.ShouldBe("192.0.2.1");
        response.To.Tag.ShouldBe("a6c85cf");
    }

    [Fact]
    public void TryParse_CompactForms_Canonicalised()
    {
        SipParser.TryParse(Encoding.UTF8.GetBytes(SipParsingData.Register), true, out var message, out _, out _, out _);

        message.ShouldNotBeNull();
        message.Headers.Select(h => h.Name).ShouldBe(
            [SipHeaderNames.Via, SipHeaderNames.MaxForwards, SipHeaderNames.To, SipHeaderNames.From, SipHeaderNames.CallId, SipHeaderNames.CSeq, SipHeaderNames.Contact, SipHeaderNames.ContentLength]);
        message.TopVia.Host.ShouldBe("[2001:db8::10]");
        message.TopVia.Port.ShouldBe(5061);
        message.TopVia.Transport.ShouldBe("TLS");
        message.Contacts.Count.ShouldBe(2);
        message.Contacts[0].Uri.Host.ShouldBe("[2001:db8::20]");
        message.Contacts[0].Parameters["expires"].ShouldBe("7200");
        message.Contacts[1].Uri.Scheme.ShouldBe(SipUriScheme.Tel);
        message.Contacts[1].DisplayName.ShouldBe("Bob Mobile");
    }

    [Fact]
    public void TryParse_FoldedHeader_NormalisedToOneSpace()
    {
        SipParser.TryParse(Encoding.UTF8.GetBytes(SipParsingData.Folded), true, out var message, out _, out _, out _);

        message.ShouldNotBeNull();
        message.Headers[SipHeaderNames.Subject].ShouldBe("I know you're there, pick up the phone and talk to me!");
    }

    [Fact]
    public void TryParse_LeadingKeepAliveCrlfs_SkippedAndCounted()
    {
        var bytes = Encoding.UTF8.GetBytes("\r\n\r\n" + SipParsingData.Ringing);

        SipParser.TryParse(bytes, true, out var message, out var consumed, out _, out _).ShouldBe(SipParseStatus.Complete);

        message.ShouldNotBeNull();
        consumed.ShouldBe(bytes.Length);
    }

    [Fact]
    public void TryParse_OnlyKeepAlives_IncompleteConsumingThem()
    {
        SipParser.TryParse("\r\n\r\n"u8, true, out _, out var consumed, out _, out _).ShouldBe(SipParseStatus.Incomplete);

        consumed.ShouldBe(4);
    }

    [Fact]
    public void TryParse_TwoMessagesOnStream_ConsumesFirstOnly()
    {
        var first = Encoding.UTF8.GetBytes(SipParsingData.Ringing);
        var bytes = Encoding.UTF8.GetBytes(SipParsingData.Ringing + SipParsingData.Invite);

        SipParser.TryParse(bytes, true, out _, out var consumed, out _, out _).ShouldBe(SipParseStatus.Complete);
        consumed.ShouldBe(first.Length);
        SipParser.TryParse(bytes.AsSpan(consumed), true, out var second, out _, out _, out _).ShouldBe(SipParseStatus.Complete);
        second.ShouldBeOfType<SipRequest>();
    }

    [Fact]
    public void TryParse_StreamWithoutContentLength_Invalid()
    {
        var text = "OPTIONS sip:bob@example.com SIP/2.0\r\n" + SipParsingData.Headers.Replace("1 INVITE", "1 OPTIONS", StringComparison.Ordinal) + "\r\n";

        var status = SipParser.TryParse(Encoding.UTF8.GetBytes(text), true, out _, out _, out var reason, out var partial);

        status.ShouldBe(SipParseStatus.Invalid);
        reason.ShouldBe(SipParseErrors.MissingContentLength);
        partial.ShouldNotBeNull();
    }

    [Fact]
    public void TryParse_DatagramWithoutContentLength_BodyIsRest()
    {
        var text = "MESSAGE sip:bob@example.com SIP/2.0\r\n" + SipParsingData.Headers.Replace("1 INVITE", "1 MESSAGE", StringComparison.Ordinal) + "\r\nhello";

        SipParser.TryParse(Encoding.UTF8.GetBytes(text), false, out var message, out _, out _, out _).ShouldBe(SipParseStatus.Complete);

        Encoding.UTF8.GetString(message!.Body.Span).ShouldBe("hello");
    }

    [Fact]
    public void TryParse_StreamContentLengthBeyondInput_Incomplete()
    {
        var text = "MESSAGE sip:bob@example.com SIP/2.0\r\n" + SipParsingData.Headers.Replace("1 INVITE", "1 MESSAGE", StringComparison.Ordinal) + "Content-Length: 10\r\n\r\nhello";

        SipParser.TryParse(Encoding.UTF8.GetBytes(text), true, out _, out _, out _, out _).ShouldBe(SipParseStatus.Incomplete);
    }

    [Fact]
    public void TryParse_MessageOverMaxSize_Invalid()
    {
        var text = "MESSAGE sip:bob@example.com SIP/2.0\r\n" + SipParsingData.Headers.Replace("1 INVITE", "1 MESSAGE", StringComparison.Ordinal)
            + "Content-Length: 70000\r\n\r\n" + new string('x', 70000);

        SipParser.TryParse(Encoding.UTF8.GetBytes(text), false, out _, out _, out var reason, out _).ShouldBe(SipParseStatus.Invalid);

        reason.ShouldBe(SipParseErrors.MessageTooLarge);
    }

    [Fact]
    public void TryParse_StreamHeadersOverMaxSize_InvalidBeforeHeadersEnd()
    {
        var text = "OPTIONS sip:bob@example.com SIP/2.0\r\n" + SipParsingData.Headers + "X-Padding: " + new string('x', SipParser.MaxMessageSize);

        SipParser.TryParse(Encoding.UTF8.GetBytes(text), true, out _, out _, out var reason, out _).ShouldBe(SipParseStatus.Invalid);

        reason.ShouldBe(SipParseErrors.MessageTooLarge);
    }

    [Fact]
    public void TryParse_StreamTooLargeContentLength_InvalidWithoutWaitingForBody()
    {
        var text = "MESSAGE sip:bob@example.com SIP/2.0\r\n" + SipParsingData.Headers + "Content-Length: 65536\r\n\r\n";

        SipParser.TryParse(Encoding.UTF8.GetBytes(text), true, out _, out _, out var reason, out _).ShouldBe(SipParseStatus.Invalid);

        reason.ShouldBe(SipParseErrors.MessageTooLarge);
    }

    [Fact]
    public void TryParse_InvalidRequestWithAnswerableHeaders_PartialRequest()
    {
        var text = "INVITE sip:bob@example.com SIP/2.0\r\n" + SipParsingData.Headers.Replace("CSeq: 1 INVITE", "CSeq: 1 BYE", StringComparison.Ordinal) + "\r\n";

        SipParser.TryParse(Encoding.UTF8.GetBytes(text), false, out var message, out _, out var reason, out var partial);

        message.ShouldBeNull();
        reason.ShouldBe(SipParseErrors.CSeqMethodMismatch);
        partial.ShouldNotBeNull();
        var response = SipResponse.CreateFor(partial, SipParseErrors.StatusCodeFor(reason));
        response.StatusCode.ShouldBe(400);
        response.CallId.ShouldBe("abc@192.0.2.1");
        response.Headers[SipHeaderNames.CSeq].ShouldBe("1 BYE");
    }

    [Fact]
    public void TryParse_UnknownVersion_PartialAnd505()
    {
        var text = "OPTIONS sip:bob@example.com SIP/7.0\r\n" + SipParsingData.Headers.Replace("1 INVITE", "1 OPTIONS", StringComparison.Ordinal) + "\r\n";

        SipParser.TryParse(Encoding.UTF8.GetBytes(text), false, out _, out _, out var reason, out var partial);

        reason.ShouldBe(SipParseErrors.UnsupportedVersion);
        SipParseErrors.StatusCodeFor(reason).ShouldBe(505);
        partial.ShouldNotBeNull();
        partial.Method.ShouldBe(SipMethods.Options);
    }

    [Fact]
    public void TryParse_MissingCallId_NoPartial()
    {
        var text = "INVITE sip:bob@example.com SIP/2.0\r\n" + SipParsingData.Headers.Replace("Call-ID: abc@192.0.2.1\r\n", string.Empty, StringComparison.Ordinal) + "\r\n";

        SipParser.TryParse(Encoding.UTF8.GetBytes(text), false, out _, out _, out _, out var partial);

        partial.ShouldBeNull();
    }

    [Fact]
    public void TryParse_IdenticalDuplicateSingleValueHeader_Accepted()
    {
        var text = "INVITE sip:bob@example.com SIP/2.0\r\n" + SipParsingData.Headers + "Call-ID: abc@192.0.2.1\r\n\r\n";

        SipParser.TryParse(Encoding.UTF8.GetBytes(text), false, out var message, out _, out _, out _).ShouldBe(SipParseStatus.Complete);

        message!.CallId.ShouldBe("abc@192.0.2.1");
    }

    [Fact]
    public void TryParse_HeaderNamesAnyCase_Canonicalised()
    {
        var text = "INVITE sip:bob@example.com SIP/2.0\r\n" + SipParsingData.Headers.Replace("Call-ID:", "cAlL-iD  :", StringComparison.Ordinal) + "x-custom: 1\r\n\r\n";

        SipParser.TryParse(Encoding.UTF8.GetBytes(text), false, out var message, out _, out _, out _).ShouldBe(SipParseStatus.Complete);

        message!.Headers.ShouldContain(h => ReferenceEquals(h.Name, SipHeaderNames.CallId));
        message.Headers.ShouldContain(h => h.Name == "x-custom");
        message.Headers["X-CUSTOM"].ShouldBe("1");
    }
}
