using System.Net;
using System.Net.Sockets;

namespace Softswitch.Gateway.Transports;

/// <summary>
/// Serialised destination addresses for <see cref="Socket.SendToAsync(ReadOnlyMemory{byte}, SocketFlags, SocketAddress, CancellationToken)"/>:
/// the <see cref="EndPoint"/> overload serialises a new <see cref="SocketAddress"/> on every send. A few recent destinations
/// are kept per thread; a send only reads its address, and each thread reuses only its own entries.
/// </summary>
internal static class UdpSocketAddresses
{
    private const int Size = 8;

    [ThreadStatic]
    private static Entry[]? s_entries;

    [ThreadStatic]
    private static int s_next;

    /// <summary>
    /// Returns the serialised form of <paramref name="endPoint"/> for a socket of <paramref name="family"/> (IPv4 destinations
    /// are mapped to IPv6 for a dual-mode IPv6 socket, as the <see cref="EndPoint"/> overload does), from the cache when it was
    /// used recently.
    /// </summary>
    public static SocketAddress Get(IPEndPoint endPoint, AddressFamily family)
    {
        var entries = s_entries ??= new Entry[Size];
        for (var i = 0; i < entries.Length; i++)
        {
            ref var entry = ref entries[i];
            if (entry.EndPoint is { } cached && entry.Address!.Family == family && (ReferenceEquals(cached, endPoint) || (cached.Port == endPoint.Port && cached.Address.Equals(endPoint.Address))))
            {
                return entry.Address!;
            }
        }

        var address = family == AddressFamily.InterNetworkV6 && endPoint.AddressFamily == AddressFamily.InterNetwork
            ? new IPEndPoint(endPoint.Address.MapToIPv6(), endPoint.Port).Serialize()
            : endPoint.Serialize();
        var slot = s_next;
        s_next = (slot + 1) % Size;

        // Copies: the caller may mutate its IPEndPoint later.
        entries[slot] = new Entry(new IPEndPoint(endPoint.Address, endPoint.Port), address);
        return address;
    }

    private readonly record struct Entry(IPEndPoint? EndPoint, SocketAddress? Address);
}
