using System.Globalization;

namespace Softswitch.Benchmarks.MediaLoad;

/// <summary>Counters of the whole host read from <c>/proc/net/snmp</c> (Linux).</summary>
internal static class HostCounters
{
    /// <summary>UDP datagrams dropped because a socket's receive buffer was full (<c>Udp: RcvbufErrors</c>), or 0.</summary>
    public static long UdpReceiveBufferErrors()
    {
        try
        {
            var lines = File.ReadAllLines("/proc/net/snmp").Where(l => l.StartsWith("Udp:", StringComparison.Ordinal)).ToArray();
            if (lines.Length < 2)
            {
                return 0;
            }

            var names = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var values = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var index = Array.IndexOf(names, "RcvbufErrors");
            return index > 0 && index < values.Length ? long.Parse(values[index], CultureInfo.InvariantCulture) : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
