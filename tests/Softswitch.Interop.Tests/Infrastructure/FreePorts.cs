using System.Net;
using System.Net.Sockets;

namespace Softswitch.Interop.Tests.Infrastructure;

/// <summary>
/// Picks loopback ports that are free right now, for peers that cannot bind port 0 themselves (sipp, baresip).
/// The port is released before the peer binds it, so a small race remains; the OS ephemeral range keeps it unlikely.
/// </summary>
internal static class FreePorts
{
    private const int Attempts = 50;

    /// <summary>A port free for both UDP and TCP on 127.0.0.1 (SIP listens on both).</summary>
    public static int GetUdpAndTcpPort() => GetUdpAndTcpPorts(1)[0];

    /// <summary><paramref name="count"/> distinct ports, each free for both UDP and TCP on 127.0.0.1.</summary>
    /// <param name="count">How many ports.</param>
    public static int[] GetUdpAndTcpPorts(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);

        // Hold every socket until all ports are chosen, so the ports differ from each other.
        var held = new List<Socket>();
        try
        {
            var ports = new int[count];
            for (var i = 0; i < count; i++)
            {
                ports[i] = BindBoth(held);
            }

            return ports;
        }
        finally
        {
            foreach (var socket in held)
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>A port free for UDP on 127.0.0.1.</summary>
    public static int GetUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>A port free for TCP on 127.0.0.1.</summary>
    public static int GetTcpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Whether something already holds <paramref name="port"/> on 127.0.0.1 (a peer has bound it).</summary>
    /// <param name="port">The port.</param>
    /// <param name="protocol"><see cref="ProtocolType.Udp"/> or <see cref="ProtocolType.Tcp"/>.</param>
    public static bool IsInUse(int port, ProtocolType protocol)
    {
        using var socket = protocol == ProtocolType.Udp
            ? new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
            : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
    }

    private static int BindBoth(List<Socket> held)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;

            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                udp.Dispose();
                tcp.Dispose();
                continue;
            }

            held.Add(tcp);
            held.Add(udp);
            return port;
        }

        throw new InvalidOperationException($"No loopback port free for both UDP and TCP after {Attempts} attempts.");
    }
}
