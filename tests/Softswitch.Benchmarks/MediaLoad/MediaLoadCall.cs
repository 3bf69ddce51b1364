using System.Net;

namespace Softswitch.Benchmarks.MediaLoad;

/// <summary>One call the media load generator places: its SIP identity, its RTP stream, and what it received.</summary>
internal sealed class MediaLoadCall
{
    private long _received;
    private long _gaps;
    private long _lastArrival;
    private int _firstLost = int.MinValue;
    private int _lastLost;
    private long _reports;

    /// <summary>Creates the call.</summary>
    /// <param name="index">Its number in the run, 0-based.</param>
    /// <param name="called">The number it calls (pairs of bridged calls share one).</param>
    /// <param name="stream">What it sends: the codec, payload type and pre-encoded frames.</param>
    /// <param name="socketIndex">Which of the generator's RTP sockets it sends from and receives on.</param>
    public MediaLoadCall(int index, string called, MediaLoadStream stream, int socketIndex)
    {
        Index = index;
        Called = called;
        Stream = stream;
        SocketIndex = socketIndex;
        CallId = $"media-load-{Environment.ProcessId}-{index}-{Guid.NewGuid():N}";
        FromTag = $"ml{index}";
        Ssrc = (uint)(0x5000_0000 + index);
    }

    /// <summary>Its number in the run.</summary>
    public int Index { get; }

    /// <summary>The user part of the Request-URI.</summary>
    public string Called { get; }

    /// <summary>What it sends.</summary>
    public MediaLoadStream Stream { get; }

    /// <summary>Which generator socket it uses.</summary>
    public int SocketIndex { get; }

    /// <summary>The SIP Call-ID.</summary>
    public string CallId { get; }

    /// <summary>The From tag.</summary>
    public string FromTag { get; }

    /// <summary>The RTP SSRC it sends with.</summary>
    public uint Ssrc { get; }

    /// <summary>The To header of the 200 (with the gateway's tag), once answered.</summary>
    public string? ToHeader { get; set; }

    /// <summary>The gateway's Contact URI, where in-dialog requests go.</summary>
    public string? RemoteTarget { get; set; }

    /// <summary>The gateway's RTP address for this call, once answered.</summary>
    public SocketAddress? RtpAddress { get; set; }

    /// <summary>Completes with the final status of the INVITE.</summary>
    public TaskCompletionSource<int> Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the final status of the BYE.</summary>
    public TaskCompletionSource<int> HungUp { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Next RTP sequence number (sender thread only).</summary>
    public ushort Sequence { get; set; }

    /// <summary>Next RTP timestamp (sender thread only).</summary>
    public uint Timestamp { get; set; }

    /// <summary>Next pre-encoded frame to send (sender thread only).</summary>
    public int Frame { get; set; }

    /// <summary>RTP packets received from the gateway.</summary>
    public long Received => Volatile.Read(ref _received);

    /// <summary>Arrivals more than <see cref="MediaLoadGenerator.GapThresholdMs"/> after the previous one: the gateway was late.</summary>
    public long Gaps => Volatile.Read(ref _gaps);

    /// <summary>RTCP reports from the gateway about our stream.</summary>
    public long Reports => Volatile.Read(ref _reports);

    /// <summary>Packets the gateway's latest report counts as lost, less those its first report in the window counted.</summary>
    public int LostInWindow => _firstLost == int.MinValue ? 0 : Volatile.Read(ref _lastLost) - _firstLost;

    /// <summary>Counts one RTP packet (receiver thread only).</summary>
    /// <param name="now">Its arrival, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</param>
    /// <param name="gapTicks">Longest expected gap in the same unit.</param>
    public void OnRtp(long now, long gapTicks)
    {
        if (_lastArrival != 0 && now - _lastArrival > gapTicks)
        {
            Volatile.Write(ref _gaps, _gaps + 1);
        }

        _lastArrival = now;
        Volatile.Write(ref _received, _received + 1);
    }

    /// <summary>Takes the cumulative loss from a report block about our SSRC (receiver thread only).</summary>
    /// <param name="cumulativeLost">The block's cumulative number of packets lost.</param>
    public void OnReport(int cumulativeLost)
    {
        if (_firstLost == int.MinValue)
        {
            _firstLost = cumulativeLost;
        }

        Volatile.Write(ref _lastLost, cumulativeLost);
        Volatile.Write(ref _reports, _reports + 1);
    }

    /// <summary>Starts a new measuring window for the loss the gateway reports.</summary>
    public void ResetLossWindow() => _firstLost = int.MinValue;
}
