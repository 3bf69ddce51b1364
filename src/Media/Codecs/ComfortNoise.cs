using Softswitch.Media.Rtp;

namespace Softswitch.Media.Codecs;

/// <summary>
/// Comfort noise payloads (<see href="https://www.rfc-editor.org/rfc/rfc3389"/>, static payload type
/// <see cref="RtpPayloadTypes.ComfortNoise"/>): the first byte is the noise level in -dBov (0-127, most significant bit
/// reserved); any following bytes are reflection coefficients of a spectral model, which we neither read nor write (RFC 3389
/// §4 allows a receiver to use the level alone). 0 dBov is the level of a full-scale square wave, i.e. an RMS of 32767 in
/// 16-bit PCM (RFC 3389 §3).
/// </summary>
public static class ComfortNoise
{
    /// <summary>The quietest level, -127 dBov (also used for digital silence).</summary>
    public const int MaxLevel = 127;

    /// <summary>The RMS of 16-bit PCM at 0 dBov: a full-scale square wave.</summary>
    public const double FullScaleRms = 32767;

    /// <summary>Reads the noise level of a CN payload.</summary>
    /// <param name="payload">The RTP payload of a payload type 13 packet.</param>
    /// <param name="level">The noise level in -dBov (0 loudest to 127 quietest).</param>
    /// <returns>False when the payload is empty.</returns>
    public static bool TryReadLevel(ReadOnlySpan<byte> payload, out int level)
    {
        if (payload.IsEmpty)
        {
            level = 0;
            return false;
        }

        level = payload[0] & 0x7F; // the reserved top bit is ignored on receipt
        return true;
    }

    /// <summary>Writes a level-only CN payload (one byte, no spectral information).</summary>
    /// <param name="level">The noise level in -dBov, 0-127.</param>
    /// <param name="destination">At least one byte.</param>
    /// <returns>Bytes written (1).</returns>
    public static int WriteLevel(int level, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, MaxLevel);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, 1, nameof(destination));
        destination[0] = (byte)level;
        return 1;
    }

    /// <summary>The RMS amplitude in 16-bit PCM of noise at <paramref name="level"/>.</summary>
    /// <param name="level">The noise level in -dBov.</param>
    /// <returns><c>32767 × 10^(-level / 20)</c>.</returns>
    public static double LevelToRms(int level) => FullScaleRms * Math.Pow(10, -level / 20.0);

    /// <summary>The CN level that describes <paramref name="pcm"/> (for sending CN when our side falls silent).</summary>
    /// <param name="pcm">The background signal.</param>
    /// <returns>Its level in -dBov, rounded and clamped to 0-127 (127 for digital silence).</returns>
    public static int MeasureLevel(ReadOnlySpan<short> pcm)
    {
        if (pcm.IsEmpty)
        {
            return MaxLevel;
        }

        double sum = 0;
        foreach (short sample in pcm)
        {
            sum += (double)sample * sample;
        }

        double rms = Math.Sqrt(sum / pcm.Length);
        if (rms <= 0)
        {
            return MaxLevel;
        }

        return Math.Clamp((int)Math.Round(-20 * Math.Log10(rms / FullScaleRms)), 0, MaxLevel);
    }
}
