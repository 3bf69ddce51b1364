namespace Softswitch.Media.Recording;

/// <summary>Buffering of a <see cref="CallRecording"/>: how much audio the media clock may get ahead of the disk.</summary>
public sealed class CallRecordingOptions
{
    /// <summary>
    /// Ticks (20 ms each) per chunk buffer. A chunk is handed to the writer when full, and the writer rewrites the WAV header
    /// after each chunk, so this is also the most audio a crash can lose. Defaults to 50 (1 s; 64,000 bytes per chunk).
    /// </summary>
    public int TicksPerChunk { get; set; } = 50;

    /// <summary>
    /// Chunk buffers allocated per recording. When all are waiting for the disk, ticks are counted as dropped and written as
    /// silence later. Defaults to 4 (4 s of slack at the default chunk size; 256,000 bytes per call).
    /// </summary>
    public int ChunkCount { get; set; } = 4;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(TicksPerChunk);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(TicksPerChunk, 1000); // 1.28 MB: keep a chunk a reasonable buffer
        ArgumentOutOfRangeException.ThrowIfLessThan(ChunkCount, 2); // one filling while one is written
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ChunkCount, 64);
    }
}
