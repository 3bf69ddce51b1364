using Softswitch.Gateway.Tests.Infrastructure;
using Softswitch.Gateway.Transports;
using Softswitch.Sip;

namespace Softswitch.Gateway.Tests.Transactions;

/// <summary>An in-memory <see cref="ISipMessageSender"/>: records what is sent and when (on the manual clock).</summary>
internal sealed class FakeSender(ManualTimeProvider time) : ISipMessageSender
{
    private readonly Lock _lock = new();
    private readonly List<SentMessage> _sent = [];

    /// <summary>When set and returning true, the send fails (transport error).</summary>
    public Func<SipMessage, bool>? Fail { get; set; }

    public IReadOnlyList<SentMessage> Sent
    {
        get
        {
            lock (_lock)
            {
                return [.. _sent];
            }
        }
    }

    public IReadOnlyList<SentMessage> Requests(string method) => Sent.Where(s => s.Message is SipRequest r && r.Method == method).ToList();

    public IReadOnlyList<SentMessage> Responses(int status) => Sent.Where(s => s.Message is SipResponse r && r.StatusCode == status).ToList();

    public ValueTask<bool> SendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken)
    {
        if (Fail?.Invoke(message) == true)
        {
            return ValueTask.FromResult(false);
        }

        lock (_lock)
        {
            _sent.Add(new SentMessage(message, destination, time.Elapsed));
        }

        return ValueTask.FromResult(true);
    }

    public SipEndPoint GetResponseDestination(SipInbound request) =>
        request.Source.Transport == SipTransportKind.Udp ? SipTransportLayer.GetUdpResponseDestination(request.Message.TopVia, request.Source.EndPoint) : request.Source;

    public (string Host, int Port) GetSentBy(SipTransportKind transport) => ("127.0.0.1", 5060);

    public void Clear()
    {
        lock (_lock)
        {
            _sent.Clear();
        }
    }
}

internal sealed record SentMessage(SipMessage Message, SipEndPoint Destination, TimeSpan At);
