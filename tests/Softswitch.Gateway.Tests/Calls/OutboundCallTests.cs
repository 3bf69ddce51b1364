using System.Text;
using Shouldly;
using Softswitch.Gateway.Calls;
using Softswitch.Sip;
using Xunit;

namespace Softswitch.Gateway.Tests.Calls;

/// <summary>Outbound calls (the gateway as UAC, RFC 3261 §13.2) against a scripted callee on loopback.</summary>
public sealed class OutboundCallTests
{
    private const string CalleeTag = "callee-tag-1";

    [Fact]
    public async Task Originate_Answered_AckedHandlerRuns_CalleeHangsUp()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var callee = new SipTestPeer(fx.SipEndPoint);
        var handled = new TaskCompletionSource<ICall>(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = fx.Gateway.Originate(Request(callee, TimeSpan.FromSeconds(10), new Handler(handled))).ShouldNotBeNull();
        call.IsOutbound.ShouldBeTrue();

        var invite = await callee.ExpectRequestAsync(SipMethods.Invite);
        invite.RequestUri.User.ShouldBe("+33142000000");
        invite.From.Uri.User.ShouldBe("1000");
        invite.From.Tag.ShouldNotBeNullOrEmpty();
        invite.To.Tag.ShouldBeNull();
        invite.CSeq.Method.ShouldBe(SipMethods.Invite);
        invite.ContentType.ShouldBe("application/sdp");
        Encoding.ASCII.GetString(invite.Body.Span).ShouldContain("m=audio ");

        await callee.SendAsync(Response(invite, 180, callee).ToBytes());
        await WaitForAsync(() => call.State == CallState.Ringing);
        handled.Task.IsCompleted.ShouldBeFalse();
        await callee.SendAsync(Response(invite, 200, callee, sdp: true).ToBytes());

        var ack = await callee.ExpectRequestAsync(SipMethods.Ack);
        ack.CSeq.Number.ShouldBe(invite.CSeq.Number);
        ack.To.Tag.ShouldBe(CalleeTag);
        ack.RequestUri.User.ShouldBe("callee"); // the 2xx's Contact is the remote target
        (await handled.Task.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBeSameAs(call);
        call.State.ShouldBe(CallState.Answered);
        fx.Gateway.Calls.ShouldContain(call);

        // A retransmitted 2xx is acknowledged again (§13.2.2.4).
        await callee.SendAsync(Response(invite, 200, callee, sdp: true).ToBytes());
        (await callee.ExpectRequestAsync(SipMethods.Ack)).CSeq.Number.ShouldBe(invite.CSeq.Number);

        await callee.SendAsync(Encoding.UTF8.GetBytes(InDialog(invite, callee, "BYE", 1)));
        await callee.ExpectResponseAsync(200, SipMethods.Bye);
        await call.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        call.EndReason.ShouldBe(CallEndReason.RemoteHangup);
        call.FinalStatus.ShouldBeNull();
    }

    [Fact]
    public async Task Originate_OurHangupAfterAnswer_SendsByeInTheDialog()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var callee = new SipTestPeer(fx.SipEndPoint);
        var handled = new TaskCompletionSource<ICall>(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = fx.Gateway.Originate(Request(callee, TimeSpan.FromSeconds(10), new Handler(handled))).ShouldNotBeNull();
        var invite = await callee.ExpectRequestAsync(SipMethods.Invite);
        await callee.SendAsync(Response(invite, 200, callee, sdp: true).ToBytes());
        await callee.ExpectRequestAsync(SipMethods.Ack);
        await handled.Task.WaitAsync(TimeSpan.FromSeconds(5));

        var hangup = call.HangupAsync(CancellationToken.None).AsTask();
        var bye = await callee.ExpectRequestAsync(SipMethods.Bye);
        bye.From.Tag.ShouldBe(invite.From.Tag);
        bye.To.Tag.ShouldBe(CalleeTag);
        bye.CSeq.Number.ShouldBeGreaterThan(invite.CSeq.Number);
        await callee.RespondAsync(bye, 200);
        await hangup.WaitAsync(TimeSpan.FromSeconds(5));
        call.EndReason.ShouldBe(CallEndReason.LocalHangup);
    }

    [Theory]
    [InlineData(486, CallEndReason.Busy)]
    [InlineData(603, CallEndReason.Rejected)]
    [InlineData(480, CallEndReason.NoAnswer)]
    public async Task Originate_Refused_EndsWithTheStatus_HandlerNeverRuns(int status, CallEndReason reason)
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var callee = new SipTestPeer(fx.SipEndPoint);
        var handled = new TaskCompletionSource<ICall>(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = fx.Gateway.Originate(Request(callee, TimeSpan.FromSeconds(10), new Handler(handled))).ShouldNotBeNull();
        var invite = await callee.ExpectRequestAsync(SipMethods.Invite);
        await callee.SendAsync(Response(invite, status, callee).ToBytes());

        var ack = await callee.ExpectRequestAsync(SipMethods.Ack); // the transaction's ACK for a failure (§17.1.1.3)
        ack.CSeq.Number.ShouldBe(invite.CSeq.Number);
        await call.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        call.FinalStatus.ShouldBe(status);
        call.EndReason.ShouldBe(reason);
        handled.Task.IsCompleted.ShouldBeFalse();
        fx.Gateway.ActiveCalls.ShouldBe(0);
    }

    [Fact]
    public async Task Originate_RingsPastItsTime_CancelledNoAnswer()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var callee = new SipTestPeer(fx.SipEndPoint);
        var handled = new TaskCompletionSource<ICall>(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = fx.Gateway.Originate(Request(callee, TimeSpan.FromMilliseconds(800), new Handler(handled))).ShouldNotBeNull();
        var invite = await callee.ExpectRequestAsync(SipMethods.Invite);
        await callee.SendAsync(Response(invite, 180, callee).ToBytes());

        var cancel = await callee.ExpectRequestAsync(SipMethods.Cancel, seconds: 5);
        cancel.CSeq.Number.ShouldBe(invite.CSeq.Number);
        cancel.Headers[SipHeaderNames.Via].ShouldBe(invite.Headers[SipHeaderNames.Via]); // §9.1: the same branch
        await callee.RespondAsync(cancel, 200);
        await callee.SendAsync(Response(invite, 487, callee).ToBytes());
        await callee.ExpectRequestAsync(SipMethods.Ack);

        await call.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        call.EndReason.ShouldBe(CallEndReason.NoAnswer);
        call.FinalStatus.ShouldBe(487);
        handled.Task.IsCompleted.ShouldBeFalse();
    }

    [Fact]
    public async Task Originate_HangupWhileRinging_Cancels()
    {
        await using var fx = await GatewayFixture.StartAsync(GatewayFixture.AnswerAndWait);
        using var callee = new SipTestPeer(fx.SipEndPoint);
        var call = fx.Gateway.Originate(Request(callee, TimeSpan.FromSeconds(30), new Handler(new TaskCompletionSource<ICall>()))).ShouldNotBeNull();
        var invite = await callee.ExpectRequestAsync(SipMethods.Invite);
        await callee.SendAsync(Response(invite, 180, callee).ToBytes());
        await WaitForAsync(() => call.State == CallState.Ringing);

        var hangup = call.HangupAsync(CancellationToken.None).AsTask();
        var cancel = await callee.ExpectRequestAsync(SipMethods.Cancel);
        await callee.RespondAsync(cancel, 200);
        await callee.SendAsync(Response(invite, 487, callee).ToBytes());
        await hangup.WaitAsync(TimeSpan.FromSeconds(5));
        call.EndReason.ShouldBe(CallEndReason.LocalHangup);
    }

    [Fact]
    public void Originate_HostNameWithoutNextHop_Refused()
    {
        var gateway = new SipGateway(new SipOptions(), new MediaOptions(), new GatewayFixture.ScriptedHandler(GatewayFixture.AnswerAndWait), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, TimeProvider.System);
        Should.Throw<InvalidOperationException>(() => gateway.Originate(new OutboundCallRequest(SipUri.Parse("sip:1@192.0.2.1"), "1000", TimeSpan.FromSeconds(1))));
    }

    private static OutboundCallRequest Request(SipTestPeer callee, TimeSpan ringTimeout, ICallHandler handler) =>
        new(SipUri.Parse($"sip:+33142000000@127.0.0.1:{callee.LocalEndPoint.Port}"), "1000", ringTimeout, handler);

    private static SipResponse Response(SipRequest invite, int status, SipTestPeer callee, bool sdp = false)
    {
        var response = SipResponse.CreateFor(invite, status, status > 100 ? CalleeTag : null);
        if (status is > 100 and < 300)
        {
            response.Headers.Add(SipHeaderNames.Contact, $"<sip:callee@127.0.0.1:{callee.LocalEndPoint.Port}>");
        }

        if (sdp)
        {
            response.Headers.Set(SipHeaderNames.ContentType, "application/sdp");
            response.Body = Encoding.ASCII.GetBytes(SipTestPeer.Sdp(41000, formats: "0 101"));
        }

        return response;
    }

    // A request from the callee inside the dialog: From is the callee (its tag), To is the gateway (the INVITE's From tag).
    private static string InDialog(SipRequest invite, SipTestPeer callee, string method, int cseq)
    {
        var contact = invite.Contacts[0].Uri;
        return $"{method} {contact} SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP 127.0.0.1:{callee.LocalEndPoint.Port};branch={SipTestPeer.NewBranch()};rport\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: <sip:callee@127.0.0.1>;tag={CalleeTag}\r\n" +
            $"To: {invite.Headers[SipHeaderNames.From]}\r\n" +
            $"Call-ID: {invite.CallId}\r\n" +
            $"CSeq: {cseq} {method}\r\n" +
            "Content-Length: 0\r\n\r\n";
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 250 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        condition().ShouldBeTrue();
    }

    private sealed class Handler(TaskCompletionSource<ICall> handled) : ICallHandler
    {
        public async Task HandleCallAsync(ICall call, CancellationToken cancellationToken)
        {
            handled.TrySetResult(call);
            await call.Completion.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
