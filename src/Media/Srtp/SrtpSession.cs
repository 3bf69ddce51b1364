using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Softswitch.Media.Native;
using Softswitch.Media.Rtcp;
using Softswitch.Media.Rtp;

namespace Softswitch.Media.Srtp;

/// <summary>
/// SRTP and SRTCP protection for one RTP session (<see href="https://www.rfc-editor.org/rfc/rfc3711"/>) over libsrtp 2
/// (Debian <c>libsrtp2-1</c>). Protects in place with our key and unprotects in place with the peer's, without allocating.
/// </summary>
/// <remarks>
/// <para>
/// Threading: libsrtp contexts are not thread-safe, so each direction has its own <c>srtp_t</c> and no lock is taken. The
/// protect methods (<see cref="TryProtectRtp"/>, <see cref="TryProtectRtcp"/>) share the outbound context and must be called
/// from one thread at a time: the media clock thread sends both RTP and RTCP; a caller that sends RTCP from another thread
/// serializes it with RTP sends itself. Likewise the unprotect methods share the inbound context and belong to the receive loop.
/// libsrtp keeps separate SRTP and SRTCP state (index, replay window) per SSRC inside each context.
/// </para>
/// <para>
/// Failures of unprotect (authentication, replay, malformed packet) return false and are counted in
/// <see cref="AuthenticationFailures"/>, <see cref="ReplayDrops"/> and <see cref="Dropped"/>; nothing is thrown per packet.
/// The packet buffer should start on a 4-byte boundary (libsrtp reads 32-bit words; unaligned works on x64 and Arm64).
/// Dispose only after both loops stopped; the handles keep a call in flight safe, and later calls throw
/// <see cref="ObjectDisposedException"/>.
/// </para>
/// </remarks>
public sealed class SrtpSession : IDisposable
{
    /// <summary>The SRTP and SRTCP replay window of the inbound context, in packets (libsrtp's default is 128).</summary>
    public const int ReplayWindowSize = 1024;

    private readonly SrtpContextHandle _outbound;
    private readonly SrtpContextHandle _inbound;
    private readonly bool _outboundMki;
    private readonly bool _inboundMki;
    private readonly int _inboundRtpTrailer;
    private readonly int _inboundRtcpTrailer;
    private long _authenticationFailures;
    private long _replayDrops;
    private long _dropped;
    private long _protectFailures;

    /// <summary>Creates the two contexts.</summary>
    /// <param name="local">Our crypto attribute (the key we protect with), as sent in our SDP.</param>
    /// <param name="remote">The peer's crypto attribute (the key it protects with), as received in its SDP.</param>
    /// <exception cref="DllNotFoundException">libsrtp2.so.1 is not installed; the message names the package.</exception>
    /// <exception cref="InvalidOperationException">libsrtp refused a policy.</exception>
    public SrtpSession(SdesCrypto local, SdesCrypto remote)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        _outbound = SrtpContextHandle.Create(local, outbound: true, ReplayWindowSize);
        try
        {
            _inbound = SrtpContextHandle.Create(remote, outbound: false, ReplayWindowSize);
        }
        catch
        {
            _outbound.Dispose();
            throw;
        }

