namespace Softswitch.Media.Recording;

/// <summary>How long call recordings are kept, for <see cref="RecordingRetention"/>.</summary>
public sealed class RecordingRetentionOptions
{
    /// <summary>The recordings directory, searched recursively. Defaults to <c>recordings</c> (relative to the working directory).</summary>
    public string Directory { get; set; } = "recordings";

    /// <summary>
    /// Recordings whose last write is older than this are deleted. Null or zero keeps recordings forever. Defaults to null.
    /// </summary>
    public TimeSpan? MaxAge { get; set; }

    /// <summary>Time between sweeps; the first runs at start. Defaults to 1 hour.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Whether <see cref="RecordingRetention.RunAsync"/> first repairs the headers of recordings left incomplete by a crash
    /// (<see cref="CallRecording.RepairHeader(string)"/>). Runs even when recordings are kept forever. Defaults to true.
    /// </summary>
    public bool RepairHeadersOnStart { get; set; } = true;
}
