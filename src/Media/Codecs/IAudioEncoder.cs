namespace Softswitch.Media.Codecs;

/// <summary>
/// Encodes 20 ms frames of mono PCM into RTP payloads for one direction of one leg. Instances hold codec state (Opus, G.722,
/// G.729 are stateful), so each leg owns its own; they are not thread-safe. <see cref="Encode"/> allocates nothing.
/// </summary>
public interface IAudioEncoder : IDisposable
{
    /// <summary>The codec this encoder produces.</summary>
    AudioCodecInfo Codec { get; }

    /// <summary>PCM sample rate <see cref="Encode"/> expects: 8000 (G.711, G.729) or 16000 (G.722, Opus).</summary>
    int SampleRate { get; }

    /// <summary>Encodes one 20 ms frame (<c>SampleRate / 50</c> samples) into <paramref name="payload"/>.</summary>
    /// <param name="frame">Exactly one frame of samples at <see cref="SampleRate"/>.</param>
    /// <param name="payload">Destination; 1500 bytes always suffice.</param>
    /// <returns>Payload bytes written; 0 means send nothing this frame (DTX).</returns>
    int Encode(ReadOnlySpan<short> frame, Span<byte> payload);
}
