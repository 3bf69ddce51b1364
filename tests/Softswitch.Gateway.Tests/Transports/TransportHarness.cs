using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Softswitch.Gateway.Transports;

namespace Softswitch.Gateway.Tests.Transports;

/// <summary>A real <see cref="SipTransportLayer"/> on 127.0.0.1, ports 0, collecting what it receives.</summary>
internal sealed class TransportHarness : IAsyncDisposable
{
    private readonly Channel<SipInbound> _received = Channel.CreateUnbounded<SipInbound>();

    private TransportHarness(SipTransportLayer transport)
    {
        Transport = transport;
        transport.MessageReceived = inbound => _received.Writer.TryWrite(inbound);
    }

    public SipTransportLayer Transport { get; }

    public IPEndPoint Udp => Transport.UdpLocalEndPoint;

    public IPEndPoint Tcp => Transport.TcpLocalEndPoint;

    public static async Task<TransportHarness> StartAsync(Action<SipTransportOptions>? configure = null, TimeProvider? time = null, bool subscribe = true)
    {
        var options = new SipTransportOptions { BindAddress = IPAddress.Loopback, UdpPort = 0, TcpPort = 0 };
        configure?.Invoke(options);
        var transport = new SipTransportLayer(options, NullLogger<SipTransportLayer>.Instance, time ?? TimeProvider.System);
        var harness = new TransportHarness(transport);
        if (!subscribe)
        {
            transport.MessageReceived = null;
        }

        await transport.StartAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>The next received message, or null when none arrives within <paramref name="seconds"/>.</summary>
    public async Task<SipInbound?> ReceiveAsync(double seconds = 5)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            return await _received.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync() => Transport.DisposeAsync();
}
