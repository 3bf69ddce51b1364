using Shouldly;
using Softswitch.Gateway.Transactions;
using Softswitch.Gateway.Transports;
using Softswitch.Sip;
using Xunit;

namespace Softswitch.Gateway.Tests.Transactions;

public sealed class ServerTransactionTests : IAsyncLifetime
{
    private readonly TransactionHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public void Invite_TuSilentFor200ms_Sends100Trying()
    {
        var tx = _h.ReceiveNew(TestMessages.Request(SipMethods.Invite));
        tx.State.ShouldBe(SipTransactionState.Proceeding);

        _h.Advance(199);
        _h.Sender.Sent.ShouldBeEmpty();

        _h.Advance(1);
        var trying = (SipResponse)_h.Sender.Responses(100).Single().Message;
        trying.To.Tag.ShouldBeNull();
        trying.TopVia.Branch.ShouldBe("z9hG4bKpeer1");
        tx.LastResponse.ShouldBeSameAs(trying);
    }

    [Fact]
    public async Task Invite_TuAnswersWithin200ms_No100Trying()
    {
        var tx = _h.ReceiveNew(TestMessages.Request(SipMethods.Invite));
        _h.Advance(50);
        await tx.SendResponseAsync(SipResponse.CreateFor(tx.Request, 180, "uas"), default);

        _h.Advance(1000);
        _h.Sender.Sent.Select(s => ((SipResponse)s.Message).StatusCode).ShouldBe([180]);
    }

    [Fact]
    public async Task Invite_Retransmitted_AbsorbedAndLastProvisionalResent()
    {
        var invite = TestMessages.Request(SipMethods.Invite);
        var tx = _h.ReceiveNew(invite);
        await tx.SendResponseAsync(SipResponse.CreateFor(tx.Request, 180, "uas"), default);

        _h.Receive(TestMessages.Request(SipMethods.Invite));

        _h.User.Requests.Count.ShouldBe(1);
        _h.Sender.Responses(180).Count.ShouldBe(2);
        _h.Sender.Responses(180)[1].Destination.ShouldBe(new SipEndPoint(SipTransportKind.Udp, TestMessages.PeerEndPoint));
    }

    [Fact]
    public void Invite_RetransmittedBeforeAnyResponse_AbsorbedSilently()
    {
        _h.ReceiveNew(TestMessages.Request(SipMethods.Invite));
        _h.Receive(TestMessages.Request(SipMethods.Invite));

        _h.User.Requests.Count.ShouldBe(1);
        _h.Sender.Sent.ShouldBeEmpty();
    }

