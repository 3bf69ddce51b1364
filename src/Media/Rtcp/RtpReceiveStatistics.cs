namespace Softswitch.Media.Rtcp;

/// <summary>
/// Reception statistics for one RTP source, kept as in RFC 3550 Appendix A: sequence validation with probation
/// (<see href="https://www.rfc-editor.org/rfc/rfc3550#appendix-A.1"/>), expected and lost counts
/// (<see href="https://www.rfc-editor.org/rfc/rfc3550#appendix-A.3"/>) and interarrival jitter
/// (<see href="https://www.rfc-editor.org/rfc/rfc3550#appendix-A.8"/>), producing the report block of the next SR or RR.
/// Not thread-safe: the call's receive loop owns it. Allocated once per source; <see cref="Update"/> does not allocate.
/// </summary>
public sealed class RtpReceiveStatistics
{
    /// <summary>Largest forward jump in sequence numbers still taken as loss (RFC 3550 §A.1).</summary>
    public const int MaxDropout = 3000;

    /// <summary>Largest backward jump in sequence numbers taken as reordering (RFC 3550 §A.1).</summary>
    public const int MaxMisorder = 100;

    /// <summary>Sequential packets needed before a source is valid (RFC 3550 §A.1).</summary>
    public const int MinSequential = 2;

    private const int SequenceModulo = 1 << 16;

    private readonly int _clockRate;
    private ushort _maxSequence;
    private uint _cycles;
    private uint _baseSequence;
    private uint _badSequence;
    private int _probation;
    private uint _received;
    private uint _expectedPrior;
    private uint _receivedPrior;
    private bool _haveTransit;
    private long _transit;
    private double _jitter;
    private uint _lastSenderReport;
    private TimeSpan _lastSenderReportArrival;

    /// <summary>Starts statistics for a source whose first packet has sequence number <paramref name="firstSequence"/>.</summary>
    /// <param name="ssrc">The source's SSRC.</param>
    /// <param name="clockRate">The RTP clock rate of its payload in Hz (8,000 for G.711).</param>
    /// <param name="firstSequence">
    /// Sequence number of the first packet seen; it starts probation. Pass that packet to <see cref="Update"/> as well.
    /// </param>
    public RtpReceiveStatistics(uint ssrc, int clockRate, ushort firstSequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        Ssrc = ssrc;
        _clockRate = clockRate;
        InitSequence(firstSequence);
        _maxSequence = (ushort)(firstSequence - 1);
        _probation = MinSequential;
    }

    /// <summary>The source's SSRC.</summary>
    public uint Ssrc { get; }

    /// <summary>True once the source has passed probation (<see cref="MinSequential"/> packets in sequence).</summary>
    public bool IsValid => _probation == 0;

    /// <summary>Packets received and counted, duplicates included (RFC 3550 §A.3).</summary>
    public uint Received => _received;

    /// <summary>Highest sequence number received, extended with the count of wraps in the upper 16 bits.</summary>
    public uint ExtendedHighestSequence => _cycles + _maxSequence;

    /// <summary>Packets expected: extended highest sequence − base sequence + 1 (RFC 3550 §A.3).</summary>
    public uint Expected => IsValid ? ExtendedHighestSequence - _baseSequence + 1 : 0;

    /// <summary>Cumulative packets lost; negative when duplicates outnumber losses (RFC 3550 §A.3).</summary>
    public long CumulativeLost => (long)Expected - _received;

    /// <summary>Interarrival jitter in RTP timestamp units (RFC 3550 §A.8).</summary>
    public double Jitter => _jitter;

    /// <summary>Interarrival jitter in milliseconds at the source's clock rate.</summary>
    public double JitterMilliseconds => _jitter * 1000.0 / _clockRate;

    /// <summary>
    /// Accounts one RTP packet from this source (RFC 3550 §A.1, §A.8).
    /// </summary>
    /// <param name="sequenceNumber">The packet's sequence number.</param>
    /// <param name="rtpTimestamp">The packet's RTP timestamp.</param>
    /// <param name="arrival">Arrival time on a monotonic local clock (e.g. <see cref="TimeProvider.GetElapsedTime(long)"/>).</param>
    /// <returns>
    /// False while the source is on probation or after a large sequence jump that is not (yet) a restart; the caller should
    /// not play such packets.
    /// </returns>
    public bool Update(ushort sequenceNumber, uint rtpTimestamp, TimeSpan arrival)
    {
        if (!UpdateSequence(sequenceNumber))
        {
            return false;
        }

        UpdateJitter(rtpTimestamp, arrival);
        return true;
    }

