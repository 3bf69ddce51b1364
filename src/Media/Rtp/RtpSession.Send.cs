using System.Net.Sockets;
using Softswitch.Media.Clock;
using Softswitch.Media.Codecs;
using Softswitch.Media.Resampling;

namespace Softswitch.Media.Rtp;

/// <summary>Outbound path, driven by the media clock: playout frame, resample, encode, packetize, send.</summary>
public sealed partial class RtpSession
{
    private const int SamplesPerPacket = G711SampleRate / 1000 * AudioFormat.FrameMilliseconds;

    // Owned by the clock thread under _sendLock; allocated once.
    private readonly Lock _sendLock = new();
    private readonly short[] _outboundFrame = new short[AudioFormat.FrameSamples];
    private readonly short[] _downsampled = new short[SamplesPerPacket * 2];
    private readonly byte[] _sendBuffer = new byte[RtpHeader.FixedLength + SamplesPerPacket];
    private readonly int _resamplerQuality;
    private SpeexResampler? _downsampler; // created with the first audio to send: silence needs no resampling
    private ushort _sequence;
    private uint _timestamp;
    private long _lastTick = -1;
    private bool _needMarker = true;
    private bool _talking;
    private bool _sendFailing;

    private long _packetsSent;
    private long _bytesSent;
    private long _framesPlayed;

    /// <inheritdoc/>
    void IMediaClockListener.OnTick(long tickNumber)
    {
        bool drained;
        lock (_sendLock)
        {
            if (Volatile.Read(ref _state) != StateStarted)
            {
                return;
            }

            drained = SendTick(tickNumber);
        }

        if (drained)
        {
            try
            {
                PlayoutDrained?.Invoke(this, EventArgs.Empty);
            }
            catch (Exception e)
            {
                Log.DrainedHandlerFailed(_logger, e, LocalEndPoint);
            }
        }
    }

    // Returns true when this tick sent the last queued frame.
    private bool SendTick(long tick)
    {
        // The timestamp follows the sampling clock even across ticks we do not send (RFC 3550 §5.1).
        if (_lastTick >= 0)
        {
            _timestamp += (uint)((tick - _lastTick) * SamplesPerPacket);
        }

        _lastTick = tick;
        Remote? remote = _remote;
        if (remote is null || !CanSend)
        {
            _needMarker = true;
            _talking = false;
            return false;
        }

        bool hasAudio = _playout.TryDequeue(_outboundFrame);
        if (!hasAudio)
        {
            if (_talking)
            {
                MediaMetrics.PlayoutUnderruns.Add(1);
            }

            Array.Clear(_outboundFrame);
        }

        bool marker = _needMarker || (hasAudio && !_talking);
        _needMarker = false;
        _talking = hasAudio;

        int resampled;
        if (hasAudio || _downsampler is not null)
        {
            _downsampler ??= new SpeexResampler(AudioFormat.SampleRate, G711SampleRate, _resamplerQuality);
            resampled = _downsampler.Process(_outboundFrame, _downsampled);
        }
        else
        {
            _downsampled.AsSpan(0, SamplesPerPacket).Clear();
            resampled = SamplesPerPacket;
        }

        if (resampled < SamplesPerPacket)
        {
            Array.Clear(_downsampled, resampled, SamplesPerPacket - resampled);
        }

        int payloadType = _payloadType;
        var header = new RtpHeader(payloadType, _sequence, _timestamp, Ssrc, marker);
        int length = header.Write(_sendBuffer);
        length += G711.Encode(payloadType, _downsampled.AsSpan(0, SamplesPerPacket), _sendBuffer.AsSpan(length));
        _sequence++;
        try
        {
            _socket.SendTo(_sendBuffer.AsSpan(0, length), SocketFlags.None, remote.Address);
            _sendFailing = false;
            Volatile.Write(ref _packetsSent, _packetsSent + 1);
            Volatile.Write(ref _bytesSent, _bytesSent + SamplesPerPacket);
            MediaMetrics.PacketsOut.Add(1);
        }
        catch (SocketException e)
        {
            MediaMetrics.PacketsDropped.Add(1);
            if (!_sendFailing)
            {
                _sendFailing = true;
                Log.SendFailed(_logger, LocalEndPoint, e.SocketErrorCode.ToString());
            }
        }

        if (!hasAudio)
        {
            return false;
        }

        Volatile.Write(ref _framesPlayed, _framesPlayed + 1);
        return _playout.IsEmpty;
    }
}
