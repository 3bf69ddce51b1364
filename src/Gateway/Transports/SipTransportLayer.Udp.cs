using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Softswitch.Sip;

namespace Softswitch.Gateway.Transports;

/// <summary>SIP over UDP (RFC 3261 §18.1.1, §18.2.1): one socket, one reusable receive buffer.</summary>
public sealed partial class SipTransportLayer
{
    private const int MaxDatagramSize = 65536;

    // Larger than any datagram that avoids IP fragmentation, so nearly every message is serialised in one pass.
    private const int UdpSendBufferSize = 4096;

    private Socket? _udpSocket;
    private Task? _udpLoop;

    private void StartUdp(IPEndPoint bind)
    {
        var socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (_options.UdpReceiveBufferSize > 0)
            {
                socket.ReceiveBufferSize = _options.UdpReceiveBufferSize;
            }

            socket.Bind(bind);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _udpSocket = socket;
        _udpLocal = (IPEndPoint)socket.LocalEndPoint!;
        // One receive loop per core (at most four) on the same socket, so parsing and transaction work spread over the cores;
        // each loop owns its buffer, and the transaction and call layers are safe for concurrent delivery.
        var loops = new Task[Math.Clamp(Environment.ProcessorCount, 1, 4)];
        for (var i = 0; i < loops.Length; i++)
        {
            loops[i] = UdpReceiveLoopAsync(socket, _shutdown.Token);
        }

        _udpLoop = Task.WhenAll(loops);
    }

    private async Task UdpReceiveLoopAsync(Socket socket, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var buffer = GC.AllocateUninitializedArray<byte>(MaxDatagramSize, pinned: true);
        var address = new SocketAddress(socket.AddressFamily);
        var lastAddress = new SocketAddress(socket.AddressFamily);
        IPEndPoint? lastEndPoint = null;
        var template = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        var local = new SipEndPoint(SipTransportKind.Udp, _udpLocal!);
        while (!cancellationToken.IsCancellationRequested)
        {
            int received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, address, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex) when (IsExpectedSocketError(ex.SocketErrorCode))
            {
                // ICMP port unreachable from an earlier send, or a datagram larger than the buffer: not this loop's problem.
                continue;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.ReceiveLoopFailed(_logger, SipTransportKind.Udp, ex);
                break;
            }

            // One IPEndPoint per distinct source in a row, not per datagram.
            if (lastEndPoint is null || !address.Equals(lastAddress))
            {
                lastEndPoint = (IPEndPoint)template.Create(address);
                address.Buffer.CopyTo(lastAddress.Buffer);
                lastAddress.Size = address.Size;
            }

            var source = new SipEndPoint(SipTransportKind.Udp, lastEndPoint);
            try
            {
                OnDatagram(buffer.AsSpan(0, received), source, local);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Loop boundary: one bad datagram must not stop the socket.
                Log.HandlerFailed(_logger, source, ex);
            }
        }
    }

    internal void OnDatagram(ReadOnlySpan<byte> datagram, SipEndPoint source, SipEndPoint local)
    {
        if (datagram.Length > _options.MaxMessageSize)
        {
            SipMetrics.ParseFailure(SipTransportKind.Udp, answered: false);
            Log.Dropped(_logger, datagram.Length, SipTransportKind.Udp, source.EndPoint, "message too large");
            return;
        }

        // Keep-alives: CRLF (RFC 5626 §4.4.1 uses STUN on UDP, but bare CRLFs are common) and STUN binding requests (first byte 0 or 1).
        if (datagram.IsEmpty || datagram.TrimStart("\r\n"u8).IsEmpty || datagram[0] < 2)
        {
            return;
        }

        SipParseStatus status;
        SipMessage? message;
        string? reason;
        SipRequest? partial;
        try
        {
            status = SipParser.TryParse(datagram, isStream: false, out message, out _, out reason, out partial);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The parser must not throw on network input; treat a bug there as garbage rather than killing the loop.
            status = SipParseStatus.Invalid;
            message = null;
            partial = null;
            reason = ex.Message;
        }

        if (status == SipParseStatus.Complete && message is not null)
        {
            Deliver(message, source, local, connectionId: 0);
            return;
        }

        reason ??= status == SipParseStatus.Incomplete ? "truncated datagram" : "invalid";
        var answered = TryAnswerBadRequest(partial, reason, source);
        SipMetrics.ParseFailure(SipTransportKind.Udp, answered);
        if (!answered)
        {
            Log.Dropped(_logger, datagram.Length, SipTransportKind.Udp, source.EndPoint, reason);
        }
    }

    private ValueTask<bool> SendUdpAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken)
    {
        var socket = _udpSocket;
        if (socket is null)
        {
            Log.TransportUnavailable(_logger, SipTransportKind.Udp, destination);
            return ValueTask.FromResult(false);
        }

        // Serialise straight into a pooled buffer that fits nearly every message; measure only when it does not.
        var buffer = ArrayPool<byte>.Shared.Rent(UdpSendBufferSize);
        var written = message.WriteTo(buffer);
        if (written < 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            var length = message.GetSerializedLength();
            if (length > MaxDatagramSize - 29)
            {
                Log.SendFailed(_logger, destination, "message too large for a UDP datagram");
                return ValueTask.FromResult(false);
            }

            buffer = ArrayPool<byte>.Shared.Rent(length);
            written = message.WriteTo(buffer);
        }

        // A UDP send only copies the datagram into the kernel's buffer: send synchronously, which never leaves the cached
        // SocketAddress in use by a pending operation (async sends sharing it raced and threw), and allocates nothing.
        try
        {
            socket.SendTo(buffer.AsSpan(0, written), SocketFlags.None, UdpSocketAddresses.Get(destination.EndPoint, socket.AddressFamily));
            SipMetrics.Sent(message, SipTransportKind.Udp);
            return ValueTask.FromResult(true);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            Log.SendFailed(_logger, destination, ex.Message);
            return ValueTask.FromResult(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
