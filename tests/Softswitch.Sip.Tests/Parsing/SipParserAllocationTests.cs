using System.Text;
using Shouldly;
using Xunit;

namespace Softswitch.Sip.Tests.Parsing;

public class SipParserAllocationTests
{
    [Theory]
    [MemberData(nameof(SipParsingData.ValidMessages), MemberType = typeof(SipParsingData))]
    public void Scan_ValidMessage_AllocatesNothing(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var frame = new SipFrame();
        SipParser.Scan(bytes, true, frame, out _).ShouldBe(SipParseStatus.Complete);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            SipParser.Scan(bytes, true, frame, out _);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }

    [Fact]
    public void TryParse_IncompleteInput_AllocatesNothing()
    {
        var bytes = Encoding.UTF8.GetBytes(SipParsingData.Invite);
        SipParser.TryParse(bytes.AsSpan(0, 200), true, out _, out _, out _, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            SipParser.TryParse(bytes.AsSpan(0, 200), true, out _, out _, out _, out _);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }
}
