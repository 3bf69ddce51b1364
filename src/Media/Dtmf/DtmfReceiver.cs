namespace Softswitch.Media.Dtmf;

/// <summary>
/// Turns the RFC 4733 <c>telephone-event</c> packets of one RTP stream into key presses
/// (<see href="https://www.rfc-editor.org/rfc/rfc4733#section-2.5.2"/>). Allocation-free after construction; not
/// thread-safe (one instance per received stream, driven by the call's media loop).
/// </summary>
/// <remarks>
/// <para>
/// An event is identified by its RTP timestamp, the instant the key went down (RFC 4733 §2.5.1.2); the marker bit is not
/// needed for that and is only passed for completeness. One <see cref="DtmfDigit"/> is produced per key press, when the first
/// packet with the E bit arrives. The repeated end packets (§2.5.1.4) and any later retransmission carrying the timestamp
/// of one of the last <see cref="FinishedHistory"/> finished events are ignored.
/// </para>
/// <para>
/// When all end packets are lost, the unfinished event is reported with its last known duration as soon as a packet of a
/// different event arrives, or from <see cref="TryExpire"/> once no packet updated it for <see cref="Expiry"/>.
/// </para>
/// <para>
/// Long events (§2.5.1.3, §2.5.2.3): a sender reports a key held longer than 0xFFFF timestamp units (8.2 s at 8 kHz, 1.4 s
/// at 48 kHz) in segments, each new segment's timestamp being the previous one plus 0xFFFF. A packet with the same event
/// code whose timestamp is exactly the current event's timestamp plus 0xFFFF continues that event, and the reported
/// duration is the sum of the segments.
/// </para>
/// <para>
/// A packet can complete two digits at once (the unfinished previous one and a new one that arrives already ended); the
/// second is kept and returned by the next <see cref="TryProcess"/> or <see cref="TryExpire"/> call, so callers should call
/// <see cref="TryExpire"/> on every media tick.
/// </para>
/// </remarks>
public sealed class DtmfReceiver
{
    /// <summary>How many finished event timestamps are remembered to drop late retransmissions.</summary>
    public const int FinishedHistory = 8;

    // Digits waiting to be returned; at most two are produced per packet and one is returned per call.
    private const int OutputCapacity = 4;

    private readonly uint[] _finished = new uint[FinishedHistory];
    private readonly DtmfDigit[] _output = new DtmfDigit[OutputCapacity];
    private readonly long _expiryTicks;
    private int _finishedCount;
    private int _finishedNext;
    private int _outputHead;
    private int _outputCount;

    private bool _active;
    private uint _timestamp;
    private byte _eventCode;
    private int _segmentDuration;
    private long _previousSegments;
    private long _lastUpdateTicks;

    /// <summary>Creates a receiver with the default <see cref="Expiry"/> of <see cref="DefaultExpiry"/>.</summary>
    /// <param name="clockRate">The telephone-event clock rate from SDP (<c>a=rtpmap:101 telephone-event/8000</c>): usually 8000, 48000 with Opus.</param>
    public DtmfReceiver(int clockRate)
        : this(clockRate, DefaultExpiry)
    {
    }

