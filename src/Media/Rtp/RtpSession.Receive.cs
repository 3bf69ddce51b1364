using System.Net;
using System.Net.Sockets;
using Softswitch.Media.Codecs;
using Softswitch.Media.Dtmf;
using Softswitch.Media.Rtcp;

namespace Softswitch.Media.Rtp;

/// <summary>Inbound path: receive loops, SRTP, validation, latching, and filing packets into the jitter buffer, DTMF, CN, RTCP.</summary>
public sealed partial class RtpSession
{
    private const int ReceiveBufferSize = 2048;

    // A tick reads at most this many datagrams per socket (one is usual); a flood waits in the kernel for the next tick
    // instead of holding up every other call on the clock.
    private const int MaxDrainedPerTick = 32;
    private const int RtcpDrainTicks = 5;

    // Where received datagrams are read from: drained by the clock on each tick (Linux), else by receive loops.
    private readonly SocketAddress _receivedAddress;
    private readonly SocketAddress _rtcpReceivedAddress;

    // Guards the receive statistics, the DTMF receiver and the CN state, which the clock thread reads too.
    private readonly Lock _receiveLock = new();
    private RtpReceiveStatistics? _statistics;
    private DtmfReceiver? _dtmfReceiver;
    private bool _comfortNoiseActive;
    private int _comfortNoiseLevel = 127;
    private uint _remoteSsrc;
    private bool _hasRemoteSsrc;

    private long _packetsReceived;
    private long _bytesReceived;
    private long _malformedPackets;
    private long _ignoredPackets;
    private long _srtpFailures;
    private long _lastReceivedUtcTicks;

    /// <summary>
    /// On the clock thread, before playout: files every datagram that arrived on the RTP port since the last tick, and every
    /// fifth tick those on the RTCP port (reports come every few seconds; their arrival time is kept exactly all the same).
    /// </summary>
    private void DrainSockets(long tick)
    {
        if (_rtpDrain is not { } rtp || _rtcpDrain is not { } rtcp)
        {
            return;
        }

        long utcNow = DateTime.UtcNow.Ticks;
        for (int i = 0; i < MaxDrainedPerTick && rtp.TryReceive(utcNow, out int length, out TimeSpan age); i++)
        {
            OnDatagram(rtp.Data[..length], age);
        }

        if (tick % RtcpDrainTicks != 0)
        {
            return;
        }

        for (int i = 0; i < MaxDrainedPerTick && rtcp.TryReceive(utcNow, out int length, out TimeSpan age); i++)
        {
            OnRtcpDatagram(rtcp.Data[..length], _rtcpReceivedAddress, age);
        }
    }

    /// <summary>Reads what waits on both sockets now, as the next tick would; for tests that drive the clock by hand.</summary>
    internal void DrainNow()
    {
        lock (_tickLock)
        {
            if (Volatile.Read(ref _state) == StateStarted)
            {
                DrainSockets(0);
            }
        }
    }

