using System.Net;
using System.Net.Sockets;
using System.Text;
using Softswitch.Sip;

namespace Softswitch.Gateway.Tests.Transports;

/// <summary>A raw UDP peer on 127.0.0.1 port 0.</summary>
internal sealed class UdpPeer : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly byte[] _buffer = new byte[65536];

    public UdpPeer()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint EndPoint { get; }

    public int Port => EndPoint.Port;

    public Task SendAsync(string text, IPEndPoint to) => SendAsync(Encoding.UTF8.GetBytes(text), to);

    public async Task SendAsync(byte[] bytes, IPEndPoint to) => await _socket.SendToAsync(bytes, SocketFlags.None, to);

    /// <summary>The next datagram as text, or null after <paramref name="seconds"/>.</summary>
    public async Task<string?> ReceiveTextAsync(double seconds = 5)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            var received = await _socket.ReceiveAsync(_buffer, SocketFlags.None, cts.Token);
            return Encoding.UTF8.GetString(_buffer, 0, received);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async Task<SipMessage?> ReceiveAsync(double seconds = 5)
    {
        var text = await ReceiveTextAsync(seconds);
        if (text is null)
        {
            return null;
        }

        var status = SipParser.TryParse(Encoding.UTF8.GetBytes(text), isStream: false, out var message, out _, out var reason, out _);
        return status == SipParseStatus.Complete ? message : throw new InvalidOperationException($"peer got an unparsable datagram ({reason}): {text}");
    }

    public void Dispose() => _socket.Dispose();
}
