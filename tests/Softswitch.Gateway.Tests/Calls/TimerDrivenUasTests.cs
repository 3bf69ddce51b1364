using Shouldly;
using Softswitch.Gateway.Calls;
using Softswitch.Gateway.Tests.Infrastructure;
using Softswitch.Sip;
using Xunit;

namespace Softswitch.Gateway.Tests.Calls;

/// <summary>
/// UAS deadlines on a manual clock: session expiry (RFC 4028 §10), our own refreshes, the ACK wait of §13.3.1.4 and the PRACK wait
/// of RFC 3262 §3. The network is real loopback UDP; only time is driven by the test.
/// </summary>
public sealed class TimerDrivenUasTests
{
    [Fact]
    public async Task SessionTimer_NoRefresh_ByeAtExpiryLessThird()
    {
        var clock = new ManualTimeProvider();
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait, timeProvider: clock);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await EstablishAsync(fx, peer, "Session-Expires: 90;refresher=uac", "Supported: timer");

        // Expiry is at 90 − min(32, 90/3) = 60 s: nothing before, BYE after.
        clock.Advance(TimeSpan.FromSeconds(59));
        await AssertNoRequestAsync(peer, "BYE");
        clock.Advance(TimeSpan.FromSeconds(2));
        var bye = await peer.ExpectRequestAsync("BYE");
        await peer.RespondAsync(bye, 200);
        var call = await fx.Handler.FirstCall;
        await call.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        call.EndReason.ShouldBe(CallEndReason.SessionExpired);
    }

    [Fact]
    public async Task SessionTimer_RefreshedByUpdate_StaysUp()
    {
        var clock = new ManualTimeProvider();
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait, timeProvider: clock);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await EstablishAsync(fx, peer, "Session-Expires: 90;refresher=uac", "Supported: timer");

        clock.Advance(TimeSpan.FromSeconds(45));
        await peer.SendAsync(peer.Request("UPDATE", peer.NextCSeq(), inDialog: true, extraHeaders: ["Session-Expires: 90;refresher=uac", "Supported: timer"]));
        await peer.ExpectResponseAsync(200, "UPDATE");
        await Task.Delay(100);

        // 45 + 45 = 90 s from the start is past the first expiry (60 s) but not the refreshed one (45 + 60 = 105 s).
        clock.Advance(TimeSpan.FromSeconds(45));
        await AssertNoRequestAsync(peer, "BYE");
        (await fx.Handler.FirstCall).State.ShouldBe(CallState.Answered);
    }

    [Fact]
    public async Task SessionTimer_WeRefresh_SendUpdateAtHalfInterval()
    {
        var clock = new ManualTimeProvider();
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait, timeProvider: clock);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await EstablishAsync(fx, peer, "Session-Expires: 120;refresher=uas", "Supported: timer");

        clock.Advance(TimeSpan.FromSeconds(61));
        var update = await peer.ExpectRequestAsync("UPDATE");
        update.Headers[SipHeaderNames.SessionExpires]!.ShouldStartWith("120;refresher=uas");
        update.CallId.ShouldBe(peer.CallId);
        await peer.RespondAsync(update, 200);
    }

    [Fact]
    public async Task Answer_AckNeverComes_ByeAfter64T1()
    {
        var clock = new ManualTimeProvider();
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait, timeProvider: clock);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await peer.SendAsync(peer.Request("INVITE", peer.NextCSeq(), SipTestPeer.Sdp(40000)));
        await peer.ExpectResponseAsync(200, "INVITE");

        clock.Advance(TimeSpan.FromSeconds(33));
        var bye = await peer.ExpectRequestAsync("BYE");
        await peer.RespondAsync(bye, 200);
        var call = await fx.Handler.FirstCall;
        await call.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        call.EndReason.ShouldBe(CallEndReason.AckTimeout);
    }

    [Fact]
    public async Task ReliableProvisional_PrackNeverComes_Rejects500()
    {
        var clock = new ManualTimeProvider();
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait, timeProvider: clock);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await peer.SendAsync(peer.Request("INVITE", peer.NextCSeq(), SipTestPeer.Sdp(40000), extraHeaders: ["Require: 100rel"]));
        await peer.ExpectResponseAsync(180, "INVITE");

        clock.Advance(TimeSpan.FromSeconds(33));
        await peer.ExpectResponseAsync(500, "INVITE");
        var call = await fx.Handler.FirstCall;
        await call.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        call.EndReason.ShouldBe(CallEndReason.PrackTimeout);
    }

    [Fact]
    public async Task RtpTimeout_NoMediaFromCaller_ByeWithReasonAfterTimeout()
    {
        var clock = new ManualTimeProvider();
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait, timeProvider: clock, configureMedia: m => m.RtpTimeoutSeconds = 20);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await EstablishAsync(fx, peer);

        clock.Advance(TimeSpan.FromSeconds(19));
        await AssertNoRequestAsync(peer, "BYE");
        clock.Advance(TimeSpan.FromSeconds(2));
        var bye = await peer.ExpectRequestAsync("BYE");
        bye.Headers["Reason"].ShouldBe("SIP;cause=408;text=\"RTP timeout\"");
        await peer.RespondAsync(bye, 200);
        var call = await fx.Handler.FirstCall;
        await call.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        call.EndReason.ShouldBe(CallEndReason.RtpTimeout);
    }

    [Fact]
    public async Task RtpTimeout_CallerPutUsOnHoldWithInactive_NoBye()
    {
        var clock = new ManualTimeProvider();
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait, timeProvider: clock, configureMedia: m => m.RtpTimeoutSeconds = 20);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await EstablishAsync(fx, peer);

        var cseq = peer.NextCSeq();
        await peer.SendAsync(peer.Request("INVITE", cseq, SipTestPeer.Sdp(40000, direction: "inactive", version: 2), inDialog: true));
        await peer.ExpectResponseAsync(200, "INVITE");
        await peer.SendAsync(peer.Request("ACK", cseq, inDialog: true));
        await Task.Delay(200);

        clock.Advance(TimeSpan.FromSeconds(45));
        await AssertNoRequestAsync(peer, "BYE");
        (await fx.Handler.FirstCall).State.ShouldNotBe(CallState.Ended);
    }

    private static async Task EstablishAsync(GatewayFixture fx, SipTestPeer peer, params string[] headers)
    {
        var cseq = peer.NextCSeq();
        await peer.SendAsync(peer.Request("INVITE", cseq, SipTestPeer.Sdp(40000), extraHeaders: headers));
        await peer.ExpectResponseAsync(200, "INVITE");
        await peer.SendAsync(peer.Request("ACK", cseq, inDialog: true));

        // Time may move only once the call's loop has taken the ACK; otherwise the ACK wait would expire first.
        var call = (SipCall)await fx.Handler.FirstCall;
        for (var i = 0; i < 200 && !call.IsConfirmed; i++)
        {
            await Task.Delay(25);
        }

        call.IsConfirmed.ShouldBeTrue();
    }

    private static async Task AssertNoRequestAsync(SipTestPeer peer, string method)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(400);
        while (DateTime.UtcNow < deadline)
        {
            var message = await peer.ReceiveAsync(deadline - DateTime.UtcNow);
            (message is SipRequest request && request.Method == method).ShouldBeFalse($"unexpected {method}");
        }
    }
}
