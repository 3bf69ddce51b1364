using System.Runtime.InteropServices;

namespace Softswitch.Media.Native;

/// <summary>
/// The few Linux socket calls .NET does not expose: <c>recvmsg</c> with <c>MSG_DONTWAIT</c> and the <c>SO_TIMESTAMPNS</c>
/// control message, so the media clock can drain RTP sockets itself and still know when each datagram arrived
/// (<see href="https://man7.org/linux/man-pages/man7/socket.7.html"/>). Layouts are those of glibc on 64-bit Linux.
/// </summary>
internal static class LibC
{
    /// <summary>SOL_SOCKET.</summary>
    public const int SolSocket = 1;

    /// <summary>SO_TIMESTAMPNS (and its control message type SCM_TIMESTAMPNS): kernel receive time as a timespec.</summary>
    public const int SoTimestampNs = 35;

    /// <summary>MSG_DONTWAIT: fail with EAGAIN instead of blocking.</summary>
    public const int MsgDontWait = 0x40;

    /// <summary>MSG_TRUNC in msg_flags: the datagram was longer than the buffer.</summary>
    public const int MsgTrunc = 0x20;

    /// <summary>EAGAIN / EWOULDBLOCK: nothing to read now.</summary>
    public const int EAgain = 11;

    /// <summary>EINTR.</summary>
    public const int EIntr = 4;

    /// <summary>
    /// <c>ssize_t recvmsg(int sockfd, struct msghdr *msg, int flags)</c>. The handle is add-ref'ed for the call, so a socket
    /// closed meanwhile fails with <see cref="ObjectDisposedException"/> instead of reading whatever reused its descriptor.
    /// </summary>
    [DllImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    public static extern nint ReceiveMessage(SafeHandle socket, ref MessageHeader message, int flags);

    /// <summary><c>struct iovec</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IoVector
    {
        /// <summary>iov_base.</summary>
        public IntPtr Base;

        /// <summary>iov_len.</summary>
        public nuint Length;
    }

    /// <summary><c>struct msghdr</c> (56 bytes on x86-64 and arm64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MessageHeader
    {
        /// <summary>msg_name: where the source address is written.</summary>
        public IntPtr Name;

        /// <summary>msg_namelen: its room, then its length.</summary>
        public uint NameLength;

        /// <summary>msg_iov.</summary>
        public IntPtr IoVectors;

        /// <summary>msg_iovlen.</summary>
        public nuint IoVectorCount;

        /// <summary>msg_control: room for control messages.</summary>
        public IntPtr Control;

        /// <summary>msg_controllen: its room, then what was written.</summary>
        public nuint ControlLength;

        /// <summary>msg_flags (out).</summary>
        public int Flags;
    }
}
