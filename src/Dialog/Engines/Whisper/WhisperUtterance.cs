namespace Softswitch.Dialog.Engines.Whisper;

/// <summary>
/// One caller utterance being collected frame by frame (16 kHz PCM) for <see cref="WhisperEngine"/>: <see cref="Partial"/>
/// transcribes what has been said so far while the caller still speaks (whisper has no streaming decoder, so a partial
/// result re-decodes the buffer as one segment), <see cref="Complete"/> transcribes the whole utterance at its end.
/// Not thread-safe: one per call, used by the call's loop.
/// </summary>
public sealed class WhisperUtterance
{
    private readonly WhisperEngine _engine;
    private readonly float[] _samples;

    internal WhisperUtterance(WhisperEngine engine, int capacity)
    {
        _engine = engine;
        _samples = new float[capacity];
    }

    /// <summary>Audio collected so far.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Count / WhisperEngine.SampleRate);

    /// <summary>Samples collected so far.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the buffer is full (<see cref="WhisperOptions.MaxUtterance"/>): time to end the utterance.</summary>
    public bool IsFull => Count == _samples.Length;

    /// <summary>Adds a frame (no allocation); what does not fit is dropped.</summary>
    /// <param name="pcm">16 kHz mono PCM.</param>
    /// <returns>The number of samples taken.</returns>
    public int Append(ReadOnlySpan<short> pcm)
    {
        var taken = Math.Min(pcm.Length, _samples.Length - Count);
        WhisperEngine.ToFloat(pcm[..taken], _samples.AsSpan(Count, taken));
        Count += taken;
        return taken;
    }

    /// <summary>The hypothesis so far, as one segment.</summary>
    /// <param name="cancellationToken">Aborts the decoding.</param>
    /// <returns>The partial transcript.</returns>
    public WhisperTranscript Partial(CancellationToken cancellationToken) => _engine.Run(_samples.AsSpan(0, Count), singleSegment: true, onSegment: null, cancellationToken);

    /// <summary>The final transcript of everything collected.</summary>
    /// <param name="cancellationToken">Aborts the decoding.</param>
    /// <returns>The transcript.</returns>
    public WhisperTranscript Complete(CancellationToken cancellationToken) => _engine.Run(_samples.AsSpan(0, Count), singleSegment: false, onSegment: null, cancellationToken);

    /// <summary>Empties the buffer for the next utterance.</summary>
    public void Reset() => Count = 0;
}
