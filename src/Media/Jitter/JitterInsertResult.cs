namespace Softswitch.Media.Jitter;

/// <summary>What <see cref="AdaptiveJitterBuffer.Insert"/> did with one packet.</summary>
public enum JitterInsertResult
{
    /// <summary>The payload was copied into the ring and will be played in order.</summary>
    Buffered,

    /// <summary>The packet was already buffered or played; dropped and counted in <see cref="AdaptiveJitterBuffer.Duplicates"/>.</summary>
    Duplicate,

    /// <summary>The packet arrived after its play time; dropped and counted in <see cref="AdaptiveJitterBuffer.Late"/>.</summary>
    Late,

    /// <summary>
    /// The sequence number jumped far outside the buffer's window; the packet was dropped and remembered. When the next packet
    /// continues from it, the buffer resynchronises on that packet (RFC 3550 §A.1 probation).
    /// </summary>
    Probation,

    /// <summary>The payload exceeded the buffer's maximum payload size; dropped.</summary>
    TooLarge,
}
