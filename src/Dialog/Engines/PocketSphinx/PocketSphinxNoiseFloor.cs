namespace Softswitch.Dialog.Engines.PocketSphinx;

/// <summary>
/// Adds a faint noise floor to the decoder's input. pocketsphinx 5prealpha's noise and silence estimation fails on exact digital
/// silence (zero samples, as synthesized prompts, silence suppression and zero-filled packet loss give): measured on espeak-ng
/// speech padded with zeros, the first words were lost or a wrong phrase won at most input levels; with noise at about
/// -66 dBFS, the sentence was recognized at every level from -24 to +6 dB. Seeded xorshift, no allocation; one per recognizer.
/// </summary>
internal sealed class PocketSphinxNoiseFloor
{
    private readonly int _amplitude;
    private uint _state = 0x9E3779B9;

    /// <summary>Creates the noise source.</summary>
    /// <param name="amplitude">Peak noise in sample units (16 is about -66 dBFS).</param>
    public PocketSphinxNoiseFloor(int amplitude) => _amplitude = amplitude;

    /// <summary>Copies <paramref name="input"/> into <paramref name="output"/> (same length) with the noise added, saturated.</summary>
    /// <param name="input">PCM16.</param>
    /// <param name="output">Destination.</param>
    public void Apply(ReadOnlySpan<short> input, Span<short> output)
    {
        var span = (2 * _amplitude) + 1;
        for (var i = 0; i < input.Length; i++)
        {
            _state ^= _state << 13;
            _state ^= _state >> 17;
            _state ^= _state << 5;
            var noise = (int)(_state % (uint)span) - _amplitude;
            output[i] = (short)Math.Clamp(input[i] + noise, short.MinValue, short.MaxValue);
        }
    }
}
