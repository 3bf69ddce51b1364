using System.Net.Sockets;
using Softswitch.Media.Clock;
using Softswitch.Media.Codecs;
using Softswitch.Media.Dtmf;
using Softswitch.Media.Jitter;

namespace Softswitch.Media.Rtp;

/// <summary>
/// The 20 ms tick: inbound playout (jitter buffer, decode or conceal, resample, deliver), outbound (playout frame, resample,
/// encode or DTMF event, packetize, protect, send), recording, and RTCP reports.
/// </summary>
public sealed partial class RtpSession
{
    private const int MaxPayloadBytes = 1500;
    private const int MaxCodecSamples = 48000 / 1000 * 120; // 120 ms at 48 kHz: any decoder output fits
    private const int SrtpRoom = 16;
    private const int MaxSkippedReads = 50;

    // Owned by the clock thread under _tickLock; allocated once.
    private readonly Lock _tickLock = new();
    private readonly short[] _outboundFrame = new short[AudioFormat.FrameSamples];
    private readonly short[] _dropScratch = new short[AudioFormat.FrameSamples];
    private readonly short[] _codecPcm = new short[MaxCodecSamples];
    private readonly short[] _inboundPcm = new short[MaxCodecSamples * 2];
    private readonly short[] _inboundFrame = new short[AudioFormat.FrameSamples];
    private readonly byte[] _jitterPayload = new byte[MaxPayloadBytes];
    private readonly byte[] _sendBuffer = new byte[RtpHeader.FixedLength + MaxPayloadBytes + SrtpRoom];
    private readonly ComfortNoiseGenerator _comfortNoise = new();
    private readonly byte[] _cname;
    private DtmfSender? _dtmfSender;
    private InbandDtmfDetector? _inbandDetector;
    private int _inboundPending; // samples of _inboundPcm not yet delivered
    private ushort _sequence;
    private uint _timestamp;
    private long _lastTick = -1;
    private long _lastReceiveTick = -1;
    private bool _needMarker = true;
    private bool _talking;
    private bool _sendFailing;

    private long _packetsSent;
    private long _bytesSent;
    private long _framesPlayed;
    private long _concealed;
    private long _fecRecovered;

    /// <summary>
    /// Queues DTMF digits to send: as RFC 4733 events when telephone-event was negotiated (audio pauses while an event is sent),
    /// else as in-band tones in the playout queue.
    /// </summary>
    /// <param name="digits">Digits 0-9, *, #, A-D.</param>
    /// <param name="duration">How long each key is held; 100 ms when null.</param>
    /// <returns>False when a digit is invalid or the queue is full (nothing is queued then).</returns>
    public bool SendDtmf(string digits, TimeSpan? duration = null)
    {
        ArgumentNullException.ThrowIfNull(digits);
        TimeSpan hold = duration ?? TimeSpan.FromMilliseconds(100);
        foreach (char c in digits)
        {
            if (!TelephoneEvent.IsDtmfDigit(c))
            {
                return false;
            }
        }

        lock (_tickLock)
        {
            if (_dtmfSender is { } sender)
            {
                // The event starts at the timestamp of the next packet (this tick's sampling instant).
                return sender.Start(digits, hold, _timestamp + (uint)_stream.Settings.Codec.TimestampPerFrame) == digits.Length;
            }
        }

        // No telephone-event: tones in the audio (Q.23 frequencies), each followed by an equal gap.
        int toneSamples = (int)(AudioFormat.SampleRate * hold.TotalSeconds);
        var tones = new short[digits.Length * toneSamples * 2];
        var generator = new DtmfToneGenerator(AudioFormat.SampleRate);
        for (int i = 0; i < digits.Length; i++)
        {
            generator.Start(digits[i]);
            generator.Generate(tones.AsSpan(i * toneSamples * 2, toneSamples));
        }

        return Enqueue(tones);
    }

