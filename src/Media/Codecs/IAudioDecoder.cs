namespace Softswitch.Media.Codecs;

/// <summary>
/// Decodes RTP payloads of one inbound stream into mono PCM and conceals lost frames. Stateful, one per leg, not thread-safe;
/// no member allocates.
/// </summary>
public interface IAudioDecoder : IDisposable
{
    /// <summary>The codec this decoder reads.</summary>
    AudioCodecInfo Codec { get; }

    /// <summary>PCM sample rate produced: 8000 (G.711, G.729) or 16000 (G.722, Opus).</summary>
    int SampleRate { get; }

    /// <summary>Whether <see cref="DecodeFec"/> can recover a lost frame from the packet after it (Opus in-band FEC).</summary>
    bool SupportsFec { get; }

    /// <summary>Decodes one payload.</summary>
    /// <param name="payload">The RTP payload (never empty).</param>
    /// <param name="pcm">Destination; 120 ms at <see cref="SampleRate"/> always suffices.</param>
    /// <returns>Samples written, or -1 when the payload is corrupt (the caller then conceals).</returns>
    int Decode(ReadOnlySpan<byte> payload, Span<short> pcm);

    /// <summary>Packet loss concealment: synthesizes one missing 20 ms frame from the decoder's history.</summary>
    /// <param name="pcm">Destination of at least <c>SampleRate / 50</c> samples.</param>
    /// <returns>Samples written (<c>SampleRate / 50</c>).</returns>
    int Conceal(Span<short> pcm);

    /// <summary>Recovers the missing 20 ms frame that preceded <paramref name="nextPayload"/> from its in-band FEC data.</summary>
    /// <param name="nextPayload">The payload of the packet that follows the lost one.</param>
    /// <param name="pcm">Destination of at least <c>SampleRate / 50</c> samples.</param>
    /// <returns>Samples written, or 0 when the packet carries no FEC (the caller then conceals).</returns>
    int DecodeFec(ReadOnlySpan<byte> nextPayload, Span<short> pcm);
}
