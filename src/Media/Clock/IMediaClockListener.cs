namespace Softswitch.Media.Clock;

/// <summary>Something driven by the process-wide <see cref="MediaClock"/>, such as an RTP session's outbound path.</summary>
public interface IMediaClockListener
{
    /// <summary>
    /// Called on the media clock thread every 20 ms. Must be quick and must not block or allocate: every call of the process
    /// shares this thread. When the clock falls behind and skips, <paramref name="tickNumber"/> jumps by more than one.
    /// </summary>
    /// <param name="tickNumber">Ticks since the clock started (the schedule index, so a gap means skipped ticks).</param>
    void OnTick(long tickNumber);
}
