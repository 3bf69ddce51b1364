using System.Net;
using System.Net.Sockets;

namespace Softswitch.Media.Rtp;

/// <summary>
/// One leased RTP port and its bound UDP socket. Disposing closes the socket and returns the port to its
/// <see cref="RtpPortAllocator"/>; an <see cref="RtpSession"/> created on the lease owns it and disposes it.
/// </summary>
public sealed class RtpPortLease : IDisposable
{
    private readonly RtpPortAllocator _allocator;
    private int _disposed;

    internal RtpPortLease(RtpPortAllocator allocator, Socket socket, int port)
    {
        _allocator = allocator;
        Socket = socket;
        Port = port;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>The leased (even) port, for the SDP m= line.</summary>
    public int Port { get; }

    /// <summary>The bound local end point.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The bound UDP socket.</summary>
    public Socket Socket { get; }

    /// <summary>Closes the socket and releases the port.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Socket.Dispose();
        _allocator.Release(Port);
    }
}
