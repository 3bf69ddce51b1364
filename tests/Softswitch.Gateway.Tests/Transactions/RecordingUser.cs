using Softswitch.Gateway.Transactions;
using Softswitch.Gateway.Transports;

namespace Softswitch.Gateway.Tests.Transactions;

/// <summary>An <see cref="ISipTransactionUser"/> that records every callback; <see cref="WaitAsync"/> waits for a condition without polling.</summary>
internal sealed class RecordingUser : ISipTransactionUser
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<ServerTransaction> Requests { get; } = [];

    public List<SipInbound> Acks { get; } = [];

    public List<(ServerTransaction Invite, SipInbound Cancel)> Cancels { get; } = [];

    public List<(SipTransaction Transaction, SipTransactionTerminationReason Reason)> Terminated { get; } = [];

    /// <summary>Runs inside <see cref="OnRequest"/> (to answer synchronously, as the UAS core does).</summary>
    public Action<ServerTransaction>? OnRequestHandler { get; set; }

    public void OnRequest(ServerTransaction transaction)
    {
        Record(() => Requests.Add(transaction));
        OnRequestHandler?.Invoke(transaction);
    }

    public void OnAckWithoutTransaction(SipInbound ack) => Record(() => Acks.Add(ack));

    public void OnCancel(ServerTransaction inviteTransaction, SipInbound cancel) => Record(() => Cancels.Add((inviteTransaction, cancel)));

    public void OnTransactionTerminated(SipTransaction transaction, SipTransactionTerminationReason reason) => Record(() => Terminated.Add((transaction, reason)));

    public SipTransactionTerminationReason? TerminationOf(SipTransaction transaction)
    {
        lock (_lock)
        {
            foreach (var (t, reason) in Terminated)
            {
                if (ReferenceEquals(t, transaction))
                {
                    return reason;
                }
            }

            return null;
        }
    }

    public async Task WaitAsync(Func<RecordingUser, bool> condition, double seconds = 5)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (condition(this))
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cts.Token);
        }
    }

    private void Record(Action action)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            action();
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