        OutboundSuite = local.Suite;
        InboundSuite = remote.Suite;
        _outboundMki = local.MkiLength > 0;
        _inboundMki = remote.MkiLength > 0;
        RtpOverhead = local.Descriptor.RtpTagLength + local.MkiLength;
        RtcpOverhead = SrtpSuiteDescriptor.RtcpIndexLength + SrtpSuiteDescriptor.RtcpTagLength + local.MkiLength;
        _inboundRtpTrailer = remote.Descriptor.RtpTagLength + remote.MkiLength;
        _inboundRtcpTrailer = SrtpSuiteDescriptor.RtcpIndexLength + SrtpSuiteDescriptor.RtcpTagLength + remote.MkiLength;
    }

    /// <summary>The suite we protect with.</summary>
    public SrtpSuite OutboundSuite { get; }

    /// <summary>The suite the peer protects with.</summary>
    public SrtpSuite InboundSuite { get; }

    /// <summary>Bytes <see cref="TryProtectRtp"/> appends: the authentication tag (10 or 4) and the MKI, if any.</summary>
    public int RtpOverhead { get; }

    /// <summary>Bytes <see cref="TryProtectRtcp"/> appends: the E flag and SRTCP index (4), the 10-byte tag and the MKI, if any.</summary>
    public int RtcpOverhead { get; }

    /// <summary>The larger of <see cref="RtpOverhead"/> and <see cref="RtcpOverhead"/>: leave this much room after any packet to protect.</summary>
    public int MaxOverhead => Math.Max(RtpOverhead, RtcpOverhead);

    /// <summary>Received SRTP/SRTCP packets whose authentication tag did not verify.</summary>
    public long AuthenticationFailures => Interlocked.Read(ref _authenticationFailures);

    /// <summary>Received SRTP/SRTCP packets rejected as replays or as older than the replay window.</summary>
    public long ReplayDrops => Interlocked.Read(ref _replayDrops);

    /// <summary>All received SRTP/SRTCP packets that failed to unprotect, including the two counts above and malformed packets.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Outgoing packets libsrtp refused to protect (a malformed header, an exhausted key).</summary>
    public long ProtectFailures => Interlocked.Read(ref _protectFailures);

    /// <summary>Protects an RTP packet in place (RFC 3711 §3.3): encrypts the payload and appends the tag.</summary>
    /// <param name="buffer">The packet in its first <paramref name="length"/> bytes, with at least <see cref="RtpOverhead"/> bytes after it.</param>
    /// <param name="length">The RTP packet length.</param>
    /// <param name="protectedLength">The SRTP packet length: <paramref name="length"/> + <see cref="RtpOverhead"/>.</param>
    /// <returns>False when libsrtp refused the packet (counted in <see cref="ProtectFailures"/>).</returns>
    /// <exception cref="ArgumentException"><paramref name="buffer"/> has no room for the trailer.</exception>
    public bool TryProtectRtp(Span<byte> buffer, int length, out int protectedLength)
    {
        CheckRoom(buffer, length, RtpOverhead);
        int octets = length;
        int status = length < RtpHeader.FixedLength
            ? LibSrtp.BadParameter
            : _outboundMki
                ? LibSrtp.ProtectMki(_outbound, ref MemoryMarshal.GetReference(buffer), ref octets, 1, 0)
                : LibSrtp.Protect(_outbound, ref MemoryMarshal.GetReference(buffer), ref octets);
        return Protected(status, octets, out protectedLength);
    }

    /// <summary>Unprotects an SRTP packet in place (RFC 3711 §3.3): checks replay and the tag, then decrypts.</summary>
    /// <param name="packet">The received datagram; on success its first <paramref name="plainLength"/> bytes are the RTP packet.</param>
    /// <param name="plainLength">The RTP packet length.</param>
    /// <returns>False when the packet is dropped (counted).</returns>
    public bool TryUnprotectRtp(Span<byte> packet, out int plainLength)
    {
        int octets = packet.Length;
        int status = octets < RtpHeader.FixedLength + _inboundRtpTrailer
            ? LibSrtp.BadParameter
            : _inboundMki
                ? LibSrtp.UnprotectMki(_inbound, ref MemoryMarshal.GetReference(packet), ref octets, 1)
                : LibSrtp.Unprotect(_inbound, ref MemoryMarshal.GetReference(packet), ref octets);
        return Unprotected(status, octets, out plainLength);
    }

    /// <summary>Protects a compound RTCP packet in place (RFC 3711 §3.4): encrypts it after the first 8 bytes, appends E flag, index and tag.</summary>
    /// <param name="buffer">The packet in its first <paramref name="length"/> bytes, with at least <see cref="RtcpOverhead"/> bytes after it.</param>
    /// <param name="length">The RTCP packet length.</param>
    /// <param name="protectedLength">The SRTCP packet length: <paramref name="length"/> + <see cref="RtcpOverhead"/>.</param>
    /// <returns>False when libsrtp refused the packet (counted in <see cref="ProtectFailures"/>).</returns>
    /// <exception cref="ArgumentException"><paramref name="buffer"/> has no room for the trailer.</exception>
    public bool TryProtectRtcp(Span<byte> buffer, int length, out int protectedLength)
    {
        CheckRoom(buffer, length, RtcpOverhead);
        int octets = length;
        int status = length < RtcpPacket.HeaderLength + 4
            ? LibSrtp.BadParameter
            : _outboundMki
                ? LibSrtp.ProtectRtcpMki(_outbound, ref MemoryMarshal.GetReference(buffer), ref octets, 1, 0)
                : LibSrtp.ProtectRtcp(_outbound, ref MemoryMarshal.GetReference(buffer), ref octets);
        return Protected(status, octets, out protectedLength);
    }

    /// <summary>Unprotects an SRTCP packet in place (RFC 3711 §3.4).</summary>
    /// <param name="packet">The received datagram; on success its first <paramref name="plainLength"/> bytes are the RTCP packet.</param>
    /// <param name="plainLength">The RTCP packet length.</param>
    /// <returns>False when the packet is dropped (counted).</returns>
    public bool TryUnprotectRtcp(Span<byte> packet, out int plainLength)
    {
        int octets = packet.Length;
        int status = octets < RtcpPacket.HeaderLength + 4 + _inboundRtcpTrailer
            ? LibSrtp.BadParameter
            : _inboundMki
                ? LibSrtp.UnprotectRtcpMki(_inbound, ref MemoryMarshal.GetReference(packet), ref octets, 1)
                : LibSrtp.UnprotectRtcp(_inbound, ref MemoryMarshal.GetReference(packet), ref octets);
        return Unprotected(status, octets, out plainLength);
    }

    /// <summary>Frees both libsrtp contexts.</summary>
    public void Dispose()
    {
        _outbound.Dispose();
        _inbound.Dispose();
    }

    private static void CheckRoom(Span<byte> buffer, int length, int overhead)
    {
        if ((uint)length > (uint)buffer.Length || buffer.Length - length < overhead)
        {
            ThrowNoRoom(length, overhead, buffer.Length);
        }
    }

    [DoesNotReturn]
    private static void ThrowNoRoom(int length, int overhead, int bufferLength) =>
        throw new ArgumentException($"A {length}-byte packet needs a buffer of {length + overhead} bytes to protect, not {bufferLength}.", "buffer");

    private bool Protected(int status, int octets, out int protectedLength)
    {
        if (status == LibSrtp.Ok)
        {
            protectedLength = octets;
            return true;
        }

        Interlocked.Increment(ref _protectFailures);
        protectedLength = 0;
        return false;
    }

    private bool Unprotected(int status, int octets, out int plainLength)
    {
        if (status == LibSrtp.Ok)
        {
            plainLength = octets;
            return true;
        }

        if (status == LibSrtp.AuthFail)
        {
            Interlocked.Increment(ref _authenticationFailures);
        }
        else if (status is LibSrtp.ReplayFail or LibSrtp.ReplayOld)
        {
            Interlocked.Increment(ref _replayDrops);
        }

        Interlocked.Increment(ref _dropped);
        plainLength = 0;
        return false;
    }
}
