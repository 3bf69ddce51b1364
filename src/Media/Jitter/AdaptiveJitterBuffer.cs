namespace Softswitch.Media.Jitter;

/// <summary>
/// Adaptive jitter buffer for one inbound RTP stream of 20 ms frames. The ring of payloads is allocated at construction
/// (STYLE.md §4.4); <see cref="Insert"/> copies a packet into it and <see cref="TryRead"/>, called once per media-clock tick,
/// returns the frames in sequence order, or says that the frame due is <see cref="JitterReadResult.Missing"/> (run PLC) or that
/// there is nothing to play (<see cref="JitterReadResult.Empty"/>). Neither allocates.
/// </summary>
/// <remarks>
/// <para>
/// Time is measured in media-clock ticks: a packet's arrival is the number of <see cref="TryRead"/> calls made before it, and its
/// playout delay is the number of ticks between its nominal arrival (the earliest transit seen lately) and the tick that plays
/// it. The target delay starts at 40 ms and is kept at <c>max(3 × jitter, peak extra transit) + 20 ms</c>, rounded up to a
/// frame and clamped to 40–200 ms, where jitter is the RFC 3550 §A.8 interarrival jitter estimate (from the precise
/// <c>arrivalTicks</c>) and the peak extra transit is the largest transit above the minimum over the last 5–10 s.
/// </para>
/// <para>
/// The target grows at once and shrinks by one frame per second of calm packets, or straight to the required value at a
/// talkspurt (marker bit). The actual delay grows by waiting (returning <see cref="JitterReadResult.Empty"/>) when the frame due
/// is absent, before a talkspurt, or after the buffer ran dry; it shrinks by discarding one frame, either the frame just before
/// a talkspurt or after one second spent above the target, and at once down to the target when it is more than 200 ms above
/// it (a burst of packets after a stall).
/// </para>
/// <para>
/// Sequence numbers use 16-bit serial arithmetic, so wrap-around at 65535 is transparent. A sequence jump beyond the ring (or
/// more than 100 back) is taken as a restart once a second consecutive packet confirms it (RFC 3550 §A.1). On an SSRC change
/// or a timestamp discontinuity the caller invokes <see cref="Reset"/>. One thread may insert while another reads: a short
/// lock guards the state.
/// </para>
/// </remarks>
public sealed class AdaptiveJitterBuffer
{
    /// <summary>Duration of one frame and of one media-clock tick, in milliseconds.</summary>
    public const int FrameMs = 20;

    /// <summary>Initial and smallest target delay, in milliseconds.</summary>
    public const int MinTargetDelayMs = 40;

    /// <summary>Largest target delay, in milliseconds.</summary>
    public const int MaxTargetDelayMs = 200;

    private const byte SlotEmpty = 0;
    private const byte SlotFilled = 1;
    private const byte SlotPlayed = 2;
    private const int MaxMisorder = 100;
    private const int TimestampJumpFrames = 100;
    private const double MaxJitterSampleMs = 2000;
    private const double JitterFactor = 3;
    private const int ShrinkHoldReads = 50;
    private const int FlushExcessFrames = 10;
    private const int CalmPacketsPerShrink = 50;
    private const int WindowHalfPackets = 250;
    private const long ExtendedTimestampBase = 1L << 40;

    private readonly Lock _lock = new();
    private readonly byte[] _payloads;
    private readonly int[] _lengths;
    private readonly ushort[] _sequences;
    private readonly byte[] _slotStates;
    private readonly bool[] _markers;
    private readonly long[] _frameIndexes;
    private readonly int _capacity;
    private readonly int _maxPayload;
    private readonly int _clockRate;
    private readonly int _samplesPerFrame;
    private readonly double _ticksPerMs;

    private bool _hasStream;
    private bool _nextSequenceFixed;
    private bool _playing;
    private ushort _nextSequence;
    private ushort _highestSequence;
    private int _probationSequence = -1;
    private int _buffered;
    private long _readCount;
    private long _playOffset;
    private int _aboveTargetReads;

