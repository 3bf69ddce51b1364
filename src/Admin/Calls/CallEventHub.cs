using System.Threading.Channels;
using Softswitch.Admin.Model;

namespace Softswitch.Admin.Calls;

/// <summary>
/// Hands call events to live listeners (WebSocket clients) as they happen: each subscriber has its own bounded queue, and a
/// subscriber that falls behind loses its oldest events rather than slowing the calls down.
/// </summary>
internal sealed class CallEventHub
{
    /// <summary>Events a subscriber may have waiting.</summary>
    public const int SubscriberCapacity = 1024;

    private readonly Lock _lock = new();
    private Subscription[] _subscribers = [];

    /// <summary>Subscribes to every call's events, or to one call's.</summary>
    /// <param name="callId">The call, or null for all calls.</param>
    /// <returns>The subscription; dispose it to stop.</returns>
    public Subscription Subscribe(string? callId)
    {
        var subscription = new Subscription(this, callId);
        lock (_lock)
        {
            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    /// <summary>Passes <paramref name="callEvent"/> to every subscriber that wants it; never blocks.</summary>
    /// <param name="callEvent">The event.</param>
    public void Publish(CallEventRecord callEvent)
    {
        foreach (var subscriber in _subscribers)
        {
            if (subscriber.CallId is null || string.Equals(subscriber.CallId, callEvent.CallId, StringComparison.Ordinal))
            {
                subscriber.Writer.TryWrite(callEvent);
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_lock)
        {
            _subscribers = [.. _subscribers.Where(s => !ReferenceEquals(s, subscription))];
        }
    }

    /// <summary>One listener's queue of events.</summary>
    internal sealed class Subscription : IDisposable
    {
        private readonly CallEventHub _hub;
        private readonly Channel<CallEventRecord> _channel = Channel.CreateBounded<CallEventRecord>(
            new BoundedChannelOptions(SubscriberCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

        public Subscription(CallEventHub hub, string? callId)
        {
            _hub = hub;
            CallId = callId;
        }

        /// <summary>The call listened to, or null for all.</summary>
        public string? CallId { get; }

        /// <summary>The events, in order.</summary>
        public ChannelReader<CallEventRecord> Reader => _channel.Reader;

        internal ChannelWriter<CallEventRecord> Writer => _channel.Writer;

        /// <inheritdoc/>
        public void Dispose()
        {
            _hub.Remove(this);
            _channel.Writer.TryComplete();
        }
    }
}
