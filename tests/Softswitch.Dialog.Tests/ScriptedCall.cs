using System.Net;
using Softswitch.Gateway.Calls;
using Softswitch.Media.Rtp;

namespace Softswitch.Dialog.Tests;

/// <summary>An <see cref="ICall"/> over a real RTP session whose signalling is scripted: it records the steps a flow takes.</summary>
internal sealed class ScriptedCall(RtpSession session, string called = "agent", string callId = "scripted@test") : ICall
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Threading.Channels.Channel<Softswitch.Media.Dtmf.DtmfDigit> _digits = System.Threading.Channels.Channel.CreateUnbounded<Softswitch.Media.Dtmf.DtmfDigit>();

    public List<string> Steps { get; } = [];

    public TaskCompletionSource Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CancellationTokenSource Ended { get; } = new();

    public bool RefuseAnswer { get; init; }

    public string CallId => callId;

    public string Caller => "caller";

    public string Called => called;

    public IPEndPoint RemoteSignalling => new(IPAddress.Loopback, 5060);

    public DateTimeOffset StartedAt => DateTimeOffset.UtcNow;

    public CallState State => CallState.Answered;

    public CallEndReason EndReason => CallEndReason.None;

    public RtpSession Media => session;

    public System.Threading.Channels.ChannelReader<Softswitch.Media.Dtmf.DtmfDigit> Dtmf => _digits.Reader;

    public IReadOnlyList<Softswitch.Media.Dtmf.DtmfDigit> DigitsReceived => [];

    public RtpQuality? MediaQuality => null;

    public Task Completion => _completion.Task;

    public void End()
    {
        _digits.Writer.TryComplete();
        _completion.TrySetResult();
        Ended.Cancel();
    }

    public ValueTask<bool> RingAsync(CancellationToken cancellationToken)
    {
        Steps.Add("ring");
        return ValueTask.FromResult(true);
    }

    public ValueTask<bool> StartEarlyMediaAsync(CancellationToken cancellationToken) => ValueTask.FromResult(false);

    public ValueTask<bool> AnswerAsync(CancellationToken cancellationToken)
    {
        if (RefuseAnswer)
        {
            End();
            return ValueTask.FromResult(false);
        }

        Steps.Add("answer");
        Answered.TrySetResult();
        return ValueTask.FromResult(true);
    }

    public ValueTask RejectAsync(int statusCode, CancellationToken cancellationToken)
    {
        Steps.Add($"reject {statusCode}");
        End();
        return ValueTask.CompletedTask;
    }

    /// <summary>The caller presses a key.</summary>
    public void Press(char digit) => _digits.Writer.TryWrite(new Softswitch.Media.Dtmf.DtmfDigit(digit, TimeSpan.FromMilliseconds(100), Softswitch.Media.Dtmf.DtmfSource.Rfc4733));

    public CallTransferResult? LastTransfer => null;

    public bool IsOutbound => false;

    public int? FinalStatus => null;

    public Task<CallTransferResult> TransferAsync(Softswitch.Sip.SipUri target, CancellationToken cancellationToken)
    {
        Steps.Add("transfer " + target);
        return Task.FromResult(new CallTransferResult(CallTransferOutcome.Refused, 501, "scripted call"));
    }

    public ValueTask HangupAsync(CancellationToken cancellationToken)
    {
        Steps.Add("hangup");
        End();
        return ValueTask.CompletedTask;
    }
}
