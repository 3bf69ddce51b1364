using System.Net;
using System.Net.Sockets;
using Softswitch.Media.Rtcp;

namespace Softswitch.Media.Rtp;

/// <summary>
/// RTCP (<see href="https://www.rfc-editor.org/rfc/rfc3550#section-6"/>): sender or receiver reports with SDES CNAME every ~5 s
/// on the media clock thread, a BYE on close; reports from the peer give the round-trip time and the loss and jitter of our
/// stream; all of it feeds <see cref="GetQuality"/>.
/// </summary>
public sealed partial class RtpSession
{
    private const int RtcpBufferSize = RtcpWriter.MaxCompoundLength + 32;

    private readonly byte[] _rtcpBuffer = new byte[RtcpBufferSize];
    private readonly RtcpReportBlock[] _reportBlocks = new RtcpReportBlock[1];
    private volatile Remote? _rtcpRemote; // latched source of the peer's RTCP when not multiplexed
    private long _nextRtcpTick = -1;
    private long _packetsSentAtLastReport = -1;
    private long _rtcpReceived;
    private long _rtcpSent;
    private double _roundTripMs = double.NaN;
    private double _remoteLossPercent = double.NaN;
    private double _remoteJitterMs = double.NaN;

    /// <summary>The quality of the call so far: loss, jitter, round trip, concealment, and the E-model MOS estimate.</summary>
    /// <returns>A snapshot.</returns>
    public RtpQuality GetQuality()
    {
        StreamState stream = _stream;
        long received;
        long expected;
        double jitterMs;
        double roundTrip;
        double remoteLoss;
        double remoteJitter;
        lock (_receiveLock)
        {
            received = _statistics?.Received ?? 0;
            expected = _statistics?.Expected ?? 0;
            jitterMs = _statistics?.JitterMilliseconds ?? 0;
            roundTrip = _roundTripMs;
            remoteLoss = _remoteLossPercent;
            remoteJitter = _remoteJitterMs;
        }

        // What the listener missed: frames due at playout that were absent (lost, or arriving too late), as the jitter buffer
        // saw them. RFC 3550's cumulative loss (expected − received) is what RTCP reports; duplicates can hide loss in it.
        long lost = stream.Jitter.Lost;
        long due = stream.Jitter.Played + lost;
        double lossPercent = due > 0 ? Math.Min(100, lost * 100.0 / due) : 0;
        int bufferMs = stream.Jitter.CurrentDelayMs;

        // One-way mouth-to-ear delay: half the round trip (or a LAN-ish 10 ms without RTCP), the jitter buffer, one frame of
        // packetization and one of playout. The worse of our loss and the loss the peer reports for our stream.
        double oneWay = (double.IsNaN(roundTrip) ? 10 : roundTrip / 2) + bufferMs + (2 * AudioFormat.FrameMilliseconds);
        double loss = double.IsNaN(remoteLoss) ? lossPercent : Math.Max(lossPercent, remoteLoss);
        double mos = EModel.EstimateMos(oneWay, loss, stream.Settings.Codec.EModelCodec);
        return new RtpQuality(
            received,
            expected,
            lost,
            lossPercent,
            jitterMs,
            double.IsNaN(roundTrip) ? null : roundTrip,
            double.IsNaN(remoteLoss) ? null : remoteLoss,
            double.IsNaN(remoteJitter) ? null : remoteJitter,
            bufferMs,
            Volatile.Read(ref _concealed),
            Volatile.Read(ref _fecRecovered),
            SrtpFailures,
            mos);
    }

    private void RtcpTick(StreamState stream, long tick)
    {
        TimeSpan interval = _options.RtcpInterval;
        if (interval <= TimeSpan.Zero || _remote is null)
        {
            return;
        }

        long intervalTicks = Math.Max(1, (long)(interval / _clock.Period));
        if (_nextRtcpTick < 0)
        {
            _nextRtcpTick = tick + (intervalTicks / 2); // the first report after half an interval (RFC 3550 §6.2)
            return;
        }

        if (tick < _nextRtcpTick)
        {
            return;
        }

        _nextRtcpTick = tick + (long)(intervalTicks * (0.5 + Random.Shared.NextDouble())); // randomized ×[0.5, 1.5] (§6.3.1)
        var writer = new RtcpWriter(_rtcpBuffer);
        TimeSpan now = _timeProvider.GetElapsedTime(0);
        int blocks = 0;
        lock (_receiveLock)
        {
            if (_statistics is { IsValid: true } statistics)
            {
                _reportBlocks[0] = statistics.CreateReportBlock(now);
                blocks = 1;
            }
        }

        long sent = Volatile.Read(ref _packetsSent);
        if (sent != _packetsSentAtLastReport && sent > 0)
        {
            var info = new RtcpSenderInfo(NtpTime.FromDateTimeOffset(_timeProvider.GetUtcNow()), _timestamp, (uint)sent, (uint)Volatile.Read(ref _bytesSent));
            writer.WriteSenderReport(Ssrc, info, _reportBlocks.AsSpan(0, blocks));
        }
        else
        {
            writer.WriteReceiverReport(Ssrc, _reportBlocks.AsSpan(0, blocks));
        }

        _packetsSentAtLastReport = sent;
        writer.WriteSourceDescription(Ssrc, _cname);
        SendRtcp(stream, writer.BytesWritten);
    }

