using System.Text;
using Shouldly;
using Softswitch.Sip.Tests.Parsing;
using Xunit;

namespace Softswitch.Sip.Tests;

public class SipResponseTests
{
    private static SipRequest Invite()
    {
        var text = SipParsingData.Invite.Replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nRecord-Route: <sip:p1.example.com;lr>\r\nTimestamp: 54\r\nVia: SIP/2.0/UDP second.example.com;branch=z9hG4bK2\r\n", StringComparison.Ordinal);
        SipParser.TryParse(Encoding.UTF8.GetBytes(text), false, out var message, out _, out var reason, out _).ShouldBe(SipParseStatus.Complete, reason);
        return (SipRequest)message!;
    }

    [Fact]
    public void CreateFor_Ok_CopiesViasFromToCallIdCSeqAndAddsTag()
    {
        var request = Invite();

        var response = SipResponse.CreateFor(request, 200, toTag: "as83kd9bs");

        response.StatusCode.ShouldBe(200);
        response.ReasonPhrase.ShouldBe("OK");
        response.Headers.GetAll(SipHeaderNames.Via).ShouldBe(request.Headers.GetAll(SipHeaderNames.Via));
        response.Vias.Count.ShouldBe(2);
        response.Headers[SipHeaderNames.From].ShouldBe(request.Headers[SipHeaderNames.From]);
        response.To.Tag.ShouldBe("as83kd9bs");
        response.To.Uri.ToString().ShouldBe(request.To.Uri.ToString());
        response.CallId.ShouldBe(request.CallId);
        response.CSeq.ShouldBe(request.CSeq);
        response.Headers.Contains(SipHeaderNames.RecordRoute).ShouldBeFalse();
        response.Headers.Contains(SipHeaderNames.Timestamp).ShouldBeFalse();
        response.Headers.Contains(SipHeaderNames.ContentType).ShouldBeFalse();
        response.Body.Length.ShouldBe(0);
    }

    [Fact]
    public void CreateFor_Trying_NoTagButTimestamp()
    {
        var response = SipResponse.CreateFor(Invite(), 100, toTag: "ignored");

        response.To.Tag.ShouldBeNull();
        response.Headers[SipHeaderNames.Timestamp].ShouldBe("54");
        response.ReasonPhrase.ShouldBe("Trying");
    }

    [Fact]
    public void CreateFor_ExistingToTag_Kept()
    {
        var request = Invite();
        request.Headers.Set(SipHeaderNames.To, "<sip:bob@biloxi.example.com>;tag=existing");

        SipResponse.CreateFor(request, 486, toTag: "new").To.Tag.ShouldBe("existing");
    }

    [Fact]
    public void CreateFor_NoToTagGiven_Generated()
    {
        var tag = SipResponse.CreateFor(Invite(), 180).To.Tag;

        tag.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void CreateFor_CopyRecordRoute_Copied()
    {
        SipResponse.CreateFor(Invite(), 180, "t", copyRecordRoute: true).Headers[SipHeaderNames.RecordRoute].ShouldBe("<sip:p1.example.com;lr>");
    }

    [Fact]
    public void CreateFor_CustomReason_Used()
    {
        SipResponse.CreateFor(Invite(), 488, "t", "No Common Codec").ReasonPhrase.ShouldBe("No Common Codec");
    }

    [Theory]
    [InlineData(100, "Trying")]
    [InlineData(183, "Session Progress")]
    [InlineData(202, "Accepted")]
    [InlineData(204, "No Notification")]
    [InlineData(422, "Session Interval Too Small")]
    [InlineData(428, "Use Identity Header")]
    [InlineData(429, "Provide Referrer Identity")]
    [InlineData(481, "Call/Transaction Does Not Exist")]
    [InlineData(489, "Bad Event")]
    [InlineData(491, "Request Pending")]
    [InlineData(494, "Security Agreement Required")]
    [InlineData(513, "Message Too Large")]
    [InlineData(580, "Precondition Failure")]
    [InlineData(603, "Decline")]
    [InlineData(499, "Bad Request")]
    public void ReasonPhrase_KnownAndUnknownCodes(int code, string phrase)
    {
        SipStatus.ReasonPhrase(code).ShouldBe(phrase);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(700)]
    public void Constructor_OutOfRangeStatus_Throws(int code)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new SipResponse(code));
    }

    [Fact]
    public void Classification_ProvisionalAndSuccess()
    {
        new SipResponse(180).IsProvisional.ShouldBeTrue();
        new SipResponse(200).IsSuccess.ShouldBeTrue();
        new SipResponse(300).IsSuccess.ShouldBeFalse();
    }
}
