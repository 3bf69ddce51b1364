namespace Softswitch.Media.Codecs;

/// <summary>
/// Fills frames with white noise at an RFC 3389 level, for the gaps a peer leaves when it sends CN and stops sending audio.
/// Uniform samples from a xorshift32 generator (deterministic for a seed), scaled so the RMS matches
/// <see cref="ComfortNoise.LevelToRms"/>. No allocation; one instance per inbound stream, not thread-safe.
/// </summary>
public sealed class ComfortNoiseGenerator
{
    private const uint DefaultSeed = 0x9E3779B9;

    private uint _state;
    private int _level;
    private float _scale;

    /// <summary>Creates a generator at -70 dBov.</summary>
    /// <param name="seed">Seed of the pseudo-random sequence (0 picks a fixed non-zero one).</param>
    public ComfortNoiseGenerator(uint seed = DefaultSeed)
    {
        _state = seed == 0 ? DefaultSeed : seed;
        Level = 70;
    }

    /// <summary>The noise level in -dBov (0-127), as carried by a CN payload. Defaults to 70.</summary>
    public int Level
    {
        get => _level;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, ComfortNoise.MaxLevel);
            _level = value;

            // A uniform distribution on [-a, a] has an RMS of a / sqrt(3); samples are int32 / 2^31 in [-1, 1).
            _scale = (float)(ComfortNoise.LevelToRms(value) * Math.Sqrt(3) / 2147483648.0);
        }
    }

    /// <summary>Takes the level from a received CN payload.</summary>
    /// <param name="payload">The RTP payload of a payload type 13 packet.</param>
    /// <returns>False (level unchanged) when the payload is empty.</returns>
    public bool Update(ReadOnlySpan<byte> payload)
    {
        if (!ComfortNoise.TryReadLevel(payload, out int level))
        {
            return false;
        }

        Level = level;
        return true;
    }

    /// <summary>Fills one 20 ms frame at <paramref name="sampleRate"/>.</summary>
    /// <param name="sampleRate">The PCM rate (8000 or 16000).</param>
    /// <param name="pcm">At least <c>sampleRate / 50</c> samples.</param>
    /// <returns>Samples written (<c>sampleRate / 50</c>).</returns>
    public int Fill(int sampleRate, Span<short> pcm)
    {
        int samples = sampleRate / 50;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples, nameof(sampleRate));
        if (pcm.Length < samples)
        {
            CodecThrowHelper.ThrowPcmTooShort(samples);
        }

        Fill(pcm.Slice(0, samples));
        return samples;
    }

    /// <summary>Fills every sample of <paramref name="pcm"/> with noise.</summary>
    /// <param name="pcm">The samples to overwrite.</param>
    public void Fill(Span<short> pcm)
    {
        uint state = _state;
        float scale = _scale;
        for (int i = 0; i < pcm.Length; i++)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            float value = (int)state * scale;
            pcm[i] = (short)Math.Clamp(MathF.Round(value), short.MinValue, short.MaxValue);
        }

        _state = state;
    }
}
