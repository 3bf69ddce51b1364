using System.Diagnostics.CodeAnalysis;

namespace Softswitch.Media.Dtmf;

/// <summary>
/// Produces the RFC 4733 <c>telephone-event</c> payloads for key presses, one packet per media tick
/// (<see href="https://www.rfc-editor.org/rfc/rfc4733#section-2.5.1"/>). Allocation-free after construction; not
/// thread-safe (owned by the call's media loop).
/// </summary>
/// <remarks>
/// <para>
/// Per event: the first packet has the marker bit; every packet carries the event's start timestamp and the duration so far
/// (one <see cref="PacketInterval"/> more per tick: 160 units per 20 ms at 8 kHz); the final packet has the E bit and the
/// full duration and is sent three times, on three consecutive ticks (§2.5.1.4). Keys held longer than 0xFFFF units are
/// sent in segments (§2.5.1.3): the segment's last packet reports 0xFFFF without the E bit, and the next segment's
/// timestamp is the previous one plus 0xFFFF, without the marker bit.
/// </para>
/// <para>
/// Digits queue in a fixed-capacity ring and are sent one after the other with at least <see cref="InterDigitGap"/> between
/// the end of one tone (its timestamp plus its duration) and the start of the next; the gap is never shorter than the
/// ticks the three end packets take.
/// </para>
/// <para>
/// Use from the RTP session, once per tick: <c>if (!sender.IsIdle &amp;&amp; sender.TryNextPacket(payload, out length, out
/// marker, out timestamp))</c> send a telephone-event packet with the session's next sequence number and the returned
/// marker and timestamp; otherwise send audio as usual. Audio packets are suppressed while <see cref="IsSending"/> (the
/// tick returned a packet); between queued digits <see cref="TryNextPacket"/> returns false and audio flows again. The
/// session keeps advancing its own audio timestamp by one packet interval on every tick, sending or not, so audio resumes
/// in step with the events.
/// </para>
/// </remarks>
public sealed class DtmfSender
{
    /// <summary>Default volume field: 10, meaning -10 dBm0 (RFC 4733 §2.3.4).</summary>
    public const int DefaultVolume = 10;

    /// <summary>Default capacity of the digit queue.</summary>
    public const int DefaultQueueCapacity = 32;

    /// <summary>How many times the final packet of an event is sent (RFC 4733 §2.5.1.4).</summary>
    public const int EndPacketCount = 3;

    private readonly byte[] _queuedEvents;
    private readonly long[] _queuedUnits;
    private readonly int _intervalUnits;
    private readonly long _gapUnits;
    private int _queueHead;
    private int _queueCount;

    // The tick the next TryNextPacket call stands for, in RTP timestamp units; valid while not idle.
    private uint _tickTimestamp;

    // The event being sent.
    private bool _inEvent;
    private byte _eventCode;
    private uint _eventTimestamp;
    private long _totalUnits;
    private long _elapsedUnits;
    private long _segmentStart;
    private bool _firstPacket;
    private int _endPacketsSent;

    // The earliest timestamp the next event may start at (end of the last tone plus the gap).
    private bool _hasEarliestStart;
    private uint _earliestStart;

    /// <summary>Creates a sender with the default volume and queue capacity, for 20 ms ticks.</summary>
    /// <param name="clockRate">The telephone-event clock rate from SDP: usually 8000, 48000 with Opus.</param>
    public DtmfSender(int clockRate)
        : this(clockRate, DefaultVolume, DefaultQueueCapacity)
    {
    }

    /// <summary>Creates a sender for 20 ms ticks.</summary>
    /// <param name="clockRate">The telephone-event clock rate from SDP: usually 8000, 48000 with Opus.</param>
    /// <param name="volume">The volume field, 0-63 (-dBm0). Defaults to <see cref="DefaultVolume"/>.</param>
    /// <param name="queueCapacity">Digits that can wait, including the one being sent. Defaults to <see cref="DefaultQueueCapacity"/>.</param>
    public DtmfSender(int clockRate, int volume, int queueCapacity)
        : this(clockRate, volume, queueCapacity, DefaultInterDigitGap)
    {
    }

