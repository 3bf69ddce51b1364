using System.Net;
using Shouldly;
using Softswitch.Gateway.Transactions;
using Softswitch.Gateway.Transports;
using Softswitch.Sip;
using Xunit;

namespace Softswitch.Gateway.Tests.Transactions;

public sealed class ClientTransactionTests : IAsyncLifetime
{
    private static readonly SipEndPoint s_udpPeer = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5070));
    private static readonly SipEndPoint s_tcpPeer = new(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5070));
    private readonly TransactionHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public void SendRequest_NoVia_AddsViaWithBranchAndRport()
    {
        var tx = _h.Layer.SendRequest(TestMessages.Outgoing(SipMethods.Options), s_udpPeer);

        var via = tx.Request.TopVia;
        via.Transport.ShouldBe("UDP");
        via.Host.ShouldBe("127.0.0.1");
        via.Port.ShouldBe(5060);
        via.HasRport.ShouldBeTrue();
        via.Branch.ShouldStartWith(SipVia.MagicCookie);
        tx.Branch.ShouldBe(via.Branch);
        tx.State.ShouldBe(SipTransactionState.Trying);
        _h.Sender.Sent.Single().Destination.ShouldBe(s_udpPeer);
    }

    [Fact]
    public void SendRequest_CallerVia_IsKept()
    {
        var request = TestMessages.Outgoing(SipMethods.Options);
        request.Headers.InsertFirst(SipHeaderNames.Via, "SIP/2.0/UDP 10.0.0.1:5099;branch=z9hG4bKmine");

        var tx = _h.Layer.SendRequest(request, s_udpPeer);

        tx.Branch.ShouldBe("z9hG4bKmine");
        tx.Request.Vias.Count.ShouldBe(1);
    }

    [Fact]
    public void SendRequest_Ack_Throws()
    {
        Should.Throw<ArgumentException>(() => _h.Layer.SendRequest(TestMessages.Outgoing(SipMethods.Ack), s_udpPeer));
    }

    [Fact]
    public async Task Invite_Udp_TimerARetransmitsDoublingAndTimerBGives408At32s()
    {
        var tx = _h.Layer.SendRequest(TestMessages.Outgoing(SipMethods.Invite), s_udpPeer);

        _h.Advance(499);
        _h.Sender.Requests(SipMethods.Invite).Count.ShouldBe(1);

        _h.AdvanceTo(31_999);
        _h.Sender.Requests(SipMethods.Invite).Select(s => s.At.TotalMilliseconds)
            .ShouldBe([0, 500, 1500, 3500, 7500, 15500, 31500]);
        tx.FinalResponse.IsCompleted.ShouldBeFalse();

        _h.AdvanceTo(32_000);
        var final = await tx.FinalResponse;
        final.StatusCode.ShouldBe(408);
        tx.State.ShouldBe(SipTransactionState.Terminated);
        _h.User.TerminationOf(tx).ShouldBe(SipTransactionTerminationReason.Timeout);
        _h.Layer.ActiveTransactionCount.ShouldBe(0);
        (await ReadAllAsync(tx)).Select(r => r.StatusCode).ShouldBe([408]);
    }

    [Fact]
    public async Task Invite_Tcp_NoRetransmissionAndTimeoutAt32s()
    {
        var tx = _h.Layer.SendRequest(TestMessages.Outgoing(SipMethods.Invite), s_tcpPeer);
        tx.Request.TopVia.Transport.ShouldBe("TCP");

        _h.AdvanceTo(31_999);
        _h.Sender.Sent.Count.ShouldBe(1);
        tx.FinalResponse.IsCompleted.ShouldBeFalse();

        _h.AdvanceTo(32_000);
        (await tx.FinalResponse).StatusCode.ShouldBe(408);
    }

    [Fact]
    public void Invite_Provisional_StopsTimerAAndTimerB()
    {
        var tx = _h.Layer.SendRequest(TestMessages.Outgoing(SipMethods.Invite), s_udpPeer);
        _h.Advance(600);
        _h.Receive(TestMessages.ResponseTo(tx.Request, 180));

        tx.State.ShouldBe(SipTransactionState.Proceeding);
        _h.Advance(120_000);

        _h.Sender.Requests(SipMethods.Invite).Count.ShouldBe(2);
        tx.State.ShouldBe(SipTransactionState.Proceeding);
        tx.FinalResponse.IsCompleted.ShouldBeFalse();
        tx.Responses.TryRead(out var ringing).ShouldBeTrue();
        ringing!.StatusCode.ShouldBe(180);
    }

    [Fact]
    public async Task Invite_NonSuccessFinal_SendsAckWithSameBranchAndAbsorbsRetransmissionsUntilTimerD()
    {
        var tx = _h.Layer.SendRequest(TestMessages.Outgoing(SipMethods.Invite), s_udpPeer);
        _h.Receive(TestMessages.ResponseTo(tx.Request, 100));
        var busy = TestMessages.ResponseTo(tx.Request, 486);
        _h.Receive(busy);

        (await tx.FinalResponse).StatusCode.ShouldBe(486);
        tx.State.ShouldBe(SipTransactionState.Completed);
        var ack = (SipRequest)_h.Sender.Requests(SipMethods.Ack).Single().Message;
        ack.TopVia.Branch.ShouldBe(tx.Branch);
        ack.Vias.Count.ShouldBe(1);
        ack.RequestUri.ToString().ShouldBe(tx.Request.RequestUri.ToString());
        ack.CSeq.ShouldBe(new SipCSeq(1, SipMethods.Ack));
        ack.To.Tag.ShouldBe("peer-tag");
        ack.From.Tag.ShouldBe("ours1");
        ack.CallId.ShouldBe("out-1@test");
        ack.Headers[SipHeaderNames.Route].ShouldBe("<sip:proxy.example;lr>");
        _h.Sender.Requests(SipMethods.Ack).Single().Destination.ShouldBe(s_udpPeer);

        // Timer A no longer runs; a retransmitted 486 is answered with the ACK again and not passed up.
        _h.Advance(10_000);
        _h.Receive(busy);
        _h.Sender.Requests(SipMethods.Invite).Count.ShouldBe(1);
        _h.Sender.Requests(SipMethods.Ack).Count.ShouldBe(2);

        _h.AdvanceTo(31_999);
        tx.State.ShouldBe(SipTransactionState.Completed);
        _h.AdvanceTo(32_000);
        tx.State.ShouldBe(SipTransactionState.Terminated);
        _h.User.TerminationOf(tx).ShouldBe(SipTransactionTerminationReason.Normal);
        (await ReadAllAsync(tx)).Select(r => r.StatusCode).ShouldBe([100, 486]);
    }

    [Fact]
    public async Task Invite_NonSuccessFinalOverTcp_AcksAndTerminatesAtOnce()
    {
        var tx = _h.Layer.SendRequest(TestMessages.Outgoing(SipMethods.Invite), s_tcpPeer);
        _h.Receive(TestMessages.ResponseTo(tx.Request, 503), SipTransportKind.Tcp);

        (await tx.FinalResponse).StatusCode.ShouldBe(503);
        _h.Sender.Requests(SipMethods.Ack).Count.ShouldBe(1);
        tx.State.ShouldBe(SipTransactionState.Terminated);
        _h.User.TerminationOf(tx).ShouldBe(SipTransactionTerminationReason.Normal);
    }

    [Fact]
    public async Task Invite_Success_AcceptedForwardsRetransmitted2xxUntilTimerM()
    {
        var tx = _h.Layer.SendRequest(TestMessages.Outgoing(SipMethods.Invite), s_udpPeer);
        var ok = TestMessages.ResponseTo(tx.Request, 200);
        _h.Receive(ok);

        (await tx.FinalResponse).StatusCode.ShouldBe(200);
        tx.State.ShouldBe(SipTransactionState.Accepted);
        _h.Sender.Requests(SipMethods.Ack).ShouldBeEmpty(); // The ACK for a 2xx is the TU's (§13.2.2.4).

        _h.Advance(500);
        _h.Receive(ok);
        _h.Advance(1000);
        _h.Receive(ok);
        _h.Sender.Requests(SipMethods.Invite).Count.ShouldBe(1); // No Timer A in Accepted.

        _h.AdvanceTo(31_999);
        tx.State.ShouldBe(SipTransactionState.Accepted);
        _h.AdvanceTo(32_000);
        tx.State.ShouldBe(SipTransactionState.Terminated);
        (await ReadAllAsync(tx)).Select(r => r.StatusCode).ShouldBe([200, 200, 200]);
    }

    [Fact]
    public async Task NonInvite_Udp_TimerECappedAtT2AndTimerFGives408()
    {
        var tx = _h.Layer.SendRequest(TestMessages.Outgoing(SipMethods.Options), s_udpPeer);

        _h.AdvanceTo(31_999);
        _h.Sender.Requests(SipMethods.Options).Select(s => s.At.TotalMilliseconds)
            .ShouldBe([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);

        _h.AdvanceTo(32_000);
        (await tx.FinalResponse).StatusCode.ShouldBe(408);
        _h.User.TerminationOf(tx).ShouldBe(SipTransactionTerminationReason.Timeout);
    }

    [Fact]
    public async Task NonInvite_Proceeding_RetransmitsEveryT2AndTimerFStillFires()
    {
        var tx = _h.Layer.SendRequest(TestMessages.Outgoing(SipMethods.Bye), s_udpPeer);
        _h.Advance(100);
        _h.Receive(TestMessages.ResponseTo(tx.Request, 100));
        tx.State.ShouldBe(SipTransactionState.Proceeding);

        _h.AdvanceTo(13_000);
        _h.Sender.Requests(SipMethods.Bye).Select(s => s.At.TotalMilliseconds).ShouldBe([0, 500, 4500, 8500, 12500]);

        _h.AdvanceTo(32_000);
        (await tx.FinalResponse).StatusCode.ShouldBe(408);
    }

    [Fact]
    public async Task NonInvite_Final_CompletedAbsorbsRetransmissionsUntilTimerK()
    {
        var tx = _h.Layer.SendRequest(TestMessages.Outgoing(SipMethods.Options), s_udpPeer);
        var ok = TestMessages.ResponseTo(tx.Request, 200);
        _h.Advance(700);
        _h.Receive(ok);

        (await tx.FinalResponse).StatusCode.ShouldBe(200);
        tx.State.ShouldBe(SipTransactionState.Completed);
        _h.Receive(ok);
        _h.Advance(4_999);
        tx.State.ShouldBe(SipTransactionState.Completed);
        _h.Sender.Requests(SipMethods.Options).Count.ShouldBe(2); // 0 and 500 ms; Timer E stopped.

        _h.Advance(1);
        tx.State.ShouldBe(SipTransactionState.Terminated);
        (await ReadAllAsync(tx)).Select(r => r.StatusCode).ShouldBe([200]);
    }

    [Fact]
    public async Task NonInvite_FinalOverTcp_TerminatesAtOnce()
    {
        var tx = _h.Layer.SendRequest(TestMessages.Outgoing(SipMethods.Options), s_tcpPeer);
        _h.Receive(TestMessages.ResponseTo(tx.Request, 200), SipTransportKind.Tcp);

        (await tx.FinalResponse).StatusCode.ShouldBe(200);
        tx.State.ShouldBe(SipTransactionState.Terminated);
        _h.Layer.ActiveTransactionCount.ShouldBe(0);
    }

    [Fact]
    public async Task SendRequest_TransportError_Delivers503AndTerminates()
    {
        _h.Sender.Fail = _ => true;

        var tx = _h.Layer.SendRequest(TestMessages.Outgoing(SipMethods.Invite), s_tcpPeer);

        (await tx.FinalResponse).StatusCode.ShouldBe(503);
        tx.State.ShouldBe(SipTransactionState.Terminated);
        _h.User.TerminationOf(tx).ShouldBe(SipTransactionTerminationReason.TransportError);
    }

    [Fact]
    public async Task Retransmission_TransportError_Delivers503()
    {
        var tx = _h.Layer.SendRequest(TestMessages.Outgoing(SipMethods.Options), s_udpPeer);
        _h.Sender.Fail = _ => true;

        _h.Advance(500);

        (await tx.FinalResponse).StatusCode.ShouldBe(503);
        _h.User.TerminationOf(tx).ShouldBe(SipTransactionTerminationReason.TransportError);
    }

    [Fact]
    public void Response_WrongMethodOrBranch_DoesNotMatch()
    {
        var tx = _h.Layer.SendRequest(TestMessages.Outgoing(SipMethods.Invite), s_udpPeer);
        var cancel = tx.CreateCancel();
        var cancelTx = _h.Layer.SendRequest(cancel, s_udpPeer);

        cancelTx.Branch.ShouldBe(tx.Branch);
        _h.Receive(TestMessages.ResponseTo(cancel, 200));

        cancelTx.State.ShouldBe(SipTransactionState.Completed);
        tx.State.ShouldBe(SipTransactionState.Calling);
    }

    [Fact]
    public void CreateCancel_CopiesIdentifiersPerSection9_1()
    {
        var tx = _h.Layer.SendRequest(TestMessages.Outgoing(SipMethods.Invite, cseq: 7), s_udpPeer);

        var cancel = tx.CreateCancel();

        cancel.Method.ShouldBe(SipMethods.Cancel);
        cancel.TopVia.Branch.ShouldBe(tx.Branch);
        cancel.CSeq.ShouldBe(new SipCSeq(7, SipMethods.Cancel));
        cancel.CallId.ShouldBe(tx.Request.CallId);
        cancel.To.Tag.ShouldBeNull();
        cancel.Headers[SipHeaderNames.Route].ShouldNotBeNull();
    }

    private static async Task<List<SipResponse>> ReadAllAsync(ClientTransaction tx)
    {
        var all = new List<SipResponse>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await foreach (var response in tx.Responses.ReadAllAsync(cts.Token))
        {
            all.Add(response);
        }

        return all;
    }
}
