using Shouldly;
using Xunit;

namespace Softswitch.Sip.Tests;

public class SipCSeqTests
{
    [Theory]
    [InlineData("4711 INVITE", 4711u, "INVITE")]
    [InlineData("  0009\r\n  INVITE ", 9u, "INVITE")]
    [InlineData("2147483647 NEWMETHOD", 2147483647u, "NEWMETHOD")]
    [InlineData("0 ACK", 0u, "ACK")]
    public void TryParse_Valid_NumberAndMethod(string text, uint number, string method)
    {
        SipCSeq.TryParse(text, out var cseq).ShouldBeTrue();

        cseq.ShouldBe(new SipCSeq(number, method));
    }

    [Theory]
    [InlineData("INVITE")]
    [InlineData("1")]
    [InlineData("-1 INVITE")]
    [InlineData("2147483648 INVITE")]
    [InlineData("36893488147419103232 REGISTER")]
    [InlineData("1 IN VITE")]
    [InlineData(null)]
    public void TryParse_Invalid_False(string? text)
    {
        SipCSeq.TryParse(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void ToString_NumberSpaceMethod()
    {
        new SipCSeq(101, SipMethods.Bye).ToString().ShouldBe("101 BYE");
    }

    [Fact]
    public void TryParse_KnownMethod_Interned()
    {
        SipCSeq.TryParse("1 INVITE", out var cseq);

        ReferenceEquals(cseq.Method, SipMethods.Invite).ShouldBeTrue();
    }
}
