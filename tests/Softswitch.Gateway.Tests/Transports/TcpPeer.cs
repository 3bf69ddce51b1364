using System.Net;
using System.Net.Sockets;
using System.Text;
using Softswitch.Sip;

namespace Softswitch.Gateway.Tests.Transports;

/// <summary>A raw TCP peer: one connected socket, reading SIP messages framed by Content-Length.</summary>
internal sealed class TcpPeer : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[256 * 1024];
    private int _buffered;

    public TcpPeer(Socket socket)
    {
        _socket = socket;
        _socket.NoDelay = true;
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public static async Task<TcpPeer> ConnectAsync(IPEndPoint to)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(to);
        return new TcpPeer(socket);
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await _socket.SendAsync(bytes, SocketFlags.None);

    /// <summary>The next message, or null on timeout or end of stream.</summary>
    public async Task<SipMessage?> ReceiveAsync(double seconds = 5)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            if (_buffered > 0)
            {
                var status = SipParser.TryParse(_buffer.AsSpan(0, _buffered), isStream: true, out var message, out var consumed, out var reason, out _);
                if (status == SipParseStatus.Invalid)
                {
                    throw new InvalidOperationException("peer got an invalid stream: " + reason);
                }

                if (status == SipParseStatus.Complete)
                {
                    _buffer.AsSpan(consumed, _buffered - consumed).CopyTo(_buffer);
                    _buffered -= consumed;
                    return message;
                }
            }

            int read;
            try
            {
                read = await _socket.ReceiveAsync(_buffer.AsMemory(_buffered), SocketFlags.None, cts.Token);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            if (read == 0)
            {
                return null;
            }

            _buffered += read;
        }
    }

    /// <summary>Raw bytes as text (for keep-alive pongs), or null on timeout.</summary>
    public async Task<string?> ReceiveRawAsync(double seconds = 5)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            var read = await _socket.ReceiveAsync(_buffer.AsMemory(_buffered), SocketFlags.None, cts.Token);
            return Encoding.UTF8.GetString(_buffer, _buffered, read);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>True when the other side closes within <paramref name="seconds"/> (reading and discarding anything before).</summary>
    public async Task<bool> WaitForCloseAsync(double seconds = 5)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var scratch = new byte[4096];
        try
        {
            while (true)
            {
                if (await _socket.ReceiveAsync(scratch, SocketFlags.None, cts.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (SocketException)
        {
            return true; // reset
        }
    }

    public void Dispose() => _socket.Dispose();
}
