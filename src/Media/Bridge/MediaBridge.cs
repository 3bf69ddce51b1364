using Softswitch.Media.Rtp;

namespace Softswitch.Media.Bridge;

/// <summary>
/// Joins two RTP legs so each hears the other: the 16 kHz frames one leg decodes on a media-clock tick are queued for the other
/// leg's next tick, which encodes them in its own codec (PCMU on a trunk, Opus to an agent phone, and so on). Transcoding thus
/// costs one decode and one encode per direction and adds one frame of delay; audio from a narrowband leg is encoded as
/// narrowband where the codec can (Opus), which costs less and loses nothing. Each direction keeps at most
/// <see cref="MaxQueuedFrames"/> waiting, dropping the oldest beyond that, so clock drift between the legs cannot build up delay.
/// Disposing the bridge gives both legs their previous audio sinks back. Nothing is allocated per frame.
/// </summary>
public sealed class MediaBridge : IDisposable
{
    /// <summary>The most 20 ms frames waiting for the other leg before the oldest is dropped (60 ms).</summary>
    public const int MaxQueuedFrames = 3;

    private readonly RtpSession _a;
    private readonly RtpSession _b;
    private readonly IAudioSink? _previousA;
    private readonly IAudioSink? _previousB;
    private readonly Direction _aToB;
    private readonly Direction _bToA;
    private int _disposed;

    /// <summary>Joins <paramref name="a"/> and <paramref name="b"/>; whatever either leg had queued for playout is dropped.</summary>
    /// <param name="a">One leg.</param>
    /// <param name="b">The other leg.</param>
    public MediaBridge(RtpSession a, RtpSession b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (ReferenceEquals(a, b))
        {
            throw new ArgumentException("A leg cannot be bridged to itself.", nameof(b));
        }

        _a = a;
        _b = b;
        _previousA = a.AudioSink;
        _previousB = b.AudioSink;
        a.ClearPlayout();
        b.ClearPlayout();
        _aToB = new Direction(a, b);
        _bToA = new Direction(b, a);
        a.AudioSink = _aToB;
        b.AudioSink = _bToA;
    }

    /// <summary>Frames carried from the first leg to the second.</summary>
    public long FramesAToB => _aToB.Forwarded;

    /// <summary>Frames carried from the second leg to the first.</summary>
    public long FramesBToA => _bToA.Forwarded;

    /// <summary>Frames dropped because the receiving leg fell behind (in both directions).</summary>
    public long FramesDropped => _aToB.Dropped + _bToA.Dropped;

    /// <summary>Separates the legs and restores their previous audio sinks.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (ReferenceEquals(_a.AudioSink, _aToB))
        {
            _a.AudioSink = _previousA;
        }

        if (ReferenceEquals(_b.AudioSink, _bToA))
        {
            _b.AudioSink = _previousB;
        }

        _a.InputAudioBandwidth = AudioFormat.SampleRate / 2;
        _b.InputAudioBandwidth = AudioFormat.SampleRate / 2;
    }

    /// <summary>
    /// One direction: frames decoded by one leg, queued on the other. The receiving leg learns the source's audio bandwidth with
    /// each frame (it follows a codec change by re-INVITE), so its encoder codes no more band than there is: PCMU audio goes out
    /// as narrowband Opus.
    /// </summary>
    private sealed class Direction(RtpSession source, RtpSession target) : IAudioSink
    {
        private long _forwarded;
        private long _dropped;

        public long Forwarded => Volatile.Read(ref _forwarded);

        public long Dropped => Volatile.Read(ref _dropped);

        public void OnAudio(ReadOnlySpan<short> frame)
        {
            target.InputAudioBandwidth = source.Codec.AudioBandwidth;
            while (target.PlayoutQueuedFrames >= MaxQueuedFrames && target.DropOldestPlayoutFrame())
            {
                Interlocked.Increment(ref _dropped);
            }

            if (target.Enqueue(frame))
            {
                Interlocked.Increment(ref _forwarded);
            }
        }
    }
}