    /// <summary>Creates a receiver.</summary>
    /// <param name="clockRate">The telephone-event clock rate from SDP: usually 8000, 48000 with Opus.</param>
    /// <param name="expiry">How long an unfinished event may go without an update before <see cref="TryExpire"/> reports it.</param>
    public DtmfReceiver(int clockRate, TimeSpan expiry)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(expiry, TimeSpan.Zero);
        ClockRate = clockRate;
        Expiry = expiry;
        _expiryTicks = expiry.Ticks;
    }

    /// <summary>
    /// Defaults to 500 ms: many times the 20-50 ms between updates that senders use (RFC 4733 §2.5.1.2), so several lost
    /// updates in a row do not cut a held key short, yet a digit whose end packets were all lost still reaches an IVR within
    /// half a second.
    /// </summary>
    public static TimeSpan DefaultExpiry { get; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The telephone-event clock rate in Hz.</summary>
    public int ClockRate { get; }

    /// <summary>How long an unfinished event may go without an update before <see cref="TryExpire"/> reports it.</summary>
    public TimeSpan Expiry { get; }

    /// <summary>Whether a key is down: an event started and has neither ended nor expired.</summary>
    public bool IsEventActive => _active;

    /// <summary>
    /// Feeds one <c>telephone-event</c> RTP packet. Never throws: a payload shorter than 4 bytes or an event code that is not
    /// a DTMF key (above 15) is ignored.
    /// </summary>
    /// <param name="rtpTimestamp">The packet's RTP timestamp: the event's start.</param>
    /// <param name="marker">The packet's marker bit (set on the first packet of an event; informational).</param>
    /// <param name="payload">The RTP payload.</param>
    /// <param name="nowTicks">Arrival time in <see cref="TimeSpan"/> ticks, on the clock that <see cref="TryExpire"/> gets.</param>
    /// <param name="digit">The finished key press, when true is returned.</param>
    /// <returns>True when a key press finished.</returns>
    public bool TryProcess(uint rtpTimestamp, bool marker, ReadOnlySpan<byte> payload, long nowTicks, out DtmfDigit digit)
    {
        _ = marker;
        if (TelephoneEvent.TryRead(payload, out TelephoneEvent value) && value.IsDtmf && !IsFinished(rtpTimestamp))
        {
            Process(rtpTimestamp, value, nowTicks);
        }

        return TryDequeue(out digit);
    }

    /// <summary>
    /// Reports the unfinished event when no packet updated it for <see cref="Expiry"/> (its end packets were lost), and returns
    /// any digit left over from a packet that completed two. Call it on every media tick.
    /// </summary>
    /// <param name="nowTicks">Current time in <see cref="TimeSpan"/> ticks, on the clock given to <see cref="TryProcess"/>.</param>
    /// <param name="digit">The key press, when true is returned.</param>
    /// <returns>True when a key press is reported.</returns>
    public bool TryExpire(long nowTicks, out DtmfDigit digit)
    {
        if (_active && nowTicks - _lastUpdateTicks >= _expiryTicks)
        {
            Finish();
        }

        return TryDequeue(out digit);
    }

    /// <summary>Forgets the current event, the finished history and any digit not yet returned (for a new SSRC or a re-INVITE).</summary>
    public void Reset()
    {
        _active = false;
        _finishedCount = 0;
        _finishedNext = 0;
        _outputHead = 0;
        _outputCount = 0;
    }

    private void Process(uint timestamp, TelephoneEvent value, long nowTicks)
    {
        if (_active)
        {
            if (timestamp == _timestamp)
            {
                // An update, an end packet or a reordered earlier update: the duration only grows.
                _segmentDuration = Math.Max(_segmentDuration, value.Duration);
                _lastUpdateTicks = nowTicks;
                if (value.End)
                {
                    Finish();
                }

                return;
            }

            if (value.EventCode == _eventCode && timestamp - _timestamp == TelephoneEvent.MaxDuration)
            {
                // RFC 4733 §2.5.2.3: the next segment of a long event.
                Remember(_timestamp);
                _previousSegments += TelephoneEvent.MaxDuration;
                _timestamp = timestamp;
                _segmentDuration = value.Duration;
                _lastUpdateTicks = nowTicks;
                if (value.End)
                {
                    Finish();
                }

                return;
            }

            // A new event while the previous one never saw its end: report that one with its last known duration.
            Finish();
        }

        _active = true;
        _timestamp = timestamp;
        _eventCode = value.EventCode;
        _segmentDuration = value.Duration;
        _previousSegments = 0;
        _lastUpdateTicks = nowTicks;
        if (value.End)
        {
            Finish();
        }
    }

    private void Finish()
    {
        _active = false;
        Remember(_timestamp);
        long units = _previousSegments + _segmentDuration;
        TelephoneEvent.TryGetDigit(_eventCode, out char key);
        Enqueue(new DtmfDigit(key, TimeSpan.FromTicks(units * TimeSpan.TicksPerSecond / ClockRate), DtmfSource.Rfc4733));
    }

    private bool IsFinished(uint timestamp)
    {
        for (int i = 0; i < _finishedCount; i++)
        {
            if (_finished[i] == timestamp)
            {
                return true;
            }
        }

        return false;
    }

    private void Remember(uint timestamp)
    {
        _finished[_finishedNext] = timestamp;
        _finishedNext = (_finishedNext + 1) % FinishedHistory;
        _finishedCount = Math.Min(_finishedCount + 1, FinishedHistory);
    }

    private void Enqueue(DtmfDigit digit)
    {
        if (_outputCount == OutputCapacity)
        {
            // Only reachable when the caller never drains; keep the newest.
            _outputHead = (_outputHead + 1) % OutputCapacity;
            _outputCount--;
        }

        _output[(_outputHead + _outputCount) % OutputCapacity] = digit;
        _outputCount++;
    }

    private bool TryDequeue(out DtmfDigit digit)
    {
        if (_outputCount == 0)
        {
            digit = default;
            return false;
        }

        digit = _output[_outputHead];
        _outputHead = (_outputHead + 1) % OutputCapacity;
        _outputCount--;
        return true;
    }
}
