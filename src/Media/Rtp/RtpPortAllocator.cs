using System.Net;
using System.Net.Sockets;

namespace Softswitch.Media.Rtp;

/// <summary>
/// Hands out even UDP ports for RTP from a range (RTP on the even port, RTCP reserved on the next odd one,
/// <see href="https://www.rfc-editor.org/rfc/rfc3550#section-11"/>) and binds the RTP socket. Ports are tried round robin, so a
/// port just released is reused last; ports another process holds are skipped. When every port is taken
/// <see cref="TryAllocate"/> returns null and the caller answers 503. Thread-safe.
/// </summary>
public sealed class RtpPortAllocator
{
    /// <summary>Default lowest port.</summary>
    public const int DefaultMinPort = 10000;

    /// <summary>Default highest port.</summary>
    public const int DefaultMaxPort = 20000;

    private readonly Lock _lock = new();
    private readonly bool[] _inUse;
    private readonly int _firstPort;
    private int _next;
    private int _leased;

    /// <summary>Creates an allocator over <c>[minPort, maxPort]</c> binding to <paramref name="bindAddress"/>.</summary>
    /// <param name="bindAddress">Local address for RTP sockets (<see cref="IPAddress.Any"/> for all interfaces).</param>
    /// <param name="minPort">Lowest port; rounded up to even. Defaults to 10000.</param>
    /// <param name="maxPort">Highest port. Defaults to 20000.</param>
    public RtpPortAllocator(IPAddress bindAddress, int minPort = DefaultMinPort, int maxPort = DefaultMaxPort)
    {
        ArgumentNullException.ThrowIfNull(bindAddress);
        ArgumentOutOfRangeException.ThrowIfLessThan(minPort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPort, IPEndPoint.MaxPort);
        _firstPort = (minPort + 1) & ~1;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPort, _firstPort, nameof(maxPort));
        BindAddress = bindAddress;
        _inUse = new bool[((maxPort - _firstPort) / 2) + 1];
    }

    /// <summary>Creates an allocator on 127.0.0.1 (tests, single-host setups).</summary>
    /// <param name="minPort">Lowest port. Defaults to 10000.</param>
    /// <param name="maxPort">Highest port. Defaults to 20000.</param>
    public RtpPortAllocator(int minPort = DefaultMinPort, int maxPort = DefaultMaxPort)
        : this(IPAddress.Loopback, minPort, maxPort)
    {
    }

    /// <summary>The address RTP sockets bind to.</summary>
    public IPAddress BindAddress { get; }

    /// <summary>Number of even ports in the range.</summary>
    public int Capacity => _inUse.Length;

    /// <summary>Ports currently leased.</summary>
    public int InUse
    {
        get
        {
            lock (_lock)
            {
                return _leased;
            }
        }
    }

    /// <summary>Leases the next free even port and binds UDP sockets on it (RTP) and on the odd port above it (RTCP).</summary>
    /// <returns>The lease, or null when every port in the range is taken (answer 503).</returns>
    public RtpPortLease? TryAllocate()
    {
        // The slot is claimed under the lock and the socket bound outside it, so concurrent call setups do not queue behind
        // each other's socket and bind system calls.
        for (int tried = 0; tried < _inUse.Length;)
        {
            int slot = -1;
            lock (_lock)
            {
                for (; tried < _inUse.Length; tried++)
                {
                    int candidate = _next;
                    _next = (_next + 1) % _inUse.Length;
                    if (!_inUse[candidate])
                    {
                        slot = candidate;
                        _inUse[slot] = true;
                        _leased++;
                        tried++;
                        break;
                    }
                }
            }

            if (slot < 0)
            {
                return null;
            }

            int port = _firstPort + (slot * 2);
            Socket? socket = TryBind(port);
            if (socket is not null)
            {
                Socket? rtcp = TryBind(port + 1); // RTCP on the odd port above (RFC 3550 §11)
                if (rtcp is not null)
                {
                    return new RtpPortLease(this, socket, rtcp, port);
                }

                socket.Dispose();
            }

            Release(port); // held by another process
        }

        return null;
    }

    internal void Release(int port)
    {
        lock (_lock)
        {
            int slot = (port - _firstPort) / 2;
            if (_inUse[slot])
            {
                _inUse[slot] = false;
                _leased--;
            }
        }
    }

    private Socket? TryBind(int port)
    {
        var socket = new Socket(BindAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (BindAddress.AddressFamily == AddressFamily.InterNetworkV6 && BindAddress.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.Bind(new IPEndPoint(BindAddress, port));
            return socket;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            socket.Dispose();
            return null;
        }
    }
}
