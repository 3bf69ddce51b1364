using System.Net;
using System.Net.Sockets;
using Softswitch.Media.Codecs;
using Softswitch.Media.Resampling;

namespace Softswitch.Media.Rtp;

/// <summary>Inbound path: receive loop, validation, latching, decode, resample, framing.</summary>
public sealed partial class RtpSession
{
    private const int G711SampleRate = 8000;
    private const int ReceiveBufferSize = 2048;

    // Owned by the receive loop; allocated once.
    private readonly byte[] _receiveBuffer = new byte[ReceiveBufferSize];
    private readonly SocketAddress _receivedAddress;
    private short[]? _decoded; // the decode buffers, the frame and the resampler come with the first audio delivered:
    private short[]? _upsampled; // a call whose audio nobody listens to (or that gets none) does not pay for them
    private short[]? _inboundFrame;
    private SpeexResampler? _upsampler;
    private int _inboundFrameLength;

    private long _packetsReceived;
    private long _bytesReceived;
    private long _malformedPackets;
    private long _ignoredPackets;
    private long _lastReceivedUtcTicks;

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            Memory<byte> buffer = _receiveBuffer;
            while (!cancellationToken.IsCancellationRequested)
            {
                int received;
                try
                {
                    received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, _receivedAddress, cancellationToken).ConfigureAwait(false);
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize or SocketError.HostUnreachable or SocketError.NetworkUnreachable)
                {
                    continue; // ICMP errors and oversized datagrams: drop and go on
                }

                OnDatagram(_receiveBuffer.AsSpan(0, received));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (SocketException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Log.ReceiveLoopFailed(_logger, e, LocalEndPoint);
        }
        finally
        {
            ReleaseReceiveResources();
        }
    }

    /// <summary>Handles one received datagram; internal so tests and benchmarks can drive the receive path without a socket.</summary>
    internal void OnDatagram(ReadOnlySpan<byte> datagram)
    {
        MediaMetrics.PacketsIn.Add(1);
        if (!RtpHeader.TryRead(datagram, out RtpHeader header, out ReadOnlySpan<byte> payload))
        {
            Volatile.Write(ref _malformedPackets, _malformedPackets + 1);
            MediaMetrics.PacketsDropped.Add(1);
            return;
        }

        int payloadType = _payloadType;
        if (header.PayloadType != payloadType || !AcceptSource(header.Ssrc))
        {
            Volatile.Write(ref _ignoredPackets, _ignoredPackets + 1);
            MediaMetrics.PacketsDropped.Add(1);
            return;
        }

        Volatile.Write(ref _packetsReceived, _packetsReceived + 1);
        Volatile.Write(ref _bytesReceived, _bytesReceived + payload.Length);
        Volatile.Write(ref _lastReceivedUtcTicks, _timeProvider.GetUtcNow().UtcTicks);

        IAudioSink? sink = _sink;
        if (sink is null || !CanReceive || payload.IsEmpty)
        {
            return;
        }

        _decoded ??= new short[ReceiveBufferSize];
        _upsampled ??= new short[(ReceiveBufferSize * 2) + 64];
        int decoded = G711.Decode(payloadType, payload, _decoded);
        _upsampler ??= new SpeexResampler(G711SampleRate, AudioFormat.SampleRate, _resamplerQuality);
        int upsampled = _upsampler.Process(_decoded.AsSpan(0, decoded), _upsampled);
        DeliverFrames(sink, _upsampled.AsSpan(0, upsampled));
    }

    // Symmetric RTP (RFC 4961): the first valid packet decides where we send; later ones must come from there.
    private bool AcceptSource(uint ssrc)
    {
        if (!SymmetricRtp)
        {
            return true;
        }

        Remote? remote = _remote;
        if (_latched)
        {
            return remote is not null && remote.Address.Equals(_receivedAddress);
        }

        if (remote is null || !remote.Address.Equals(_receivedAddress))
        {
            var source = (IPEndPoint)LocalEndPoint.Create(_receivedAddress);
            _remote = new Remote(source, source.Serialize());
            Log.Latched(_logger, ssrc, source, remote?.EndPoint);
        }

        _latched = true;
        return true;
    }

    private void DeliverFrames(IAudioSink sink, ReadOnlySpan<short> samples)
    {
        short[] frame = _inboundFrame ??= new short[AudioFormat.FrameSamples];
        while (!samples.IsEmpty)
        {
            int take = Math.Min(AudioFormat.FrameSamples - _inboundFrameLength, samples.Length);
            samples.Slice(0, take).CopyTo(frame.AsSpan(_inboundFrameLength));
            _inboundFrameLength += take;
            samples = samples.Slice(take);
            if (_inboundFrameLength < AudioFormat.FrameSamples)
            {
                continue;
            }

            _inboundFrameLength = 0;
            try
            {
                sink.OnAudio(frame);
            }
            catch (Exception e)
            {
                Log.SinkFailed(_logger, e, LocalEndPoint);
            }
        }
    }
}
