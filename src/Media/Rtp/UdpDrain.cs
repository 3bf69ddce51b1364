using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Softswitch.Media.Native;

namespace Softswitch.Media.Rtp;

/// <summary>
/// Reads whatever datagrams wait on one UDP socket without blocking and without a thread of its own: the media clock calls
/// <see cref="TryReceive"/> at each tick until it says there is nothing more. Each datagram comes with how long ago the kernel
/// received it (<c>SO_TIMESTAMPNS</c>), so jitter, arrival order and RTCP round trips are measured as precisely as a receive
/// loop would, without the thread-pool hand-off per packet that a receive loop costs (on 2 cores that hand-off was a quarter of
/// the gateway's CPU at 100 legs). Linux only; everything is allocated once, in one pinned block.
/// </summary>
internal sealed class UdpDrain
{
    private const int AddressRoom = 128; // sockaddr_storage
    private const int ControlRoom = 64;  // one cmsghdr (16) + timespec (16), with room to spare
    private const int IoVectorSize = 16;
    private const long TicksPerNanosecond100 = 100;

    private readonly Socket _socket;
    private readonly SocketAddress _from;
    private readonly byte[] _block; // [data][sockaddr][control][iovec], pinned
    private readonly int _dataLength;
    private readonly IntPtr _address;
    private readonly IntPtr _control;
    private readonly IntPtr _ioVector;
    private bool _failed;

    /// <summary>Prepares a socket for draining (turns kernel receive timestamps on).</summary>
    /// <param name="socket">A bound UDP socket no receive loop reads.</param>
    /// <param name="bufferSize">The largest datagram kept whole.</param>
    /// <param name="from">Receives each datagram's source address (its buffer is overwritten).</param>
    public UdpDrain(Socket socket, int bufferSize, SocketAddress from)
    {
        _socket = socket;
        _from = from;
        _dataLength = bufferSize;
        _block = GC.AllocateArray<byte>(bufferSize + AddressRoom + ControlRoom + IoVectorSize, pinned: true);
        IntPtr start = Marshal.UnsafeAddrOfPinnedArrayElement(_block, 0);
        _address = start + bufferSize;
        _control = _address + AddressRoom;
        _ioVector = _control + ControlRoom;
        var vector = new LibC.IoVector { Base = start, Length = (nuint)bufferSize };
        MemoryMarshal.Write(_block.AsSpan(bufferSize + AddressRoom + ControlRoom), in vector);
        socket.SetRawSocketOption(LibC.SolSocket, LibC.SoTimestampNs, [1, 0, 0, 0]);
    }

    /// <summary>Whether this platform can drain sockets this way (Linux).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>The last datagram read.</summary>
    public Span<byte> Data => _block.AsSpan(0, _dataLength);

    /// <summary>Datagrams longer than the buffer, dropped.</summary>
    public long Truncated { get; private set; }

    /// <summary>
    /// Reads the next waiting datagram into <see cref="Data"/> and its source into the address given at construction.
    /// </summary>
    /// <param name="utcNowTicks">Now, in UTC <see cref="DateTime.Ticks"/> (read once per drain by the caller).</param>
    /// <param name="length">The datagram's length.</param>
    /// <param name="age">How long ago the kernel received it (zero when it did not say).</param>
    /// <returns>False when nothing waits (or the socket is closed or failing).</returns>
    public bool TryReceive(long utcNowTicks, out int length, out TimeSpan age)
    {
        length = 0;
        age = TimeSpan.Zero;
        while (!_failed)
        {
            var message = new LibC.MessageHeader
            {
                Name = _address,
                NameLength = AddressRoom,
                IoVectors = _ioVector,
                IoVectorCount = 1,
                Control = _control,
                ControlLength = ControlRoom,
            };

            nint received;
            try
            {
                received = LibC.ReceiveMessage(_socket.SafeHandle, ref message, LibC.MsgDontWait);
            }
            catch (ObjectDisposedException)
            {
                _failed = true;
                return false;
            }

            if (received < 0)
            {
                int error = Marshal.GetLastPInvokeError();
                if (error == LibC.EIntr)
                {
                    continue;
                }

                // EAGAIN: drained. ECONNREFUSED and the like (an ICMP error queued on the socket) are consumed by this call:
                // look again. Anything else (EBADF, ENOTSOCK) means the socket is gone: stop reading it.
                if (error == LibC.EAgain)
                {
                    return false;
                }

                if (error is 111 or 113 or 101 or 90) // ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EMSGSIZE
                {
                    continue;
                }

                _failed = true;
                return false;
            }

            if ((message.Flags & LibC.MsgTrunc) != 0)
            {
                Truncated++;
                continue; // oversized: drop it, as the receive loop did
            }

            int nameLength = (int)Math.Min(message.NameLength, (uint)_from.Buffer.Length);
            _block.AsSpan(_dataLength, nameLength).CopyTo(_from.Buffer.Span);
            _from.Size = nameLength;
            length = (int)received;
            age = ReadAge(_block.AsSpan(_dataLength + AddressRoom, (int)Math.Min(message.ControlLength, (nuint)ControlRoom)), utcNowTicks);
            return true;
        }

        return false;
    }

    // struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; } then the data, 8-byte aligned.
    private static TimeSpan ReadAge(ReadOnlySpan<byte> control, long utcNowTicks)
    {
        while (control.Length >= 16)
        {
            long length = BinaryPrimitives.ReadInt64LittleEndian(control);
            int level = BinaryPrimitives.ReadInt32LittleEndian(control[8..]);
            int type = BinaryPrimitives.ReadInt32LittleEndian(control[12..]);
            if (length < 16 || length > control.Length)
            {
                break;
            }

            if (level == LibC.SolSocket && type == LibC.SoTimestampNs && length >= 32)
            {
                long seconds = BinaryPrimitives.ReadInt64LittleEndian(control[16..]);
                long nanoseconds = BinaryPrimitives.ReadInt64LittleEndian(control[24..]);
                long arrivedTicks = DateTime.UnixEpoch.Ticks + (seconds * TimeSpan.TicksPerSecond) + (nanoseconds / TicksPerNanosecond100);
                long ageTicks = utcNowTicks - arrivedTicks;

                // Clock steps (NTP) could make this nonsense: trust only what a tick's wait can explain.
                return ageTicks is > 0 and < TimeSpan.TicksPerSecond ? new TimeSpan(ageTicks) : TimeSpan.Zero;
            }

            int aligned = (int)((length + 7) & ~7L);
            if (aligned >= control.Length)
            {
                break;
            }

            control = control[aligned..];
        }

        return TimeSpan.Zero;
    }
}
