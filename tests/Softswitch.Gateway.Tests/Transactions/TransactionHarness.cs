using Microsoft.Extensions.Logging.Abstractions;
using Softswitch.Gateway.Tests.Infrastructure;
using Softswitch.Gateway.Timers;
using Softswitch.Gateway.Transactions;
using Softswitch.Gateway.Transports;
using Softswitch.Sip;

namespace Softswitch.Gateway.Tests.Transactions;

/// <summary>A transaction layer over an in-memory sender and a manual clock.</summary>
internal sealed class TransactionHarness : IAsyncDisposable
{
    public TransactionHarness()
    {
        Time = new ManualTimeProvider();
        Timers = new SipTimerService(Time);
        Sender = new FakeSender(Time);
        User = new RecordingUser();
        Options = new SipTimerOptions();
        Layer = new SipTransactionLayer(Sender, Timers, Options, User, NullLogger.Instance);
    }

    public ManualTimeProvider Time { get; }

    public SipTimerService Timers { get; }

    public FakeSender Sender { get; }

    public RecordingUser User { get; }

    public SipTimerOptions Options { get; }

    public SipTransactionLayer Layer { get; }

    public void Receive(SipMessage message, SipTransportKind transport = SipTransportKind.Udp) => Layer.OnMessageReceived(TestMessages.Inbound(message, transport));

    /// <summary>Receives a request and returns the server transaction the TU got for it.</summary>
    public ServerTransaction ReceiveNew(SipRequest request, SipTransportKind transport = SipTransportKind.Udp)
    {
        var before = User.Requests.Count;
        Receive(request, transport);
        if (User.Requests.Count != before + 1)
        {
            throw new InvalidOperationException("the request did not create a server transaction");
        }

        return User.Requests[^1];
    }

    public void Advance(double milliseconds) => Time.Advance(TimeSpan.FromMilliseconds(milliseconds));

    public void AdvanceTo(double milliseconds) => Time.Advance(TimeSpan.FromMilliseconds(milliseconds) - Time.Elapsed);

    public async ValueTask DisposeAsync()
    {
        await Layer.DisposeAsync();
        Timers.Dispose();
    }
}