    private async Task ReceiveLoopAsync(Socket socket, SocketAddress from, bool rtcpOnly, CancellationToken cancellationToken)
    {
        var buffer = new byte[ReceiveBufferSize];
        try
        {
            Memory<byte> memory = buffer;
            while (!cancellationToken.IsCancellationRequested)
            {
                int received;
                try
                {
                    received = await socket.ReceiveFromAsync(memory, SocketFlags.None, from, cancellationToken).ConfigureAwait(false);
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize or SocketError.HostUnreachable or SocketError.NetworkUnreachable)
                {
                    continue; // ICMP errors and oversized datagrams: drop and go on
                }

                if (rtcpOnly)
                {
                    OnRtcpDatagram(buffer.AsSpan(0, received), from, TimeSpan.Zero);
                }
                else
                {
                    OnDatagram(buffer.AsSpan(0, received), TimeSpan.Zero);
                }
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
    }

    /// <summary>Handles one datagram received on the RTP port just now; internal so tests and benchmarks can drive it without a socket.</summary>
    /// <param name="datagram">The datagram, modified in place when SRTP is on.</param>
    internal void OnDatagram(Span<byte> datagram) => OnDatagram(datagram, TimeSpan.Zero);

    /// <summary>Handles one datagram received on the RTP port <paramref name="age"/> ago.</summary>
    /// <param name="datagram">The datagram, modified in place when SRTP is on.</param>
    /// <param name="age">How long ago it arrived (it waited in the socket until this tick).</param>
    internal void OnDatagram(Span<byte> datagram, TimeSpan age)
    {
        MediaMetrics.PacketsIn.Add(1);
        StreamState stream = _stream;
        if (RtcpReader.LooksLikeRtcp(datagram))
        {
            OnRtcpDatagram(datagram, _receivedAddress, age); // rtcp-mux (RFC 5761 §4): payload types 64-95 are RTCP
            return;
        }

        if (stream.Settings.Srtp is { } srtp)
        {
            if (!srtp.TryUnprotectRtp(datagram, out int plainLength))
            {
                Interlocked.Increment(ref _srtpFailures);
                MediaMetrics.SrtpFailures.Add(1);
                MediaMetrics.PacketsDropped.Add(1);
                return;
            }

            datagram = datagram.Slice(0, plainLength);
        }

        if (!RtpHeader.TryRead(datagram, out RtpHeader header, out ReadOnlySpan<byte> payload))
        {
            Volatile.Write(ref _malformedPackets, _malformedPackets + 1);
            MediaMetrics.PacketsDropped.Add(1);
            return;
        }

        int payloadType = header.PayloadType;
        bool audio = payloadType == stream.PayloadType;
        bool telephoneEvent = payloadType == stream.TelephoneEventPayloadType;
        bool comfortNoise = payloadType == stream.ComfortNoisePayloadType || (payloadType == RtpPayloadTypes.ComfortNoise && stream.Settings.Codec.ClockRate == 8000);
        if (!(audio || telephoneEvent || comfortNoise) || !AcceptSource(header.Ssrc))
        {
            Volatile.Write(ref _ignoredPackets, _ignoredPackets + 1);
            MediaMetrics.PacketsDropped.Add(1);
            return;
        }

        Volatile.Write(ref _packetsReceived, _packetsReceived + 1);
        Volatile.Write(ref _bytesReceived, _bytesReceived + payload.Length);
        long now = _timeProvider.GetTimestamp() - (age.Ticks * _timeProvider.TimestampFrequency / TimeSpan.TicksPerSecond);
        Volatile.Write(ref _lastReceivedUtcTicks, _timeProvider.GetUtcNow().UtcTicks - age.Ticks);
        DtmfDigit digit = default;
        bool digitReady = false;
        lock (_receiveLock)
        {
            if (!_hasRemoteSsrc || header.Ssrc != _remoteSsrc)
            {
                // A new source (first packet, or the peer restarted its stream): new statistics, jitter buffer restarts.
                _hasRemoteSsrc = true;
                _remoteSsrc = header.Ssrc;
                _statistics = new RtpReceiveStatistics(header.Ssrc, stream.Settings.Codec.ClockRate, header.SequenceNumber);
                stream.Jitter.Reset();
            }

            _statistics!.Update(header.SequenceNumber, header.Timestamp, _timeProvider.GetElapsedTime(0, now));
            if (telephoneEvent)
            {
                digitReady = _dtmfReceiver is { } receiver && receiver.TryProcess(header.Timestamp, header.Marker, payload, ElapsedTicks(now), out digit);
            }
            else if (comfortNoise)
            {
                if (ComfortNoise.TryReadLevel(payload, out int level))
                {
                    _comfortNoiseActive = true;
                    _comfortNoiseLevel = level;
                }
            }
        }

        if (digitReady)
        {
            RaiseDtmf(digit);
        }

        if (audio && !payload.IsEmpty && CanReceive)
        {
            // Arrival in TimeSpan ticks on the monotonic clock (the jitter buffer was built with TicksPerSecond).
            stream.Jitter.Insert(header.SequenceNumber, header.Timestamp, header.Marker, payload, ElapsedTicks(now));
        }
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

    private long ElapsedTicks(long timestamp) => _timeProvider.GetElapsedTime(0, timestamp).Ticks;

    private void RaiseDtmf(DtmfDigit digit)
    {
        MediaMetrics.DtmfDigits.Add(1);
        Log.DtmfReceived(_logger, LocalEndPoint, digit.Digit, (int)digit.Duration.TotalMilliseconds, digit.Source);
        try
        {
            DtmfReceived?.Invoke(this, digit);
        }
        catch (Exception e)
        {
            Log.SinkFailed(_logger, e, LocalEndPoint);
        }
    }
}