    private bool _hasLast;
    private uint _lastTimestamp;
    private long _lastExtendedTimestamp;
    private long _lastArrivalTicks;
    private long _baseArrivalTicks;
    private double _jitterMs;
    private WindowedExtremum _minOffset = new(WindowHalfPackets, isMax: false);
    private WindowedExtremum _minTransitMs = new(WindowHalfPackets, isMax: false);
    private WindowedExtremum _peakExtraMs = new(WindowHalfPackets, isMax: true);
    private int _targetMs = MinTargetDelayMs;
    private int _calmPackets;

    private long _received;
    private long _played;
    private long _lost;
    private long _late;
    private long _duplicates;
    private long _discarded;
    private long _resynchronizations;

    /// <summary>Creates the buffer and allocates its ring.</summary>
    /// <param name="clockRate">RTP timestamp clock rate of the payload type (8000 for G.711).</param>
    /// <param name="ticksPerSecond">Units of the <c>arrivalTicks</c> passed to <see cref="Insert"/>, e.g. <see cref="TimeProvider.TimestampFrequency"/>.</param>
    /// <param name="capacityFrames">Frames the ring holds; at least 16 (above the 200 ms maximum delay plus reordering).</param>
    /// <param name="maxPayloadBytes">Largest payload accepted.</param>
    public AdaptiveJitterBuffer(int clockRate = 8000, long ticksPerSecond = TimeSpan.TicksPerSecond, int capacityFrames = 64, int maxPayloadBytes = 1500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clockRate, 1000 / FrameMs);
        ArgumentOutOfRangeException.ThrowIfLessThan(ticksPerSecond, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityFrames, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacityFrames, 4096);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPayloadBytes);
        _clockRate = clockRate;
        _samplesPerFrame = clockRate * FrameMs / 1000;
        _ticksPerMs = ticksPerSecond / 1000.0;
        _capacity = capacityFrames;
        _maxPayload = maxPayloadBytes;
        _payloads = new byte[capacityFrames * maxPayloadBytes];
        _lengths = new int[capacityFrames];
        _sequences = new ushort[capacityFrames];
        _slotStates = new byte[capacityFrames];
        _markers = new bool[capacityFrames];
        _frameIndexes = new long[capacityFrames];
    }

    /// <summary>Frames the ring holds.</summary>
    public int CapacityFrames => _capacity;

    /// <summary>Largest payload accepted, and the smallest destination <see cref="TryRead"/> takes.</summary>
    public int MaxPayloadBytes => _maxPayload;

    /// <summary>Packets passed to <see cref="Insert"/>, whatever became of them.</summary>
    public long Received => Read(ref _received);

    /// <summary>Frames returned by <see cref="TryRead"/>.</summary>
    public long Played => Read(ref _played);

    /// <summary>Frames never played because they were missing when due (each a <see cref="JitterReadResult.Missing"/>), or skipped when playout restarted after a gap.</summary>
    public long Lost => Read(ref _lost);

    /// <summary>Packets dropped because they arrived after their play time.</summary>
    public long Late => Read(ref _late);

    /// <summary>Packets dropped because the same sequence number was already buffered or played.</summary>
    public long Duplicates => Read(ref _duplicates);

    /// <summary>Frames discarded on purpose to shrink the delay towards the target.</summary>
    public long Discarded => Read(ref _discarded);

    /// <summary>Times the buffer resynchronised on a confirmed sequence jump.</summary>
    public long Resynchronizations => Read(ref _resynchronizations);

    /// <summary>Current target delay, in milliseconds (40–200).</summary>
    public int TargetDelayMs
    {
        get
        {
            lock (_lock)
            {
                return _targetMs;
            }
        }
    }

    /// <summary>Current RFC 3550 §A.8 interarrival jitter estimate, in milliseconds.</summary>
    public double JitterMs
    {
        get
        {
            lock (_lock)
            {
                return _jitterMs;
            }
        }
    }

    /// <summary>Playout delay of the stream while playing (ticks from nominal arrival to play), in milliseconds; 0 while buffering.</summary>
    public int CurrentDelayMs
    {
        get
        {
            lock (_lock)
            {
                return _playing ? (int)(CurrentDelayFrames() * FrameMs) : 0;
            }
        }
    }

    /// <summary>Frames waiting in the ring.</summary>
    public int BufferedFrames
    {
        get
        {
            lock (_lock)
            {
                return _buffered;
            }
        }
    }

    /// <summary>Copies one received packet into the ring.</summary>
    /// <param name="sequence">RTP sequence number.</param>
    /// <param name="timestamp">RTP timestamp.</param>
    /// <param name="marker">RTP marker bit: the first packet of a talkspurt.</param>
    /// <param name="payload">The payload, at most <see cref="MaxPayloadBytes"/> bytes.</param>
    /// <param name="arrivalTicks">Arrival time, in the units given at construction.</param>
    /// <returns>What became of the packet.</returns>
    public JitterInsertResult Insert(ushort sequence, uint timestamp, bool marker, ReadOnlySpan<byte> payload, long arrivalTicks)
    {
        lock (_lock)
        {
            _received++;
            if (payload.Length > _maxPayload)
            {
                return JitterInsertResult.TooLarge;
            }

            if (!_hasStream)
            {
                StartStream(sequence, arrivalTicks);
            }
            else
            {
                int distance = (short)(ushort)(sequence - _nextSequence);
                if (distance >= _capacity || distance < -MaxMisorder)
                {
                    if (_probationSequence != sequence)
                    {
                        _probationSequence = (ushort)(sequence + 1);
                        return JitterInsertResult.Probation;
                    }

                    ResetStream();
                    StartStream(sequence, arrivalTicks);
                    _resynchronizations++;
                }
            }

            _probationSequence = -1;
            int slot = sequence % _capacity;
            if (_slotStates[slot] != SlotEmpty && _sequences[slot] == sequence)
            {
                _duplicates++;
                return JitterInsertResult.Duplicate;
            }

            long frameIndex = UpdateTiming(timestamp, marker, arrivalTicks);
            int behind = (short)(ushort)(sequence - _nextSequence);
            if (behind < 0)
            {
                if (_nextSequenceFixed || (short)(ushort)(_highestSequence - sequence) >= _capacity)
                {
                    _late++;
                    return JitterInsertResult.Late;
                }

                _nextSequence = sequence; // reordered before the first packet, nothing played yet: start from it
            }

            payload.CopyTo(_payloads.AsSpan(slot * _maxPayload, _maxPayload));
            _lengths[slot] = payload.Length;
            _sequences[slot] = sequence;
            _markers[slot] = marker;
            _frameIndexes[slot] = frameIndex;
            _slotStates[slot] = SlotFilled;
            _buffered++;
            if ((short)(ushort)(sequence - _highestSequence) > 0)
            {
                _highestSequence = sequence;
            }

            return JitterInsertResult.Buffered;
        }
    }

    /// <summary>Takes what plays at this media-clock tick; call exactly once per 20 ms tick.</summary>
    /// <param name="destination">Receives the payload; at least <see cref="MaxPayloadBytes"/> bytes.</param>
    /// <param name="length">Payload bytes written; 0 unless <paramref name="result"/> is <see cref="JitterReadResult.Frame"/>.</param>
    /// <param name="result">Frame, Missing (run PLC) or Empty (play silence).</param>
    /// <returns>True when a frame was written.</returns>
    public bool TryRead(Span<byte> destination, out int length, out JitterReadResult result)
    {
        if (destination.Length < _maxPayload)
        {
            throw new ArgumentException("The destination must hold MaxPayloadBytes.", nameof(destination));
        }

        lock (_lock)
        {
            long read = _readCount++;
            length = 0;
            result = _playing ? ReadPlaying(read, destination, ref length) : ReadBuffering(read, destination, ref length);
            return result == JitterReadResult.Frame;
        }
    }

    /// <summary>
    /// Copies the frame due at the next tick without taking it, so that after <see cref="JitterReadResult.Missing"/> the lost frame
    /// can be rebuilt from the in-band FEC of the packet that follows it (Opus, RFC 6716 §2.1.7).
    /// </summary>
    /// <param name="destination">Receives the payload; at least <see cref="MaxPayloadBytes"/> bytes.</param>
    /// <param name="length">Payload bytes written, or 0.</param>
    /// <returns>True when the next frame is already buffered.</returns>
    public bool TryPeekNext(Span<byte> destination, out int length)
    {
        lock (_lock)
        {
            length = 0;
            int slot = _nextSequence % _capacity;
            if (!_hasStream || !IsFilled(slot, _nextSequence))
            {
                return false;
            }

            length = _lengths[slot];
            _payloads.AsSpan(slot * _maxPayload, length).CopyTo(destination);
            return true;
        }
    }

    /// <summary>
    /// Forgets the stream (buffered frames, sequence and timing state, jitter estimate) so the next packet starts a new one: call
    /// it on an SSRC change or a timestamp discontinuity. Counters and the target delay (same network path) are kept.
    /// </summary>
    public void Reset()
    {
        lock (_lock)
        {
            ResetStream();
        }
    }

    private long Read(ref long counter)
    {
        lock (_lock)
        {
            return counter;
        }
    }

    private JitterReadResult ReadBuffering(long read, Span<byte> destination, ref int length)
    {
        if (_buffered == 0)
        {
            return JitterReadResult.Empty;
        }

        int slot = -1;
        ushort sequence = _nextSequence;
        for (int i = 0; i < _capacity; i++, sequence++)
        {
            int candidate = sequence % _capacity;
            if (_slotStates[candidate] == SlotFilled && _sequences[candidate] == sequence)
            {
                slot = candidate;
                break;
            }
        }

        if (slot < 0 || read - _frameIndexes[slot] - (long)_minOffset.Value < TargetFrames())
        {
            return JitterReadResult.Empty;
        }

        _lost += (ushort)(sequence - _nextSequence); // the gap before the first frame of a restart never plays
        _nextSequence = sequence;
        _nextSequenceFixed = true;
        _playing = true;
        _aboveTargetReads = 0;
        length = PlaySlot(read, slot, destination);
        return JitterReadResult.Frame;
    }

    private JitterReadResult ReadPlaying(long read, Span<byte> destination, ref int length)
    {
        int slot = _nextSequence % _capacity;
        long delay = CurrentDelayFrames();
        int target = TargetFrames();
        if (!IsFilled(slot, _nextSequence))
        {
            _aboveTargetReads = 0;
            if (_buffered == 0)
            {
                _playing = false; // ran dry (silence or a burst of delay): buffer up again to the target
                return JitterReadResult.Empty;
            }

            if (delay < target)
            {
                _playOffset++; // wait for it: the delay grows by one frame
                return JitterReadResult.Empty;
            }

            _lost++;
            _nextSequence++;
            return JitterReadResult.Missing;
        }

        if (_markers[slot] && delay < target)
        {
            _playOffset++; // silence before a talkspurt: grow to the target
            return JitterReadResult.Empty;
        }

        if (delay > target + FlushExcessFrames)
        {
            // Far too much buffered (a burst after a stall upstream, or the receive side itself was held up): catch up to the
            // target at once rather than a frame per second, dropping the oldest frames.
            while (delay > target)
            {
                ushort following = (ushort)(_nextSequence + 1);
                int followingSlot = following % _capacity;
                if (!IsFilled(followingSlot, following))
                {
                    break;
                }

                _slotStates[slot] = SlotPlayed;
                _buffered--;
                _discarded++;
                _nextSequence = following;
                slot = followingSlot;
                delay--;
            }

            _aboveTargetReads = 0;
        }
        else if (delay > target)
        {
            _aboveTargetReads++;
            ushort following = (ushort)(_nextSequence + 1);
            int followingSlot = following % _capacity;
            if (IsFilled(followingSlot, following) && (_markers[followingSlot] || _aboveTargetReads >= ShrinkHoldReads))
            {
                _slotStates[slot] = SlotPlayed; // discarded, but a copy arriving later is still a duplicate
                _buffered--;
                _discarded++;
                _nextSequence = following;
                slot = followingSlot;
                _aboveTargetReads = 0;
            }
        }
        else
        {
            _aboveTargetReads = 0;
        }

        length = PlaySlot(read, slot, destination);
        return JitterReadResult.Frame;
    }

    private int PlaySlot(long read, int slot, Span<byte> destination)
    {
        int length = _lengths[slot];
        _payloads.AsSpan(slot * _maxPayload, length).CopyTo(destination);
        _slotStates[slot] = SlotPlayed;
        _playOffset = read - _frameIndexes[slot];
        _buffered--;
        _nextSequence++;
        _played++;
        return length;
    }

    private bool IsFilled(int slot, ushort sequence) => _slotStates[slot] == SlotFilled && _sequences[slot] == sequence;

    private long CurrentDelayFrames() => _playOffset - (long)_minOffset.Value;

    private int TargetFrames() => _targetMs / FrameMs;

    /// <summary>Updates the jitter estimate, the transit windows and the target; returns the packet's frame index.</summary>
    private long UpdateTiming(uint timestamp, bool marker, long arrivalTicks)
    {
        long extended = _hasLast ? _lastExtendedTimestamp + (int)(timestamp - _lastTimestamp) : ExtendedTimestampBase;
        if (_hasLast)
        {
            double d = ((arrivalTicks - _lastArrivalTicks) / _ticksPerMs) - ((int)(timestamp - _lastTimestamp) * 1000.0 / _clockRate);
            double magnitude = Math.Abs(d);
            if (magnitude < MaxJitterSampleMs)
            {
                _jitterMs += (magnitude - _jitterMs) / 16; // RFC 3550 §A.8
            }
        }

        _lastTimestamp = timestamp;
        _lastExtendedTimestamp = extended;
        _lastArrivalTicks = arrivalTicks;
        _hasLast = true;

        long frameIndex = extended / _samplesPerFrame;
        long offset = _readCount - frameIndex;
        double transitMs = ((arrivalTicks - _baseArrivalTicks) / _ticksPerMs) - ((extended - ExtendedTimestampBase) * 1000.0 / _clockRate);
        if (_minOffset.HasValue && Math.Abs(offset - _minOffset.Value) > TimestampJumpFrames)
        {
            // A timestamp discontinuity the caller did not Reset for: restart the transit history from here.
            _minOffset.Reset();
            _minTransitMs.Reset();
            _peakExtraMs.Reset();
        }

        _minOffset.Add(offset);
        _minTransitMs.Add(transitMs);
        _peakExtraMs.Add(transitMs - _minTransitMs.Value);
        UpdateTarget(marker);
        return frameIndex;
    }

    private void UpdateTarget(bool marker)
    {
        double needed = Math.Max(JitterFactor * _jitterMs, _peakExtraMs.Value) + FrameMs;
        int required = (int)Math.Ceiling(needed / FrameMs) * FrameMs;
        required = Math.Clamp(required, MinTargetDelayMs, MaxTargetDelayMs);
        if (marker || required > _targetMs)
        {
            _targetMs = required;
            _calmPackets = 0;
        }
        else if (required < _targetMs)
        {
            if (++_calmPackets >= CalmPacketsPerShrink)
            {
                _targetMs -= FrameMs;
                _calmPackets = 0;
            }
        }
        else
        {
            _calmPackets = 0;
        }
    }

    private void StartStream(ushort sequence, long arrivalTicks)
    {
        _hasStream = true;
        _nextSequence = sequence;
        _highestSequence = sequence;
        _nextSequenceFixed = false;
        _playing = false;
        _baseArrivalTicks = arrivalTicks;
    }

    private void ResetStream()
    {
        Array.Clear(_slotStates);
        _buffered = 0;
        _hasStream = false;
        _playing = false;
        _nextSequenceFixed = false;
        _probationSequence = -1;
        _aboveTargetReads = 0;
        _hasLast = false;
        _jitterMs = 0;
        _calmPackets = 0;
        _minOffset.Reset();
        _minTransitMs.Reset();
        _peakExtraMs.Reset();
    }
}
