using Shouldly;
using Softswitch.Media.Dtmf;
using Xunit;

namespace Softswitch.Media.Tests.Dtmf;

public sealed class DtmfInfoBodyTests
{
    [Theory]
    [InlineData("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n", '5', 160)]
    [InlineData("application/dtmf-relay", "Signal=5\nDuration=160\n", '5', 160)]
    [InlineData("application/dtmf-relay", "Signal=5\nDuration=160", '5', 160)]
    [InlineData("Application/DTMF-Relay; charset=utf-8", "signal = # \r\n DURATION= 100 \r\n", '#', 100)]
    [InlineData("application/dtmf-relay", "Signal=*\r\n", '*', 250)]
    [InlineData("application/dtmf-relay", "Signal=10\r\nDuration=200\r\n", '*', 200)]
    [InlineData("application/dtmf-relay", "Signal=11\r\nDuration=200\r\n", '#', 200)]
    [InlineData("application/dtmf-relay", "Signal=d\r\nDuration=200\r\n", 'D', 200)]
    [InlineData("application/dtmf-relay", "Signal=12\r\n", 'A', 250)]
    [InlineData("application/dtmf-relay", "\r\nDuration=300\r\nVolume=10\r\nSignal=0\r\n\r\n", '0', 300)]
    [InlineData("application/dtmf-relay", "Signal=7\r\nDuration=0\r\n", '7', 0)]
    [InlineData("application/dtmf", "5", '5', 250)]
    [InlineData("application/dtmf", " 9\r\n", '9', 250)]
    [InlineData("application/dtmf", "11", '#', 250)]
    [InlineData("application/dtmf", "10", '*', 250)]
    [InlineData("APPLICATION/DTMF ; foo=bar", "B", 'B', 250)]
    public void TryParse_Valid_ReturnsDigit(string contentType, string body, char key, int durationMs)
    {
        DtmfInfoBody.TryParse(contentType, body, out var digit, out var error).ShouldBeTrue(error);
        error.ShouldBeNull();
        digit.ShouldBe(new DtmfDigit(key, TimeSpan.FromMilliseconds(durationMs), DtmfSource.SipInfo));
    }

    [Theory]
    [InlineData("application/dtmf-relay", "Duration=160\r\n", "missing Signal")]
    [InlineData("application/dtmf-relay", "", "missing Signal")]
    [InlineData("application/dtmf-relay", "Signal=\r\n", "empty Signal")]
    [InlineData("application/dtmf-relay", "Signal=x\r\n", "invalid digit 'x'")]
    [InlineData("application/dtmf-relay", "Signal=16\r\n", "invalid digit '16'")]
    [InlineData("application/dtmf-relay", "Signal=55\r\n", "invalid digit '55'")]
    [InlineData("application/dtmf-relay", "Signal=5\r\nDuration=abc\r\n", "invalid Duration 'abc'")]
    [InlineData("application/dtmf-relay", "Signal=5\r\nDuration=-5\r\n", "invalid Duration '-5'")]
    [InlineData("application/dtmf-relay", "Signal=5\r\nDuration=60001\r\n", "invalid Duration '60001'")]
    [InlineData("application/dtmf", "", "empty body")]
    [InlineData("application/dtmf", " \r\n", "empty body")]
    [InlineData("application/dtmf", "Signal=5", "invalid digit 'Signal=5'")]
    [InlineData("application/dtmf", "E", "invalid digit 'E'")]
    [InlineData("text/plain", "5", "unsupported content type 'text/plain'")]
    [InlineData("application/dtmf-relayx", "Signal=5", "unsupported content type 'application/dtmf-relayx'")]
    public void TryParse_Invalid_ReturnsReason(string contentType, string body, string reason)
    {
        DtmfInfoBody.TryParse(contentType, body, out var digit, out var error).ShouldBeFalse();
        error.ShouldBe(reason);
        digit.ShouldBe(default);
    }

    [Theory]
    [InlineData("application/dtmf-relay", true)]
    [InlineData("application/DTMF;x=y", true)]
    [InlineData("application/sdp", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsSupportedContentType_IgnoresCaseAndParameters(string? contentType, bool supported) =>
        DtmfInfoBody.IsSupportedContentType(contentType).ShouldBe(supported);
}
