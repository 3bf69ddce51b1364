namespace Softswitch.Media.Codecs;

/// <summary>
/// Packet loss concealment by pitch-period repetition, a C# port of spandsp's <c>plc.c</c> (itself in the manner of ITU-T
/// G.711 Appendix I) with its constants scaled by the sample rate, so it serves 16 kHz codecs too: on the first lost block the
/// pitch is found by AMDF over 66-200 Hz in the last 20 ms, one period is built (its last quarter overlap-added with the period
/// before) and repeated with a linear fade reaching silence after 50 ms; the start of the first good block after a loss is
/// cross-faded over a quarter period with the continuing synthetic signal. Allocates only in the constructor.
/// </summary>
internal sealed class PitchRepetitionConcealer
{
    private readonly int _shortestPeriod;
    private readonly int _longestPeriod;
    private readonly int _correlationSpan;
    private readonly float _attenuationStep;
    private readonly short[] _history;
    private readonly float[] _period;
    private int _missingSamples;
    private int _pitch;
    private int _pitchOffset;

    /// <summary>Creates a concealer.</summary>
    /// <param name="sampleRate">The PCM rate (8000 or 16000; any multiple of 200 works).</param>
    public PitchRepetitionConcealer(int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        SampleRate = sampleRate;
        _shortestPeriod = sampleRate / 200;         // 200 Hz (spandsp PLC_PITCH_MAX = 40 at 8 kHz)
        _longestPeriod = sampleRate * 3 / 200;      // 66 Hz (PLC_PITCH_MIN = 120 at 8 kHz)
        _correlationSpan = sampleRate / 50;         // 20 ms (CORRELATION_SPAN = 160 at 8 kHz)
        _attenuationStep = 20f / sampleRate;        // 0.0025 per sample at 8 kHz: silent after 50 ms
        _history = new short[_correlationSpan + _longestPeriod];
        _period = new float[_longestPeriod];
        _pitch = _longestPeriod;
    }

    /// <summary>The PCM rate.</summary>
    public int SampleRate { get; }

    /// <summary>Samples concealed since the last good block.</summary>
    public int MissingSamples => _missingSamples;

    /// <summary>Records a good block; when it follows a loss, cross-fades its start (in place) with the concealment.</summary>
    /// <param name="pcm">The decoded samples, modified in place.</param>
    public void Receive(Span<short> pcm)
    {
        if (_missingSamples > 0)
        {
            int overlap = Math.Min(_pitch >> 2, pcm.Length);
            float gain = Math.Max(1f - (_missingSamples * _attenuationStep), 0f);
            float newStep = 1f / overlap;
            float oldStep = newStep * gain;
            float newWeight = newStep;
            float oldWeight = (1f - newStep) * gain;
            for (int i = 0; i < overlap; i++)
            {
                pcm[i] = Saturate((oldWeight * _period[_pitchOffset]) + (newWeight * pcm[i]));
                if (++_pitchOffset >= _pitch)
                {
                    _pitchOffset = 0;
                }

                newWeight += newStep;
                oldWeight = Math.Max(oldWeight - oldStep, 0f);
            }

            _missingSamples = 0;
        }

        Save(pcm);
    }

    /// <summary>Synthesizes a missing block from the history.</summary>
    /// <param name="pcm">Filled entirely.</param>
    public void Conceal(Span<short> pcm)
    {
        short[] history = _history;
        int length = history.Length;
        float gain;
        int i = 0;
        if (_missingSamples == 0)
        {
            _pitch = AmdfPitch(history.AsSpan(length - _correlationSpan - _longestPeriod));
            int overlap = _pitch >> 2;

            // One period from the end of the history; its last quarter blends into the period before so the ends join.
            int copy = _pitch - overlap;
            for (int k = 0; k < copy; k++)
            {
                _period[k] = history[length - _pitch + k];
            }

            float step = 1f / overlap;
            float weight = step;
            for (int k = copy; k < _pitch; k++)
            {
                _period[k] = (history[length - _pitch + k] * (1f - weight)) + (history[length - (2 * _pitch) + k] * weight);
                weight += step;
            }

            // Blend the first quarter period with the time-reversed end of the real signal, to avoid adding delay.
            float newWeight = step;
            float oldWeight = 1f - step;
            for (; i < overlap && i < pcm.Length; i++)
            {
                pcm[i] = Saturate((oldWeight * history[length - 1 - i]) + (newWeight * _period[i]));
                newWeight += step;
                oldWeight = Math.Max(oldWeight - step, 0f);
            }

            _pitchOffset = i;
            gain = 1f;
        }
        else
        {
            gain = 1f - (_missingSamples * _attenuationStep);
        }

        for (; gain > 0f && i < pcm.Length; i++)
        {
            pcm[i] = Saturate(_period[_pitchOffset] * gain);
            gain -= _attenuationStep;
            if (++_pitchOffset >= _pitch)
            {
                _pitchOffset = 0;
            }
        }

        pcm.Slice(i).Clear();
        _missingSamples += pcm.Length;
        Save(pcm);
    }

    /// <summary>Forgets the history, as for a new stream.</summary>
    public void Reset()
    {
        Array.Clear(_history);
        _missingSamples = 0;
        _pitchOffset = 0;
        _pitch = _longestPeriod;
    }

    // The lag (shortest..longest period) minimising the average magnitude difference over the correlation span.
    private int AmdfPitch(ReadOnlySpan<short> samples)
    {
        long best = long.MaxValue;
        int pitch = _longestPeriod;
        for (int lag = _shortestPeriod; lag <= _longestPeriod; lag++)
        {
            long sum = 0;
            for (int j = 0; j < _correlationSpan; j++)
            {
                sum += Math.Abs(samples[lag + j] - samples[j]);
            }

            if (sum < best)
            {
                best = sum;
                pitch = lag;
            }
        }

        return pitch;
    }

    private void Save(ReadOnlySpan<short> pcm)
    {
        Span<short> history = _history;
        if (pcm.Length >= history.Length)
        {
            pcm.Slice(pcm.Length - history.Length).CopyTo(history);
            return;
        }

        history.Slice(pcm.Length).CopyTo(history);
        pcm.CopyTo(history.Slice(history.Length - pcm.Length));
    }

    private static short Saturate(float value) => (short)Math.Clamp((int)MathF.Round(value), short.MinValue, short.MaxValue);
}