    [Fact]
    public async Task Invite_NonSuccessFinalOverUdp_TimerGDoublesToT2UntilTimerH()
    {
        var tx = _h.ReceiveNew(TestMessages.Request(SipMethods.Invite));
        await tx.SendResponseAsync(SipResponse.CreateFor(tx.Request, 486, "uas"), default);
        tx.State.ShouldBe(SipTransactionState.Completed);

        _h.AdvanceTo(31_999);
        _h.Sender.Responses(486).Select(s => s.At.TotalMilliseconds)
            .ShouldBe([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
        tx.State.ShouldBe(SipTransactionState.Completed);

        _h.AdvanceTo(32_000);
        tx.State.ShouldBe(SipTransactionState.Terminated);
        _h.User.TerminationOf(tx).ShouldBe(SipTransactionTerminationReason.Timeout);
        _h.Layer.ActiveTransactionCount.ShouldBe(0);
    }

    [Fact]
    public async Task Invite_AckForNonSuccess_StopsTimerGAbsorbsAndTimerITerminates()
    {
        var tx = _h.ReceiveNew(TestMessages.Request(SipMethods.Invite));
        await tx.SendResponseAsync(SipResponse.CreateFor(tx.Request, 486, "uas"), default);
        _h.Advance(600); // one Timer G retransmission at 500 ms.

        var ack = TestMessages.Request(SipMethods.Ack, toTag: "uas");
        _h.Receive(ack);
        tx.State.ShouldBe(SipTransactionState.Confirmed);
        _h.Receive(ack);
        _h.Receive(TestMessages.Request(SipMethods.Invite)); // Late INVITE retransmission: absorbed in Confirmed.

        _h.Advance(4_999);
        tx.State.ShouldBe(SipTransactionState.Confirmed);
        _h.Sender.Responses(486).Count.ShouldBe(2);
        _h.User.Acks.ShouldBeEmpty();

        _h.Advance(1);
        tx.State.ShouldBe(SipTransactionState.Terminated);
        _h.User.TerminationOf(tx).ShouldBe(SipTransactionTerminationReason.Normal);
    }

    [Fact]
    public async Task Invite_RetransmittedInCompleted_FinalResent()
    {
        var tx = _h.ReceiveNew(TestMessages.Request(SipMethods.Invite));
        await tx.SendResponseAsync(SipResponse.CreateFor(tx.Request, 603, "uas"), default);
        _h.Advance(100);

        _h.Receive(TestMessages.Request(SipMethods.Invite));

        _h.Sender.Responses(603).Count.ShouldBe(2);
        _h.User.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Invite_NonSuccessFinalOverTcp_NoTimerGAndAckTerminatesAtOnce()
    {
        var tx = _h.ReceiveNew(TestMessages.Request(SipMethods.Invite, transport: "TCP"), SipTransportKind.Tcp);
        await tx.SendResponseAsync(SipResponse.CreateFor(tx.Request, 486, "uas"), default);

        _h.Advance(10_000);
        _h.Sender.Responses(486).Count.ShouldBe(1);

        _h.Receive(TestMessages.Request(SipMethods.Ack, toTag: "uas", transport: "TCP"), SipTransportKind.Tcp);
        tx.State.ShouldBe(SipTransactionState.Terminated);
    }

    [Fact]
    public async Task Invite_TcpWithoutAck_TimerHStillFires()
    {
        var tx = _h.ReceiveNew(TestMessages.Request(SipMethods.Invite, transport: "TCP"), SipTransportKind.Tcp);
        await tx.SendResponseAsync(SipResponse.CreateFor(tx.Request, 486, "uas"), default);

        _h.AdvanceTo(31_999);
        tx.State.ShouldBe(SipTransactionState.Completed);
        _h.AdvanceTo(32_000);
        _h.User.TerminationOf(tx).ShouldBe(SipTransactionTerminationReason.Timeout);
    }

    [Fact]
    public async Task Invite_Success_AcceptedAbsorbsRetransmissionsPassesAckUpUntilTimerL()
    {
        var tx = _h.ReceiveNew(TestMessages.Request(SipMethods.Invite));
        var ok = SipResponse.CreateFor(tx.Request, 200, "uas");
        await tx.SendResponseAsync(ok, default);
        tx.State.ShouldBe(SipTransactionState.Accepted);

        _h.Advance(1000);
        _h.Receive(TestMessages.Request(SipMethods.Invite));
        _h.Sender.Responses(200).Count.ShouldBe(1); // Not re-sent by the transaction: the TU retransmits 2xx.
        _h.User.Requests.Count.ShouldBe(1);

        await tx.SendResponseAsync(ok, default); // The TU's own 2xx retransmission goes through.
        _h.Sender.Responses(200).Count.ShouldBe(2);

        // An ACK with the INVITE's branch (some UAs do this) is the TU's in Accepted.
        _h.Receive(TestMessages.Request(SipMethods.Ack, toTag: "uas"));
        _h.User.Acks.Count.ShouldBe(1);

        _h.AdvanceTo(31_999);
        tx.State.ShouldBe(SipTransactionState.Accepted);
        _h.AdvanceTo(32_000);
        tx.State.ShouldBe(SipTransactionState.Terminated);
        _h.User.TerminationOf(tx).ShouldBe(SipTransactionTerminationReason.Normal);
    }

    [Fact]
    public async Task Invite_SecondFinalResponse_Ignored()
    {
        var tx = _h.ReceiveNew(TestMessages.Request(SipMethods.Invite));
        await tx.SendResponseAsync(SipResponse.CreateFor(tx.Request, 486, "uas"), default);
        await tx.SendResponseAsync(SipResponse.CreateFor(tx.Request, 200, "uas"), default);

        _h.Sender.Responses(200).ShouldBeEmpty();
        tx.LastResponse!.StatusCode.ShouldBe(486);
    }

    [Fact]
    public async Task NonInvite_Udp_AbsorbsInTryingResendsFinalAndTimerJTerminates()
    {
        var bye = TestMessages.Request(SipMethods.Bye, toTag: "uas", cseq: 2);
        var tx = _h.ReceiveNew(bye);
        tx.State.ShouldBe(SipTransactionState.Trying);

        _h.Receive(TestMessages.Request(SipMethods.Bye, toTag: "uas", cseq: 2));
        _h.Sender.Sent.ShouldBeEmpty();

        await tx.SendResponseAsync(SipResponse.CreateFor(tx.Request, 200), default);
        tx.State.ShouldBe(SipTransactionState.Completed);
        _h.Receive(TestMessages.Request(SipMethods.Bye, toTag: "uas", cseq: 2));
        _h.Sender.Responses(200).Count.ShouldBe(2);
        _h.User.Requests.Count.ShouldBe(1);

        _h.AdvanceTo(31_999);
        tx.State.ShouldBe(SipTransactionState.Completed);
        _h.Sender.Responses(200).Count.ShouldBe(2); // No Timer G for non-INVITE.
        _h.AdvanceTo(32_000);
        tx.State.ShouldBe(SipTransactionState.Terminated);
        _h.User.TerminationOf(tx).ShouldBe(SipTransactionTerminationReason.Normal);
    }

    [Fact]
    public async Task NonInvite_ProvisionalThenRetransmission_ProvisionalResent()
    {
        var tx = _h.ReceiveNew(TestMessages.Request(SipMethods.Options));
        await tx.SendResponseAsync(SipResponse.CreateFor(tx.Request, 100), default);
        tx.State.ShouldBe(SipTransactionState.Proceeding);

        _h.Receive(TestMessages.Request(SipMethods.Options));

        _h.Sender.Responses(100).Count.ShouldBe(2);
    }

    [Fact]
    public async Task NonInvite_FinalOverTcp_TerminatesAtOnce()
    {
        var tx = _h.ReceiveNew(TestMessages.Request(SipMethods.Options, transport: "TCP"), SipTransportKind.Tcp);
        await tx.SendResponseAsync(SipResponse.CreateFor(tx.Request, 200), default);

        tx.State.ShouldBe(SipTransactionState.Terminated);
        _h.Layer.ActiveTransactionCount.ShouldBe(0);
        _h.Sender.Responses(200).Single().Destination.ShouldBe(new SipEndPoint(SipTransportKind.Tcp, TestMessages.PeerEndPoint));
    }

    [Fact]
    public async Task SendResponse_TransportError_TerminatesWithTransportError()
    {
        var tx = _h.ReceiveNew(TestMessages.Request(SipMethods.Options));
        _h.Sender.Fail = _ => true;

        await tx.SendResponseAsync(SipResponse.CreateFor(tx.Request, 200), default);

        tx.State.ShouldBe(SipTransactionState.Terminated);
        _h.User.TerminationOf(tx).ShouldBe(SipTransactionTerminationReason.TransportError);
    }

    [Fact]
    public void Ack_NoMatchingTransaction_GoesToTu()
    {
        _h.Receive(TestMessages.Request(SipMethods.Ack, branch: "z9hG4bKack2xx", toTag: "uas"));

        _h.User.Acks.Count.ShouldBe(1);
        _h.User.Requests.ShouldBeEmpty();
        _h.Layer.ActiveTransactionCount.ShouldBe(0);
    }

    [Fact]
    public async Task Cancel_MatchingInviteInProceeding_200ThenOnCancel()
    {
        var invite = _h.ReceiveNew(TestMessages.Request(SipMethods.Invite));
        await invite.SendResponseAsync(SipResponse.CreateFor(invite.Request, 180, "uas"), default);

        _h.Receive(TestMessages.Request(SipMethods.Cancel));

        var ok = (SipResponse)_h.Sender.Responses(200).Single().Message;
        ok.CSeq.Method.ShouldBe(SipMethods.Cancel);
        ok.To.Tag.ShouldBe("uas");
        _h.User.Cancels.Single().Invite.ShouldBeSameAs(invite);
        _h.User.Requests.Count.ShouldBe(1); // The CANCEL is not a new request for the TU.

        // The CANCEL retransmitted: 200 again, no second OnCancel.
        _h.Receive(TestMessages.Request(SipMethods.Cancel));
        _h.Sender.Responses(200).Count.ShouldBe(2);
        _h.User.Cancels.Count.ShouldBe(1);

        await invite.SendResponseAsync(SipResponse.CreateFor(invite.Request, 487, "uas"), default);
        _h.Sender.Responses(487).Count.ShouldBe(1);
    }

    [Fact]
    public void Cancel_NoMatchingInvite_481()
    {
        _h.Receive(TestMessages.Request(SipMethods.Cancel, branch: "z9hG4bKnothing"));

        _h.Sender.Responses(481).Single().Message.CSeq.Method.ShouldBe(SipMethods.Cancel);
        _h.User.Cancels.ShouldBeEmpty();
        _h.User.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Cancel_AfterFinalResponse_200WithoutOnCancel()
    {
        var invite = _h.ReceiveNew(TestMessages.Request(SipMethods.Invite));
        await invite.SendResponseAsync(SipResponse.CreateFor(invite.Request, 200, "uas"), default);

        _h.Receive(TestMessages.Request(SipMethods.Cancel));

        _h.Sender.Responses(200).Count(s => s.Message.CSeq.Method == SipMethods.Cancel).ShouldBe(1);
        _h.User.Cancels.ShouldBeEmpty();
    }

    [Fact]
    public void Matching_SameBranchDifferentSentBy_IsANewTransaction()
    {
        _h.ReceiveNew(TestMessages.Request(SipMethods.Options));
        _h.ReceiveNew(TestMessages.Request(SipMethods.Options, sentBy: "192.0.2.11:5070"));

        _h.User.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public void Matching_SameBranchDifferentMethod_IsANewTransaction()
    {
        _h.ReceiveNew(TestMessages.Request(SipMethods.Options));
        _h.ReceiveNew(TestMessages.Request(SipMethods.Info, toTag: "x"));

        _h.User.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Matching_Rfc2543WithoutMagicCookie_RetransmissionAndAckMatch()
    {
        var tx = _h.ReceiveNew(TestMessages.Request(SipMethods.Invite, branch: "old1"));
        _h.Receive(TestMessages.Request(SipMethods.Invite, branch: "old1"));
        _h.User.Requests.Count.ShouldBe(1);

        await tx.SendResponseAsync(SipResponse.CreateFor(tx.Request, 404, "uas"), default);
        _h.Receive(TestMessages.Request(SipMethods.Ack, branch: "old1", toTag: "uas"));

        tx.State.ShouldBe(SipTransactionState.Confirmed);
    }

    [Fact]
    public void Matching_Rfc2543DifferentCSeq_IsANewTransaction()
    {
        _h.ReceiveNew(TestMessages.Request(SipMethods.Options, branch: "old1", cseq: 1));
        _h.ReceiveNew(TestMessages.Request(SipMethods.Options, branch: "old1", cseq: 2));

        _h.User.Requests.Count.ShouldBe(2);
    }
}