    private void SendRtcpGoodbye()
    {
        if (_remote is null || _options.RtcpInterval <= TimeSpan.Zero)
        {
            return;
        }

        var writer = new RtcpWriter(_rtcpBuffer);
        writer.WriteReceiverReport(Ssrc, default);
        writer.WriteSourceDescription(Ssrc, _cname);
        writer.WriteGoodbye(Ssrc);
        SendRtcp(_stream, writer.BytesWritten);
    }

    private void SendRtcp(StreamState stream, int length)
    {
        if (stream.Settings.Srtp is { } srtp && !srtp.TryProtectRtcp(_rtcpBuffer, length, out length))
        {
            return;
        }

        Socket socket;
        SocketAddress? destination;
        if (stream.Settings.RtcpMux)
        {
            socket = _socket;
            destination = _remote?.Address;
        }
        else
        {
            socket = _lease.RtcpSocket;
            destination = _rtcpRemote?.Address ?? RtcpDestination(stream);
        }

        if (destination is null)
        {
            return;
        }

        try
        {
            socket.SendTo(_rtcpBuffer.AsSpan(0, length), SocketFlags.None, destination);
            Volatile.Write(ref _rtcpSent, _rtcpSent + 1);
            MediaMetrics.RtcpPackets.Add(1);
        }
        catch (SocketException)
        {
            MediaMetrics.PacketsDropped.Add(1);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private SocketAddress? RtcpDestination(StreamState stream)
    {
        IPEndPoint? target = stream.Settings.RemoteRtcpEndPoint;
        if (target is null && _remote?.EndPoint is { } rtp)
        {
            target = new IPEndPoint(rtp.Address, Math.Min(rtp.Port + 1, IPEndPoint.MaxPort));
        }

        if (target is null)
        {
            return null;
        }

        Remote remote = CreateRemote(target);
        _rtcpRemote = remote;
        return remote.Address;
    }

    /// <summary>Handles one RTCP datagram (its own port, or demultiplexed from the RTP port); internal for tests.</summary>
    internal void OnRtcpDatagram(Span<byte> datagram, SocketAddress from) => OnRtcpDatagram(datagram, from, TimeSpan.Zero);

    /// <summary>Handles one RTCP datagram that arrived <paramref name="age"/> ago (round trips are measured from its arrival).</summary>
    private void OnRtcpDatagram(Span<byte> datagram, SocketAddress from, TimeSpan age)
    {
        StreamState stream = _stream;
        if (stream.Settings.Srtp is { } srtp)
        {
            if (!srtp.TryUnprotectRtcp(datagram, out int plainLength))
            {
                Interlocked.Increment(ref _srtpFailures);
                MediaMetrics.SrtpFailures.Add(1);
                return;
            }

            datagram = datagram.Slice(0, plainLength);
        }

        if (!RtcpReader.Validate(datagram))
        {
            Volatile.Write(ref _malformedPackets, _malformedPackets + 1);
            return;
        }

        Volatile.Write(ref _rtcpReceived, _rtcpReceived + 1);
        if (!stream.Settings.RtcpMux && SymmetricRtp && !ReferenceEquals(from, _receivedAddress) && (_rtcpRemote is not { } current || !current.Address.Equals(from)))
        {
            var source = (IPEndPoint)LocalEndPoint.Create(from);
            _rtcpRemote = new Remote(source, source.Serialize()); // symmetric RTCP: answer where the peer's reports come from
        }

        ulong arrivalNtp = NtpTime.FromDateTimeOffset(_timeProvider.GetUtcNow() - age);
        TimeSpan arrival = _timeProvider.GetElapsedTime(0) - age;
        var reader = new RtcpReader(datagram);
        while (reader.TryRead(out RtcpPacket packet))
        {
            if (packet.PacketType is not (RtcpPacketType.SenderReport or RtcpPacketType.ReceiverReport))
            {
                continue;
            }

            lock (_receiveLock)
            {
                if (packet.PacketType == RtcpPacketType.SenderReport && _statistics is { } statistics && statistics.Ssrc == packet.Ssrc)
                {
                    statistics.OnSenderReport(packet.SenderInfo.NtpTimestamp, arrival);
                }

                for (int i = 0; i < packet.ReportBlockCount; i++)
                {
                    RtcpReportBlock block = packet.GetReportBlock(i);
                    if (block.Ssrc != Ssrc)
                    {
                        continue;
                    }

                    _remoteLossPercent = block.FractionLost * 100.0 / 256;
                    _remoteJitterMs = block.Jitter * 1000.0 / stream.Settings.Codec.ClockRate;
                    if (block.TryGetRoundTripTime(arrivalNtp, out TimeSpan rtt))
                    {
                        _roundTripMs = rtt.TotalMilliseconds;
                    }
                }
            }
        }
    }
}
