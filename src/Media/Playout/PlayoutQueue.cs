namespace Softswitch.Media.Playout;

/// <summary>
/// Fixed-capacity ring of outbound 16 kHz frames, allocated once at call setup (STYLE.md §4.4). Producers (TTS, prompts) add
/// audio of any length; it is cut into frames, and a trailing partial frame waits for more audio, or is played padded with
/// silence when nothing else is queued. The consumer is the media clock tick. A short lock makes it safe for any number of
/// producers; it never allocates after construction.
/// </summary>
internal sealed class PlayoutQueue
{
    private readonly Lock _lock = new();
    private short[]? _ring;
    private readonly short[] _partial;
    private readonly int _frameSamples;
    private readonly int _capacity;
    private int _head;
    private int _count;
    private int _partialLength;

    /// <summary>Creates the queue; the ring is allocated on the first enqueue, so a call that never plays audio costs nothing.</summary>
    /// <param name="capacityFrames">Frames the queue holds (500 frames = 10 s at 20 ms).</param>
    /// <param name="frameSamples">Samples per frame; 320 for 20 ms at 16 kHz.</param>
    public PlayoutQueue(int capacityFrames, int frameSamples = AudioFormat.FrameSamples)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityFrames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameSamples);
        _capacity = capacityFrames;
        _frameSamples = frameSamples;
        _partial = new short[frameSamples];
    }

    /// <summary>Samples per frame.</summary>
    public int FrameSamples => _frameSamples;

    /// <summary>Capacity in frames.</summary>
    public int CapacityFrames => _capacity;

    /// <summary>Frames queued, counting a pending partial frame as one.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count + (_partialLength > 0 ? 1 : 0);
            }
        }
    }

    /// <summary>Whether nothing is queued.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>Queues <paramref name="pcm"/> whole or not at all.</summary>
    /// <param name="pcm">Samples at the queue's rate, any length.</param>
    /// <returns>False, with nothing queued, when the audio does not fit.</returns>
    public bool TryEnqueue(ReadOnlySpan<short> pcm)
    {
        lock (_lock)
        {
            _ring ??= new short[_capacity * _frameSamples];
            int fullFrames = (_partialLength + pcm.Length) / _frameSamples;
            if (fullFrames > _capacity - _count)
            {
                return false;
            }

            if (_partialLength > 0)
            {
                int take = Math.Min(_frameSamples - _partialLength, pcm.Length);
                pcm.Slice(0, take).CopyTo(_partial.AsSpan(_partialLength));
                _partialLength += take;
                pcm = pcm.Slice(take);
                if (_partialLength < _frameSamples)
                {
                    return true;
                }

                PushFrame(_partial);
                _partialLength = 0;
            }

            while (pcm.Length >= _frameSamples)
            {
                PushFrame(pcm.Slice(0, _frameSamples));
                pcm = pcm.Slice(_frameSamples);
            }

            pcm.CopyTo(_partial);
            _partialLength = pcm.Length;
            return true;
        }
    }

    /// <summary>Takes the oldest frame; with no whole frame queued, takes the partial one padded with silence.</summary>
    /// <param name="frame">Receives <see cref="FrameSamples"/> samples.</param>
    /// <returns>False, leaving <paramref name="frame"/> untouched, when the queue is empty.</returns>
    public bool TryDequeue(Span<short> frame)
    {
        lock (_lock)
        {
            if (_count > 0)
            {
                _ring!.AsSpan(_head * _frameSamples, _frameSamples).CopyTo(frame);
                _head = (_head + 1) % _capacity;
                _count--;
                return true;
            }

            if (_partialLength > 0)
            {
                _partial.AsSpan(0, _partialLength).CopyTo(frame);
                frame.Slice(_partialLength, _frameSamples - _partialLength).Clear();
                _partialLength = 0;
                return true;
            }

            return false;
        }
    }

    /// <summary>Drops everything queued (barge-in).</summary>
    /// <returns>Frames dropped, counting a partial frame as one.</returns>
    public int Clear()
    {
        lock (_lock)
        {
            int dropped = _count + (_partialLength > 0 ? 1 : 0);
            _head = 0;
            _count = 0;
            _partialLength = 0;
            return dropped;
        }
    }

    private void PushFrame(ReadOnlySpan<short> frame)
    {
        int tail = (_head + _count) % _capacity;
        frame.CopyTo(_ring!.AsSpan(tail * _frameSamples, _frameSamples));
        _count++;
    }
}
