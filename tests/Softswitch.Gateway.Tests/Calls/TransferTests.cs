using Shouldly;
using Softswitch.Gateway.Calls;
using Softswitch.Sip;
using Xunit;

namespace Softswitch.Gateway.Tests.Calls;

/// <summary>Blind transfer as the transferor (RFC 3515): REFER inside the dialog, the NOTIFY sipfrags, BYE once the target answers.</summary>
public sealed class TransferTests
{
    private static readonly SipUri Target = SipUri.Parse("sip:queue-member@192.0.2.10:5060");

    [Fact]
    public async Task Transfer_ReferAcceptedAndTargetAnswers_ByeAndTransferred()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await EstablishAsync(peer);
        var call = await fx.Handler.FirstCall;

        var transfer = call.TransferAsync(Target, CancellationToken.None);
        var refer = await peer.ExpectRequestAsync(SipMethods.Refer);
        refer.Headers[SipHeaderNames.ReferTo].ShouldBe("<sip:queue-member@192.0.2.10:5060>");
        refer.Headers[SipHeaderNames.ReferredBy]!.ShouldContain("sip:agent@");
        refer.To.Tag.ShouldBe(peer.FromTag);
        refer.From.Tag.ShouldBe(peer.RemoteTag);
        await peer.RespondAsync(refer, 202);

        await peer.SendAsync(Notify(peer, "SIP/2.0 100 Trying", "active;expires=60"));
        await peer.ExpectResponseAsync(200, SipMethods.Notify);
        transfer.IsCompleted.ShouldBeFalse();
        await peer.SendAsync(Notify(peer, "SIP/2.0 200 OK", "terminated;reason=noresource"));
        await peer.ExpectResponseAsync(200, SipMethods.Notify);

        var bye = await peer.ExpectRequestAsync(SipMethods.Bye);
        await peer.RespondAsync(bye, 200);
        var result = await transfer.WaitAsync(TimeSpan.FromSeconds(5));
        result.Outcome.ShouldBe(CallTransferOutcome.Transferred);
        result.StatusCode.ShouldBe(200);
        await call.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        call.EndReason.ShouldBe(CallEndReason.Transferred);
    }

    [Fact]
    public async Task Transfer_ReferRefused_CallGoesOn()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await EstablishAsync(peer);
        var call = await fx.Handler.FirstCall;

        var transfer = call.TransferAsync(Target, CancellationToken.None);
        await peer.RespondAsync(await peer.ExpectRequestAsync(SipMethods.Refer), 405);

        var result = await transfer.WaitAsync(TimeSpan.FromSeconds(5));
        result.Outcome.ShouldBe(CallTransferOutcome.Refused);
        result.StatusCode.ShouldBe(405);
        call.State.ShouldBe(CallState.Answered);

        // A NOTIFY now belongs to no subscription.
        await peer.SendAsync(Notify(peer, "SIP/2.0 200 OK", "terminated"));
        await peer.ExpectResponseAsync(481, SipMethods.Notify);
    }

    [Fact]
    public async Task Transfer_TargetBusy_FailedAndCallGoesOn_SecondTransferPossible()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await EstablishAsync(peer);
        var call = await fx.Handler.FirstCall;

        var transfer = call.TransferAsync(Target, CancellationToken.None);
        var refer = await peer.ExpectRequestAsync(SipMethods.Refer);
        (await call.TransferAsync(Target, CancellationToken.None)).Outcome.ShouldBe(CallTransferOutcome.NotAllowed); // one at a time
        await peer.RespondAsync(refer, 202);

        // An unreadable sipfrag is refused with a reason; the transfer waits on.
        await peer.SendAsync(peer.Request(SipMethods.Notify, peer.NextCSeq(), "hello", inDialog: true, contentType: "message/sipfrag", extraHeaders: ["Event: refer", "Subscription-State: active"]));
        (await peer.ExpectResponseAsync(400, SipMethods.Notify)).Headers["Warning"]!.ShouldContain("sipfrag");
        await peer.SendAsync(Notify(peer, "SIP/2.0 486 Busy Here", "terminated;reason=noresource"));
        await peer.ExpectResponseAsync(200, SipMethods.Notify);

        var result = await transfer.WaitAsync(TimeSpan.FromSeconds(5));
        result.Outcome.ShouldBe(CallTransferOutcome.Failed);
        result.StatusCode.ShouldBe(486);
        call.State.ShouldBe(CallState.Answered);

        var again = call.TransferAsync(Target, CancellationToken.None);
        await peer.RespondAsync(await peer.ExpectRequestAsync(SipMethods.Refer), 603);
        (await again.WaitAsync(TimeSpan.FromSeconds(5))).Outcome.ShouldBe(CallTransferOutcome.Refused);
    }

    [Fact]
    public async Task Transfer_BeforeAnswer_NotAllowed()
    {
        var ringing = new TaskCompletionSource();
        await using var fx = await GatewayFixture.StartAsync(async (call, ct) =>
        {
            await call.RingAsync(ct);
            ringing.TrySetResult();
            await call.Completion.WaitAsync(ct).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        using var peer = new SipTestPeer(fx.SipEndPoint);
        await peer.SendAsync(peer.Request("INVITE", peer.NextCSeq(), SipTestPeer.Sdp(40000)));
        await ringing.Task.WaitAsync(TimeSpan.FromSeconds(5));

        var result = await (await fx.Handler.FirstCall).TransferAsync(Target, CancellationToken.None);
        result.Outcome.ShouldBe(CallTransferOutcome.NotAllowed);
        result.Detail.ShouldContain("ringing");
    }

    [Theory]
    [InlineData("SIP/2.0 200 OK", true, 200)]
    [InlineData("SIP/2.0 100 Trying\r\n", true, 100)]
    [InlineData("  SIP/2.0 603 Declined\r\nVia: x\r\n", true, 603)]
    [InlineData("SIP/2.0 99 Nope", false, 0)]
    [InlineData("HTTP/1.1 200 OK", false, 0)]
    [InlineData("", false, 0)]
    public void Sipfrag_StatusLine_Parsed(string body, bool ok, int status)
    {
        SipCall.TryParseSipfrag(System.Text.Encoding.UTF8.GetBytes(body), out var parsed).ShouldBe(ok);
        parsed.ShouldBe(status);
    }

    private static string Notify(SipTestPeer peer, string sipfrag, string subscriptionState) =>
        peer.Request(SipMethods.Notify, peer.NextCSeq(), sipfrag + "\r\n", inDialog: true, contentType: "message/sipfrag;version=2.0", extraHeaders: ["Event: refer", "Subscription-State: " + subscriptionState]);

    private static async Task EstablishAsync(SipTestPeer peer)
    {
        var cseq = peer.NextCSeq();
        await peer.SendAsync(peer.Request("INVITE", cseq, SipTestPeer.Sdp(40000)));
        await peer.ExpectResponseAsync(200, "INVITE");
        await peer.SendAsync(peer.Request("ACK", cseq, inDialog: true));
    }
}
