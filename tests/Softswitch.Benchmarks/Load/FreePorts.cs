using System.Net;
using System.Net.Sockets;

namespace Softswitch.Benchmarks.Load;

/// <summary>Hands out 127.0.0.1 ports that are free for both UDP and TCP, never the same one twice in a run.</summary>
internal static class FreePorts
{
    private static readonly HashSet<int> s_given = [];
    private static readonly Lock s_gate = new();

    /// <summary>Finds a port nothing listens on, over UDP or TCP.</summary>
    /// <exception cref="InvalidOperationException">No free port was found.</exception>
    public static int Next()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            lock (s_gate)
            {
                if (s_given.Contains(port) || !IsTcpFree(port))
                {
                    continue;
                }

                s_given.Add(port);
                return port;
            }
        }

        throw new InvalidOperationException("no free UDP/TCP port on 127.0.0.1");
    }

    private static bool IsTcpFree(int port)
    {
        try
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