    /// <summary>Creates a sender for 20 ms ticks.</summary>
    /// <param name="clockRate">The telephone-event clock rate from SDP: usually 8000, 48000 with Opus.</param>
    /// <param name="volume">The volume field, 0-63 (-dBm0).</param>
    /// <param name="queueCapacity">Digits that can wait, including the one being sent.</param>
    /// <param name="interDigitGap">Least time from the end of one tone to the start of the next.</param>
    public DtmfSender(int clockRate, int volume, int queueCapacity, TimeSpan interDigitGap)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        ArgumentOutOfRangeException.ThrowIfNegative(volume);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(volume, TelephoneEvent.MaxVolume);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(queueCapacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(interDigitGap, TimeSpan.Zero);
        ClockRate = clockRate;
        Volume = volume;
        InterDigitGap = interDigitGap;
        _intervalUnits = (int)ToUnits(PacketInterval, clockRate);
        _gapUnits = ToUnits(interDigitGap, clockRate);
        _queuedEvents = new byte[queueCapacity];
        _queuedUnits = new long[queueCapacity];
    }

    /// <summary>The media tick: one <see cref="TryNextPacket"/> call per 20 ms.</summary>
    public static TimeSpan PacketInterval { get; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Defaults to 60 ms between the end of one tone and the start of the next: above the 50 ms minimum tone-off that DTMF
    /// receivers are built for (spandsp's <c>dtmf.h</c>: 40 ms on, 50 ms off, at most 10 digits a second), a whole number of
    /// 20 ms ticks, and long enough for the three end packets of an event to go out before the next event starts.
    /// </summary>
    public static TimeSpan DefaultInterDigitGap { get; } = TimeSpan.FromMilliseconds(60);

    /// <summary>The telephone-event clock rate in Hz.</summary>
    public int ClockRate { get; }

    /// <summary>The volume field sent, 0-63 (-dBm0).</summary>
    public int Volume { get; }

    /// <summary>Least time from the end of one tone to the start of the next queued one.</summary>
    public TimeSpan InterDigitGap { get; }

    /// <summary>Digits queued and not yet started.</summary>
    public int QueuedCount => _queueCount;

    /// <summary>True when nothing is being sent or waiting: <see cref="TryNextPacket"/> need not be called.</summary>
    public bool IsIdle => !_inEvent && _queueCount == 0;

    /// <summary>True while an event is being sent (its end packets included): the RTP session sends no audio on these ticks.</summary>
    public bool IsSending => _inEvent;

    /// <summary>
    /// Queues a key press. When the sender is idle the event starts on the next <see cref="TryNextPacket"/> call, with
    /// <paramref name="eventTimestamp"/> as its timestamp (unless that is within <see cref="InterDigitGap"/> of the end of the
    /// previous tone, in which case it waits). When busy, <paramref name="eventTimestamp"/> is ignored and the digit follows
    /// the queued ones, its timestamp derived from the ticks.
    /// </summary>
    /// <param name="digit">'0'-'9', '*', '#', 'A'-'D' (or 'a'-'d').</param>
    /// <param name="duration">How long the key is held; more than zero.</param>
    /// <param name="eventTimestamp">The RTP timestamp of the session's next packet (the sampling instant of the current tick).</param>
    /// <returns>False when the queue is full.</returns>
    public bool Start(char digit, TimeSpan duration, uint eventTimestamp)
    {
        if (!TelephoneEvent.TryGetEventCode(digit, out byte eventCode))
        {
            ThrowInvalidDigit(digit);
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        if (_queueCount == _queuedEvents.Length)
        {
            return false;
        }

        if (IsIdle)
        {
            _tickTimestamp = eventTimestamp;
        }

        int tail = (_queueHead + _queueCount) % _queuedEvents.Length;
        _queuedEvents[tail] = eventCode;
        _queuedUnits[tail] = Math.Max(1, ToUnits(duration, ClockRate));
        _queueCount++;
        return true;
    }

    /// <summary>Queues several key presses of the same duration, such as "12#"; stops at the first one that does not fit.</summary>
    /// <param name="digits">'0'-'9', '*', '#', 'A'-'D'.</param>
    /// <param name="duration">How long each key is held.</param>
    /// <param name="eventTimestamp">The RTP timestamp of the session's next packet; used when the sender is idle.</param>
    /// <returns>How many digits were queued.</returns>
    public int Start(ReadOnlySpan<char> digits, TimeSpan duration, uint eventTimestamp)
    {
        for (int i = 0; i < digits.Length; i++)
        {
            if (!Start(digits[i], duration, eventTimestamp))
            {
                return i;
            }
        }

        return digits.Length;
    }

    /// <summary>
    /// Produces this tick's telephone-event payload. Call once per tick while not <see cref="IsIdle"/>; every call, with or
    /// without a packet, stands for one <see cref="PacketInterval"/>.
    /// </summary>
    /// <param name="payload">At least <see cref="TelephoneEvent.Length"/> bytes.</param>
    /// <param name="length">Bytes written (4), or 0.</param>
    /// <param name="marker">The RTP marker bit: set on the first packet of an event.</param>
    /// <param name="timestamp">The RTP timestamp to send: the event's (or segment's) start.</param>
    /// <returns>True when a packet is to be sent this tick; false when idle or in the gap between two digits.</returns>
    public bool TryNextPacket(Span<byte> payload, out int length, out bool marker, out uint timestamp)
    {
        length = 0;
        marker = false;
        timestamp = 0;
        if (IsIdle)
        {
            return false;
        }

        if (payload.Length < TelephoneEvent.Length)
        {
            ThrowPayloadTooShort();
        }

        if (!_inEvent && !TryBeginEvent())
        {
            _tickTimestamp += (uint)_intervalUnits;
            return false;
        }

        TelephoneEvent value;
        marker = _firstPacket;
        _firstPacket = false;
        if (_elapsedUnits < _totalUnits)
        {
            long next = Math.Min(_elapsedUnits + _intervalUnits, _totalUnits);
            timestamp = _eventTimestamp + (uint)_segmentStart;
            if (next - _segmentStart > TelephoneEvent.MaxDuration)
            {
                // RFC 4733 §2.5.1.3: close this segment at the maximum duration, without the E bit; the next starts there.
                value = new TelephoneEvent(_eventCode, end: false, Volume, TelephoneEvent.MaxDuration);
                _segmentStart += TelephoneEvent.MaxDuration;
            }
            else
            {
                bool end = next == _totalUnits;
                value = new TelephoneEvent(_eventCode, end, Volume, (int)(next - _segmentStart));
                _endPacketsSent += end ? 1 : 0;
            }

            _elapsedUnits = next;
        }
        else
        {
            // Retransmissions of the final packet.
            timestamp = _eventTimestamp + (uint)_segmentStart;
            value = new TelephoneEvent(_eventCode, end: true, Volume, (int)(_totalUnits - _segmentStart));
            _endPacketsSent++;
        }

        length = value.Write(payload);
        if (_endPacketsSent == EndPacketCount)
        {
            _inEvent = false;
            _hasEarliestStart = true;
            _earliestStart = _eventTimestamp + (uint)(_totalUnits + _gapUnits);
        }

        _tickTimestamp += (uint)_intervalUnits;
        return true;
    }

    /// <summary>Drops the queued digits that have not started; the event being sent finishes normally.</summary>
    public void ClearQueue()
    {
        _queueHead = 0;
        _queueCount = 0;
    }

    private bool TryBeginEvent()
    {
        if (_hasEarliestStart)
        {
            // Wait until the gap has passed. A difference outside 0..gap (timestamp wrap, long idle) means no wait.
            uint wait = _earliestStart - _tickTimestamp;
            if (wait != 0 && wait <= _gapUnits + (EndPacketCount * (long)_intervalUnits))
            {
                return false;
            }

            _hasEarliestStart = false;
        }

        _eventCode = _queuedEvents[_queueHead];
        _totalUnits = _queuedUnits[_queueHead];
        _queueHead = (_queueHead + 1) % _queuedEvents.Length;
        _queueCount--;
        _inEvent = true;
        _eventTimestamp = _tickTimestamp;
        _elapsedUnits = 0;
        _segmentStart = 0;
        _firstPacket = true;
        _endPacketsSent = 0;
        return true;
    }

    private static long ToUnits(TimeSpan duration, int clockRate) => duration.Ticks * clockRate / TimeSpan.TicksPerSecond;

    [DoesNotReturn]
    private static void ThrowInvalidDigit(char digit) => throw new ArgumentException($"'{digit}' is not a DTMF key (0-9, *, #, A-D).", nameof(digit));

    [DoesNotReturn]
    private static void ThrowPayloadTooShort() => throw new ArgumentException("The payload buffer is shorter than the 4-byte telephone-event payload.", "payload");
}
