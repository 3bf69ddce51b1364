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

    internal RtpPortLease(RtpPortAllocator allocator, Socket socket, Socket rtcpSocket, int port)
    {
        _allocator = allocator;
        Socket = socket;
        RtcpSocket = rtcpSocket;
        Port = port;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>The leased (even) port, for the SDP m= line.</summary>
    public int Port { get; }

    /// <summary>The bound local end point.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The bound UDP socket.</summary>
    public Socket Socket { get; }

    /// <summary>The UDP socket bound on <see cref="Port"/> + 1 for RTCP when it is not multiplexed (RFC 3550 §11).</summary>
    public Socket RtcpSocket { get; }

    /// <summary>Closes the socket and releases the port.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Socket.Dispose();
        RtcpSocket.Dispose();
        _allocator.Release(Port);
    }
}
