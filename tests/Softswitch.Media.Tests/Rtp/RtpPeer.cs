using System.Net;
using System.Net.Sockets;
using Softswitch.Media.Rtp;

namespace Softswitch.Media.Tests.Rtp;

/// <summary>A raw UDP peer on loopback port 0 that sends hand-made RTP and captures what arrives.</summary>
internal sealed class RtpPeer : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private ushort _sequence = 100;
    private uint _timestamp = 1000;

    public RtpPeer()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public uint Ssrc { get; init; } = 0x11223344;

    public void SendRaw(byte[] datagram, IPEndPoint to) => _socket.SendTo(datagram, to);

    public void SendRtp(IPEndPoint to, int payloadType = 0, byte fill = 0xFF, int payloadLength = 160)
    {
        var packet = new byte[RtpHeader.FixedLength + payloadLength];
        new RtpHeader(payloadType, _sequence++, _timestamp, Ssrc).Write(packet);
        _timestamp += (uint)payloadLength;
        packet.AsSpan(RtpHeader.FixedLength).Fill(fill);
        _socket.SendTo(packet, to);
    }

    public void SendRtp(IPEndPoint to, ReadOnlySpan<byte> payload, int payloadType = 0)
    {
        var packet = new byte[RtpHeader.FixedLength + payload.Length];
        new RtpHeader(payloadType, _sequence++, _timestamp, Ssrc).Write(packet);
        _timestamp += (uint)payload.Length;
        payload.CopyTo(packet.AsSpan(RtpHeader.FixedLength));
        _socket.SendTo(packet, to);
    }

    /// <summary>The next datagram, or null after <paramref name="timeoutMs"/>.</summary>
    public async Task<(byte[] Data, IPEndPoint From)?> ReceiveAsync(int timeoutMs = 2000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        var buffer = new byte[2048];
        try
        {
            var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cts.Token);
            return (buffer.AsSpan(0, result.ReceivedBytes).ToArray(), (IPEndPoint)result.RemoteEndPoint);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Dispose() => _socket.Dispose();
}