    /// <summary>Notes an SR received from this source, for the LSR and DLSR of the next report block (RFC 3550 §6.4.1).</summary>
    /// <param name="ntpTimestamp">The SR's 64-bit NTP timestamp.</param>
    /// <param name="arrival">Arrival time on the same clock as <see cref="CreateReportBlock"/>'s <c>now</c>.</param>
    public void OnSenderReport(ulong ntpTimestamp, TimeSpan arrival)
    {
        _lastSenderReport = NtpTime.Middle32(ntpTimestamp);
        _lastSenderReportArrival = arrival;
    }

    /// <summary>
    /// Builds the report block for this source and starts a new reporting interval: the fraction lost covers the packets since
    /// the previous call (RFC 3550 §A.3).
    /// </summary>
    /// <param name="now">The current time, on the clock given to <see cref="OnSenderReport"/>.</param>
    /// <returns>The report block.</returns>
    public RtcpReportBlock CreateReportBlock(TimeSpan now)
    {
        uint expected = Expected;
        uint expectedInterval = expected - _expectedPrior;
        _expectedPrior = expected;
        uint receivedInterval = _received - _receivedPrior;
        _receivedPrior = _received;
        long lostInterval = (long)expectedInterval - receivedInterval;
        byte fraction = expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);

        long lost = Math.Clamp(CumulativeLost, RtcpReportBlock.MinCumulativeLost, RtcpReportBlock.MaxCumulativeLost);
        uint delay = 0;
        if (_lastSenderReport != 0 && now >= _lastSenderReportArrival)
        {
            delay = NtpTime.ToShortFormat(now - _lastSenderReportArrival);
        }

        return new RtcpReportBlock(Ssrc, fraction, (int)lost, ExtendedHighestSequence, (uint)_jitter, _lastSenderReport, delay);
    }

    private void InitSequence(ushort sequenceNumber)
    {
        _baseSequence = sequenceNumber;
        _maxSequence = sequenceNumber;
        _badSequence = SequenceModulo + 1; // so that sequenceNumber == _badSequence is false
        _cycles = 0;
        _received = 0;
        _receivedPrior = 0;
        _expectedPrior = 0;
    }

    private bool UpdateSequence(ushort sequenceNumber)
    {
        ushort delta = (ushort)(sequenceNumber - _maxSequence);
        if (_probation > 0)
        {
            // The source is valid only once MinSequential packets arrive in sequence.
            if (sequenceNumber == (ushort)(_maxSequence + 1))
            {
                _probation--;
                _maxSequence = sequenceNumber;
                if (_probation == 0)
                {
                    InitSequence(sequenceNumber);
                    _received++;
                    return true;
                }
            }
            else
            {
                _probation = MinSequential - 1;
                _maxSequence = sequenceNumber;
            }

            return false;
        }

        if (delta < MaxDropout)
        {
            // In order, with a permissible gap.
            if (sequenceNumber < _maxSequence)
            {
                _cycles += SequenceModulo;
            }

            _maxSequence = sequenceNumber;
        }
        else if (delta <= SequenceModulo - MaxMisorder)
        {
            // A very large jump: accept it only if the next packet follows it (the source restarted).
            if (sequenceNumber == _badSequence)
            {
                InitSequence(sequenceNumber);
                _haveTransit = false;
            }
            else
            {
                _badSequence = (uint)((sequenceNumber + 1) & (SequenceModulo - 1));
                return false;
            }
        }

        // Otherwise a duplicate or reordered packet: counted, max unchanged.
        _received++;
        return true;
    }

    private void UpdateJitter(uint rtpTimestamp, TimeSpan arrival)
    {
        // Arrival converted to timestamp units; transit differences are taken modulo 2^32 like the timestamps.
        long arrivalUnits = arrival.Ticks * _clockRate / TimeSpan.TicksPerSecond;
        long transit = (uint)arrivalUnits - rtpTimestamp;
        if (!_haveTransit)
        {
            _haveTransit = true;
            _transit = transit;
            return;
        }

        int d = (int)(uint)(transit - _transit);
        _transit = transit;
        _jitter += (Math.Abs((double)d) - _jitter) / 16.0;
    }
}
