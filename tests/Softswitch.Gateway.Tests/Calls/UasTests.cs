using Shouldly;
using Softswitch.Gateway.Calls;
using Softswitch.Sip;
using Softswitch.Sip.Sdp;
using Xunit;

namespace Softswitch.Gateway.Tests.Calls;

/// <summary>The UAS on a real gateway over loopback UDP, driven by a scripted peer (RFC 3261 §8.2, §13, §14, §15; RFC 3262; RFC 3311; RFC 4028).</summary>
public sealed class UasTests
{
    private const string Sdp = "application/sdp";

    [Fact]
    public async Task Options_OutsideDialog_Answers200WithCapabilities()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await peer.SendAsync(peer.Request("OPTIONS", peer.NextCSeq()));
        var ok = await peer.ExpectResponseAsync(200, "OPTIONS");
        ok.Headers[SipHeaderNames.Allow]!.ShouldContain("INVITE");
        ok.Headers[SipHeaderNames.Allow]!.ShouldContain("PRACK");
        ok.Headers[SipHeaderNames.Accept].ShouldBe(Sdp);
        ok.Headers[SipHeaderNames.Supported]!.ShouldContain("100rel");
        ok.To.Tag.ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("FOO", 501)]
    [InlineData("REGISTER", 405)]
    [InlineData("SUBSCRIBE", 405)]
    public async Task Request_UnservedMethod_Rejected(string method, int status)
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await peer.SendAsync(peer.Request(method, peer.NextCSeq()));
        var response = await peer.ExpectResponseAsync(status, method);
        if (status == 405)
        {
            response.Headers[SipHeaderNames.Allow].ShouldNotBeNull();
        }
    }

    [Fact]
    public async Task Invite_UnsupportedRequire_Answers420WithUnsupported()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await peer.SendAsync(peer.Request("INVITE", peer.NextCSeq(), SipTestPeer.Sdp(40000), extraHeaders: ["Require: foo, 100rel"]));
        var response = await peer.ExpectResponseAsync(420, "INVITE");
        response.Headers[SipHeaderNames.Unsupported].ShouldBe("foo");
    }

    [Fact]
    public async Task Invite_AcceptWithoutSdp_Answers406()
    {
        // RFC 4475 §3.3.15 (sdp01): Accept rules out the SDP our answer would carry.
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await peer.SendAsync(peer.Request("INVITE", peer.NextCSeq(), SipTestPeer.Sdp(40000), extraHeaders: ["Accept: text/nonexistent"]));
        var response = await peer.ExpectResponseAsync(406, "INVITE");
        response.Headers[SipHeaderNames.Accept].ShouldBe(Sdp);
    }

    [Fact]
    public async Task Invite_UnknownBodyType_Answers415WithAccept()
    {
        // RFC 4475 §3.3.6 (invut): a body we cannot read.
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        var invite = peer.Request("INVITE", peer.NextCSeq(), SipTestPeer.Sdp(40000)).Replace("Content-Type: application/sdp", "Content-Type: application/unknownformat", StringComparison.Ordinal);
        await peer.SendAsync(invite);
        var response = await peer.ExpectResponseAsync(415, "INVITE");
        response.Headers[SipHeaderNames.Accept].ShouldBe(Sdp);
    }

    [Fact]
    public async Task Options_MaxForwardsZero_StillAnswered200()
    {
        // RFC 4475 §3.3.11 (zeromf): a UA answers OPTIONS with Max-Forwards 0 normally.
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await peer.SendAsync(peer.Request("OPTIONS", peer.NextCSeq()).Replace("Max-Forwards: 70", "Max-Forwards: 0", StringComparison.Ordinal));
        await peer.ExpectResponseAsync(200, "OPTIONS");
    }

    [Fact]
    public async Task Invite_MaxForwardsZero_Answers483()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        var invite = peer.Request("INVITE", peer.NextCSeq(), SipTestPeer.Sdp(40000)).Replace("Max-Forwards: 70", "Max-Forwards: 0", StringComparison.Ordinal);
        await peer.SendAsync(invite);
        await peer.ExpectResponseAsync(483, "INVITE");
    }

    [Fact]
    public async Task Invite_MergedRequest_Answers482()
    {
        var hold = new TaskCompletionSource();
        await using var fx = await GatewayFixture.StartAsync(async (call, ct) => await hold.Task.WaitAsync(ct));
        using var peer = new SipTestPeer(fx.SipEndPoint);
        var cseq = peer.NextCSeq();
        await peer.SendAsync(peer.Request("INVITE", cseq, SipTestPeer.Sdp(40000)));
        await peer.ExpectResponseAsync(100, "INVITE");
        // Same From tag, Call-ID and CSeq, another branch: the same request arriving by a second path (§8.2.2.2).
        await peer.SendAsync(peer.Request("INVITE", cseq, SipTestPeer.Sdp(40000)));
        await peer.ExpectResponseAsync(482, "INVITE");
        hold.SetResult();
    }

    [Fact]
    public async Task Invite_OverCapacity_Answers503WithRetryAfter()
    {
        var hold = new TaskCompletionSource();
        await using var fx = await GatewayFixture.StartAsync(async (call, ct) => await hold.Task.WaitAsync(ct), o => o.MaxConcurrentCalls = 1);
        using var first = new SipTestPeer(fx.SipEndPoint);
        await first.SendAsync(first.Request("INVITE", first.NextCSeq(), SipTestPeer.Sdp(40000)));
        await first.ExpectResponseAsync(100, "INVITE");
        using var second = new SipTestPeer(fx.SipEndPoint);
        await second.SendAsync(second.Request("INVITE", second.NextCSeq(), SipTestPeer.Sdp(40002)));
        var busy = await second.ExpectResponseAsync(503, "INVITE");
        busy.Headers[SipHeaderNames.RetryAfter].ShouldBe("5");
        hold.SetResult();
    }

    [Fact]
    public async Task Invite_NoCommonCodec_Answers488()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await peer.SendAsync(peer.Request("INVITE", peer.NextCSeq(), SipTestPeer.Sdp(40000, formats: "18")));
        await peer.ExpectResponseAsync(488, "INVITE");
    }

    [Fact]
    public async Task Invite_WithOffer_RingsAnswersAndEndsOnBye()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        var cseq = peer.NextCSeq();
        await peer.SendAsync(peer.Request("INVITE", cseq, SipTestPeer.Sdp(40000, formats: "8 0 101")));
        await peer.ExpectResponseAsync(180, "INVITE");
        var ok = await peer.ExpectResponseAsync(200, "INVITE");
        ok.ContentType.ShouldBe(Sdp);
        SdpSession.TryParse(ok.Body.Span, out var answer, out _).ShouldBeTrue();
        answer!.Media[0].Formats[0].ShouldBe(0); // our first preference among those offered (Media:Codecs), PCMU
        answer.Media[0].Port.ShouldBeGreaterThan(0);
        ok.Contacts.ShouldNotBeEmpty();
        await peer.SendAsync(peer.Request("ACK", cseq, inDialog: true));
        var call = await fx.Handler.FirstCall;
        await peer.SendAsync(peer.Request("BYE", peer.NextCSeq(), inDialog: true));
        await peer.ExpectResponseAsync(200, "BYE");
        await call.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        call.EndReason.ShouldBe(CallEndReason.RemoteHangup);
        fx.Gateway.ActiveCalls.ShouldBe(0);
    }

    [Fact]
    public async Task Invite_Cancelled_Answers487()
    {
        await using var fx = await GatewayFixture.StartAsync(async (call, ct) =>
        {
            await call.RingAsync(ct);
            await call.Completion.WaitAsync(ct);
        });
        using var peer = new SipTestPeer(fx.SipEndPoint);
        var cseq = peer.NextCSeq();
        var branch = SipTestPeer.NewBranch();
        await peer.SendAsync(peer.Request("INVITE", cseq, SipTestPeer.Sdp(40000), branch));
        await peer.ExpectResponseAsync(180, "INVITE");
        await peer.SendAsync(peer.Request("CANCEL", cseq, branch: branch));
        await peer.ExpectResponseAsync(200, "CANCEL");
        await peer.ExpectResponseAsync(487, "INVITE");
        var call = await fx.Handler.FirstCall;
        await call.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        call.EndReason.ShouldBe(CallEndReason.Cancelled);
    }

    [Fact]
    public async Task Invite_WithoutOffer_OffersIn200AndTakesAnswerFromAck()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        var cseq = peer.NextCSeq();
        await peer.SendAsync(peer.Request("INVITE", cseq));
        var ok = await peer.ExpectResponseAsync(200, "INVITE");
        SdpSession.TryParse(ok.Body.Span, out var offer, out _).ShouldBeTrue();
        offer!.Media[0].Formats.ShouldContain(0);
        await peer.SendAsync(peer.Request("ACK", cseq, SipTestPeer.Sdp(40010, formats: "0"), inDialog: true));
        var call = await fx.Handler.FirstCall;
        // The answer in the ACK points the RTP leg at the caller.
        await WaitUntil(() => call.Media.RemoteEndPoint?.Port == 40010);
        await peer.SendAsync(peer.Request("BYE", peer.NextCSeq(), inDialog: true));
        await peer.ExpectResponseAsync(200, "BYE");
    }

    [Theory]
    [InlineData("sendonly", "recvonly")]
    [InlineData("inactive", "inactive")]
    [InlineData("recvonly", "sendonly")]
    [InlineData("sendrecv", "sendrecv")]
    public async Task ReInvite_Direction_AnsweredPerRfc3264(string offered, string answered)
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await EstablishAsync(peer);
        var cseq = peer.NextCSeq();
        await peer.SendAsync(peer.Request("INVITE", cseq, SipTestPeer.Sdp(40000, offered, version: 2), inDialog: true));
        var ok = await peer.ExpectResponseAsync(200, "INVITE");
        SdpSession.TryParse(ok.Body.Span, out var answer, out _).ShouldBeTrue();
        answer!.Media[0].Direction.ToString().ToLowerInvariant().ShouldBe(answered);
        await peer.SendAsync(peer.Request("ACK", cseq, inDialog: true));
        await peer.SendAsync(peer.Request("BYE", peer.NextCSeq(), inDialog: true));
        await peer.ExpectResponseAsync(200, "BYE");
    }

    [Fact]
    public async Task Update_WithoutBody_Answers200()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await EstablishAsync(peer);
        await peer.SendAsync(peer.Request("UPDATE", peer.NextCSeq(), inDialog: true));
        await peer.ExpectResponseAsync(200, "UPDATE");
    }

    [Fact]
    public async Task Bye_UnknownDialog_Answers481()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await peer.SendAsync(peer.Request("BYE", peer.NextCSeq(), extraHeaders: []).Replace("To: <sip:agent@127.0.0.1>", "To: <sip:agent@127.0.0.1>;tag=nosuch", StringComparison.Ordinal));
        await peer.ExpectResponseAsync(481, "BYE");
    }

    [Theory]
    [InlineData("Supported: 100rel")]
    [InlineData("Require: 100rel")]
    public async Task Invite_100rel_ProvisionalIsReliableAnd200WaitsForPrack(string header)
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        var cseq = peer.NextCSeq();
        await peer.SendAsync(peer.Request("INVITE", cseq, SipTestPeer.Sdp(40000), extraHeaders: [header]));
        var ringing = await peer.ExpectResponseAsync(180, "INVITE");
        ringing.HasOptionTag(SipHeaderNames.Require, "100rel").ShouldBeTrue();
        var rseq = ringing.Headers[SipHeaderNames.RSeq];
        rseq.ShouldNotBeNull();

        // Unacknowledged, the 180 is retransmitted (T1) and no 200 is sent.
        var again = await peer.ExpectResponseAsync(180, "INVITE", seconds: 2);
        again.Headers[SipHeaderNames.RSeq].ShouldBe(rseq);

        await peer.SendAsync(peer.Request("PRACK", peer.NextCSeq(), inDialog: true, extraHeaders: [$"RAck: {rseq} {cseq} INVITE"]));
        await peer.ExpectResponseAsync(200, "PRACK");
        await peer.ExpectResponseAsync(200, "INVITE");
        await peer.SendAsync(peer.Request("ACK", cseq, inDialog: true));
        await peer.SendAsync(peer.Request("BYE", peer.NextCSeq(), inDialog: true));
        await peer.ExpectResponseAsync(200, "BYE");
    }

    [Fact]
    public async Task Invite_EarlyMedia_Sends183WithAnswer()
    {
        await using var fx = await GatewayFixture.StartAsync(async (call, ct) =>
        {
            await call.StartEarlyMediaAsync(ct);
            await call.AnswerAsync(ct);
            await call.Completion.WaitAsync(ct);
        });
        using var peer = new SipTestPeer(fx.SipEndPoint);
        var cseq = peer.NextCSeq();
        await peer.SendAsync(peer.Request("INVITE", cseq, SipTestPeer.Sdp(40000)));
        var progress = await peer.ExpectResponseAsync(183, "INVITE");
        progress.ContentType.ShouldBe(Sdp);
        var ok = await peer.ExpectResponseAsync(200, "INVITE");
        ok.ContentType.ShouldBe(Sdp); // an unreliable early answer is repeated in the 2xx
        await peer.SendAsync(peer.Request("ACK", cseq, inDialog: true));
        await peer.SendAsync(peer.Request("BYE", peer.NextCSeq(), inDialog: true));
        await peer.ExpectResponseAsync(200, "BYE");
    }

    [Fact]
    public async Task Invite_SessionExpiresBelowMin_Answers422()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await peer.SendAsync(peer.Request("INVITE", peer.NextCSeq(), SipTestPeer.Sdp(40000), extraHeaders: ["Session-Expires: 30", "Supported: timer"]));
        var response = await peer.ExpectResponseAsync(422, "INVITE");
        response.Headers[SipHeaderNames.MinSE].ShouldBe("90");
    }

    [Fact]
    public async Task Invite_SessionTimer_AnsweredWithTermsAndRequireTimer()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        var cseq = peer.NextCSeq();
        await peer.SendAsync(peer.Request("INVITE", cseq, SipTestPeer.Sdp(40000), extraHeaders: ["Session-Expires: 120;refresher=uac", "Supported: timer"]));
        var ok = await peer.ExpectResponseAsync(200, "INVITE");
        ok.Headers[SipHeaderNames.SessionExpires].ShouldBe("120;refresher=uac");
        ok.HasOptionTag(SipHeaderNames.Require, "timer").ShouldBeTrue();
        await peer.SendAsync(peer.Request("ACK", cseq, inDialog: true));

        // A refresh by UPDATE is answered with the terms again.
        await peer.SendAsync(peer.Request("UPDATE", peer.NextCSeq(), inDialog: true, extraHeaders: ["Session-Expires: 120;refresher=uac", "Supported: timer"]));
        var refreshed = await peer.ExpectResponseAsync(200, "UPDATE");
        refreshed.Headers[SipHeaderNames.SessionExpires].ShouldBe("120;refresher=uac");
        await peer.SendAsync(peer.Request("BYE", peer.NextCSeq(), inDialog: true));
        await peer.ExpectResponseAsync(200, "BYE");
    }

    [Fact]
    public async Task Answer_NoAck_RetransmitsThenByes()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait, o => { });
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await peer.SendAsync(peer.Request("INVITE", peer.NextCSeq(), SipTestPeer.Sdp(40000)));
        await peer.ExpectResponseAsync(200, "INVITE");
        // §13.3.1.4: retransmitted at T1, 2·T1, ... while no ACK arrives.
        await peer.ExpectResponseAsync(200, "INVITE", seconds: 1.5);
        await peer.ExpectResponseAsync(200, "INVITE", seconds: 2.5);
    }

    [Fact]
    public async Task Hangup_ByHandler_SendsBye()
    {
        await using var fx = await GatewayFixture.StartAsync(async (call, ct) =>
        {
            await call.AnswerAsync(ct);
            await Task.Delay(300, ct);
            await call.HangupAsync(ct);
        });
        using var peer = new SipTestPeer(fx.SipEndPoint);
        var cseq = peer.NextCSeq();
        await peer.SendAsync(peer.Request("INVITE", cseq, SipTestPeer.Sdp(40000)));
        await peer.ExpectResponseAsync(200, "INVITE");
        await peer.SendAsync(peer.Request("ACK", cseq, inDialog: true));
        var bye = await peer.ExpectRequestAsync("BYE");
        bye.CallId.ShouldBe(peer.CallId);
        bye.To.Tag.ShouldBe(peer.FromTag);
        await peer.RespondAsync(bye, 200);
        var call = await fx.Handler.FirstCall;
        await call.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        call.EndReason.ShouldBe(CallEndReason.LocalHangup);
    }

    [Fact]
    public async Task Garbage_ThenCall_GatewayKeepsServing()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        var random = new Random(42);
        for (var i = 0; i < 50; i++)
        {
            var junk = new byte[random.Next(1, 1400)];
            random.NextBytes(junk);
            await peer.SendAsync(junk);
        }

        // Answerable but invalid: Content-Length larger than the datagram.
        var bad = peer.Request("OPTIONS", peer.NextCSeq()).Replace("Content-Length: 0", "Content-Length: 999", StringComparison.Ordinal);
        await peer.SendAsync(bad);
        await peer.ExpectResponseAsync(400, "OPTIONS");

        await peer.SendAsync(peer.Request("OPTIONS", peer.NextCSeq()));
        await peer.ExpectResponseAsync(200, "OPTIONS");
    }

    private static async Task EstablishAsync(SipTestPeer peer)
    {
        var cseq = peer.NextCSeq();
        await peer.SendAsync(peer.Request("INVITE", cseq, SipTestPeer.Sdp(40000)));
        await peer.ExpectResponseAsync(200, "INVITE");
        await peer.SendAsync(peer.Request("ACK", cseq, inDialog: true));

        // The gateway reads UDP on one loop per core, so an ACK and a request sent right after it may reach the call in either
        // order, and a re-INVITE ahead of the ACK rightly gets 500 with Retry-After (RFC 3261 §14.2). A phone's next request
        // comes much later; give the ACK that time here.
        await Task.Delay(100);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        condition().ShouldBeTrue();
    }
}
