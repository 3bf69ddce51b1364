using Shouldly;
using Softswitch.Media.Dtmf;
using Softswitch.Sip;
using Xunit;

namespace Softswitch.Gateway.Tests.Calls;

/// <summary>SIP INFO key presses (application/dtmf-relay and application/dtmf) reach the call as digits; other bodies get clear answers.</summary>
public sealed class InfoDtmfTests
{
    [Fact]
    public async Task Info_DtmfRelayAndDtmf_EachDigitReachesTheCallWithItsDuration()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await EstablishAsync(peer);
        var call = await fx.Handler.FirstCall;

        await peer.SendAsync(peer.Request("INFO", peer.NextCSeq(), "Signal=5\r\nDuration=160\r\n", inDialog: true, contentType: "application/dtmf-relay"));
        await peer.ExpectResponseAsync(200, "INFO");
        await peer.SendAsync(peer.Request("INFO", peer.NextCSeq(), "11", inDialog: true, contentType: "application/dtmf"));
        await peer.ExpectResponseAsync(200, "INFO");

        call.DigitsReceived.ShouldBe([new DtmfDigit('5', TimeSpan.FromMilliseconds(160), DtmfSource.SipInfo), new DtmfDigit('#', DtmfInfoBody.DefaultDuration, DtmfSource.SipInfo)]);
        (await call.Dtmf.ReadAsync()).Digit.ShouldBe('5');
        (await call.Dtmf.ReadAsync()).Digit.ShouldBe('#');
    }

    [Fact]
    public async Task Info_OtherBodyType_Answers415WithAccept()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await EstablishAsync(peer);

        await peer.SendAsync(peer.Request("INFO", peer.NextCSeq(), "<media_control/>", inDialog: true, contentType: "application/media_control+xml"));
        var response = await peer.ExpectResponseAsync(415, "INFO");
        response.Headers[SipHeaderNames.Accept]!.ShouldContain("application/dtmf-relay");
        (await fx.Handler.FirstCall).DigitsReceived.ShouldBeEmpty();
    }

    [Fact]
    public async Task Info_UnreadableRelayBody_Answers400NamingTheProblem_AndCallGoesOn()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await EstablishAsync(peer);

        await peer.SendAsync(peer.Request("INFO", peer.NextCSeq(), "Signal=x\r\n", inDialog: true, contentType: "application/dtmf-relay"));
        var response = await peer.ExpectResponseAsync(400, "INFO");
        response.Headers["Warning"]!.ShouldContain("invalid digit");
        await peer.SendAsync(peer.Request("INFO", peer.NextCSeq(), "Signal=7\r\n", inDialog: true, contentType: "application/dtmf-relay"));
        await peer.ExpectResponseAsync(200, "INFO");
        (await fx.Handler.FirstCall).DigitsReceived.Select(d => d.Digit).ShouldBe(['7']);
    }

    [Fact]
    public async Task Info_OutsideAnyDialog_Answers481()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await peer.SendAsync(peer.Request("INFO", peer.NextCSeq(), "Signal=1\r\n", contentType: "application/dtmf-relay"));
        await peer.ExpectResponseAsync(481, "INFO");
    }

    private static async Task EstablishAsync(SipTestPeer peer)
    {
        var cseq = peer.NextCSeq();
        await peer.SendAsync(peer.Request("INVITE", cseq, SipTestPeer.Sdp(40000)));
        await peer.ExpectResponseAsync(200, "INVITE");
        await peer.SendAsync(peer.Request("ACK", cseq, inDialog: true));
    }
}