    /// <inheritdoc/>
    void IMediaClockListener.OnTick(long tickNumber)
    {
        bool drained;
        lock (_tickLock)
        {
            if (Volatile.Read(ref _state) != StateStarted)
            {
                return;
            }

            DrainSockets(tickNumber);
            StreamState stream = _stream;
            ReadOnlySpan<short> heard = ReceiveTick(stream, tickNumber);
            drained = SendTick(stream, tickNumber, out bool sentAudio);
            if (_recording is { } recording)
            {
                recording.WriteTick(heard, sentAudio ? _outboundFrame : default);
            }

            RtcpTick(stream, tickNumber);
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

    /// <summary>Plays one frame out of the jitter buffer; returns the 16 kHz frame heard this tick, or empty.</summary>
    private ReadOnlySpan<short> ReceiveTick(StreamState stream, long tick)
    {
        ExpireDtmf();

        // The jitter buffer counts time in reads, one per tick. When the clock skipped ticks (it fell far behind and jumped
        // ahead), the frames due in them are past: read them out so the buffer's time stays the senders' time.
        long skipped = _lastReceiveTick < 0 ? 0 : Math.Min(tick - _lastReceiveTick - 1, MaxSkippedReads);
        _lastReceiveTick = tick;
        for (long i = 0; i < skipped; i++)
        {
            stream.Jitter.TryRead(_jitterPayload, out _, out _);
        }

        if (!CanReceive)
        {
            return default;
        }

        stream.Jitter.TryRead(_jitterPayload, out int length, out JitterReadResult result);
        int decoded = 0;
        IAudioDecoder? decoder = null;
        switch (result)
        {
            case JitterReadResult.Frame:
                decoder = stream.GetDecoder(_options.ResamplerQuality);
                decoded = decoder.Decode(_jitterPayload.AsSpan(0, length), _codecPcm);
                if (decoded < 0)
                {
                    decoded = Conceal(decoder);
                }
                else
                {
                    lock (_receiveLock)
                    {
                        _comfortNoiseActive = false;
                    }
                }

                break;
            case JitterReadResult.Missing:
                decoder = stream.GetDecoder(_options.ResamplerQuality);
                if (IsComfortNoise(out int level))
                {
                    decoded = ComfortNoiseFrame(level, decoder.SampleRate);
                }
                else if (decoder.SupportsFec && stream.Jitter.TryPeekNext(_jitterPayload, out int next) && (decoded = decoder.DecodeFec(_jitterPayload.AsSpan(0, next), _codecPcm)) > 0)
                {
                    _fecRecovered++;
                    MediaMetrics.FecFrames.Add(1);
                }
                else
                {
                    decoded = Conceal(decoder);
                }

                break;
            default:
                if (IsComfortNoise(out int noiseLevel))
                {
                    decoder = stream.GetDecoder(_options.ResamplerQuality);
                    decoded = ComfortNoiseFrame(noiseLevel, decoder.SampleRate);
                }

                break;
        }

        if (decoder is null || decoded <= 0)
        {
            return default;
        }

        ReadOnlySpan<short> pcm = _codecPcm.AsSpan(0, decoded);
        if (stream.TelephoneEventPayloadType < 0 && _options.InbandDtmf)
        {
            DetectInband(pcm, decoder.SampleRate);
        }

        // To 16 kHz, appended after what a longer packet left over.
        Span<short> into = _inboundPcm.AsSpan(_inboundPending);
        int produced;
        if (stream.Upsampler is { } upsampler)
        {
            produced = upsampler.Process(pcm, into);
        }
        else
        {
            pcm.CopyTo(into);
            produced = pcm.Length;
        }

        _inboundPending += produced;
        if (_inboundPending < AudioFormat.FrameSamples)
        {
            return default; // the resampler's first call holds back its latency: nothing whole yet
        }

        _inboundPcm.AsSpan(0, AudioFormat.FrameSamples).CopyTo(_inboundFrame);
        _inboundPending -= AudioFormat.FrameSamples;
        _inboundPcm.AsSpan(AudioFormat.FrameSamples, _inboundPending).CopyTo(_inboundPcm);
        if (_sink is { } sink)
        {
            try
            {
                sink.OnAudio(_inboundFrame);
            }
            catch (Exception e)
            {
                Log.SinkFailed(_logger, e, LocalEndPoint);
            }
        }

        return _inboundFrame;
    }

    private int ComfortNoiseFrame(int level, int sampleRate)
    {
        _comfortNoise.Level = level;
        return _comfortNoise.Fill(sampleRate, _codecPcm);
    }

    private int Conceal(IAudioDecoder decoder)
    {
        _concealed++;
        MediaMetrics.ConcealedFrames.Add(1);
        return decoder.Conceal(_codecPcm);
    }

    private bool IsComfortNoise(out int level)
    {
        lock (_receiveLock)
        {
            level = _comfortNoiseLevel;
            return _comfortNoiseActive;
        }
    }

    private void ExpireDtmf()
    {
        DtmfDigit digit = default;
        bool ready;
        lock (_receiveLock)
        {
            ready = _dtmfReceiver is { } receiver && receiver.TryExpire(ElapsedTicks(_timeProvider.GetTimestamp()), out digit);
        }

        if (ready)
        {
            RaiseDtmf(digit);
        }
    }

    private void DetectInband(ReadOnlySpan<short> pcm, int sampleRate)
    {
        InbandDtmfDetector detector = _inbandDetector ??= new InbandDtmfDetector();
        detector.Process(pcm, sampleRate);
        while (detector.TryDequeue(out DtmfDigit digit))
        {
            RaiseDtmf(digit);
        }
    }

    // Returns true when this tick sent the last queued frame.
    private bool SendTick(StreamState stream, long tick, out bool sentAudio)
    {
        sentAudio = false;
        int timestampPerFrame = stream.Settings.Codec.TimestampPerFrame;

        // The timestamp follows the sampling clock even across ticks we do not send (RFC 3550 §5.1).
        if (_lastTick >= 0)
        {
            _timestamp += (uint)((tick - _lastTick) * timestampPerFrame);
        }

        _lastTick = tick;
        Remote? remote = _remote;
        if (remote is null || !CanSend)
        {
            _needMarker = true;
            _talking = false;
            return false;
        }

        if (_dtmfSender is { IsIdle: false } dtmf && stream.TelephoneEventPayloadType >= 0)
        {
            if (dtmf.TryNextPacket(_sendBuffer.AsSpan(RtpHeader.FixedLength), out int eventLength, out bool eventMarker, out uint eventTimestamp))
            {
                var eventHeader = new RtpHeader(stream.TelephoneEventPayloadType, _sequence, eventTimestamp, Ssrc, eventMarker);
                eventHeader.Write(_sendBuffer);
                Send(stream, remote, RtpHeader.FixedLength + eventLength, eventLength);
                _needMarker = true; // audio after the event starts a new talkspurt
                return false;
            }
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
        sentAudio = hasAudio;

        IAudioEncoder encoder = stream.GetEncoder(_options.ResamplerQuality);
        int bandwidth = _inputBandwidth;
        if (bandwidth != stream.EncoderBandwidth)
        {
            encoder.LimitInputBandwidth(bandwidth);
            stream.EncoderBandwidth = bandwidth;
        }
        int frameSamples = encoder.SampleRate / 50;
        ReadOnlySpan<short> frame = _outboundFrame;
        if (stream.Downsampler is { } downsampler)
        {
            Span<short> resampled = _codecPcm.AsSpan(0, frameSamples * 2);
            int produced = downsampler.Process(_outboundFrame, resampled);
            if (produced < frameSamples)
            {
                resampled.Slice(produced, frameSamples - produced).Clear();
            }

            frame = resampled.Slice(0, frameSamples);
        }

        int payloadLength = encoder.Encode(frame, _sendBuffer.AsSpan(RtpHeader.FixedLength, MaxPayloadBytes));
        if (payloadLength > 0)
        {
            var header = new RtpHeader(stream.PayloadType, _sequence, _timestamp, Ssrc, marker);
            header.Write(_sendBuffer);
            Send(stream, remote, RtpHeader.FixedLength + payloadLength, payloadLength);
        }
        else
        {
            _needMarker = true; // DTX: the next packet sent starts a talkspurt
        }

        if (!hasAudio)
        {
            return false;
        }

        Volatile.Write(ref _framesPlayed, _framesPlayed + 1);
        return _playout.IsEmpty;
    }

    private void Send(StreamState stream, Remote remote, int length, int payloadLength)
    {
        _sequence++;
        if (stream.Settings.Srtp is { } srtp && !srtp.TryProtectRtp(_sendBuffer, length, out length))
        {
            MediaMetrics.PacketsDropped.Add(1);
            return;
        }

        try
        {
            _socket.SendTo(_sendBuffer.AsSpan(0, length), SocketFlags.None, remote.Address);
            _sendFailing = false;
            Volatile.Write(ref _packetsSent, _packetsSent + 1);
            Volatile.Write(ref _bytesSent, _bytesSent + payloadLength);
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
    }
}
