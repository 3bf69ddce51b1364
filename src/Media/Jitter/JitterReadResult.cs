namespace Softswitch.Media.Jitter;

/// <summary>What <see cref="AdaptiveJitterBuffer.TryRead"/> produced for one 20 ms media-clock tick.</summary>
public enum JitterReadResult
{
    /// <summary>The next frame in sequence order was copied to the destination.</summary>
    Frame,

    /// <summary>The frame due now was lost (or is too late to wait for); the caller runs packet-loss concealment.</summary>
    Missing,

    /// <summary>Nothing to play: the buffer is filling, has run dry (silence, DTX) or is growing its delay; the caller plays silence or comfort noise.</summary>
    Empty,
}
