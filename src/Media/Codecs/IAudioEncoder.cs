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

    /// <summary>
    /// Tells the encoder the highest audio frequency its input carries from now on, e.g. 4000 Hz while it plays what a G.711 leg
    /// decoded. An encoder that can code a narrower band (Opus) then spends less CPU on the same sound; the others ignore it.
    /// </summary>
    /// <param name="hertz">The input's audio bandwidth in Hz; 8000 (the Nyquist frequency of 16 kHz PCM) means full band.</param>
    void LimitInputBandwidth(int hertz)
    {
    }
}
