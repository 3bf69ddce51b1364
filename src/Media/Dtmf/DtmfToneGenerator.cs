using System.Diagnostics.CodeAnalysis;

namespace Softswitch.Media.Dtmf;

/// <summary>
/// Writes DTMF dual tones (ITU-T Q.23: rows 697, 770, 852, 941 Hz; columns 1209, 1336, 1477, 1633 Hz) into the caller's
/// buffers at any sample rate, for in-band sending and for tests. Phase continues across calls, so a tone may be written
/// one 20 ms frame at a time. Allocation-free; not thread-safe.
/// </summary>
public sealed class DtmfToneGenerator
{
    /// <summary>Default level of each of the two tones: -10 dBm0, matching <see cref="DtmfSender.DefaultVolume"/>.</summary>
    public const double DefaultLevelDbm0 = -10;

    // Peak amplitude of a 0 dBm0 sine in 16-bit PCM: full scale is +3.14 dBm0 (ITU-T G.711; spandsp's DBM0_MAX_SINE_POWER).
    private const double ZeroDbm0Peak = 32767 / 1.4355;

    private const string Keys = "123A456B789C*0#D";
    private static readonly int[] s_rowHz = [697, 770, 852, 941];
    private static readonly int[] s_columnHz = [1209, 1336, 1477, 1633];

    private readonly double _amplitude;
    private double _lowPhase;
    private double _highPhase;
    private double _lowStep;
    private double _highStep;

    /// <summary>Creates a generator.</summary>
    /// <param name="sampleRate">Output rate in Hz; at least 4 kHz.</param>
    /// <param name="levelDbm0">Level of each tone in dBm0, at most 0. Defaults to <see cref="DefaultLevelDbm0"/>.</param>
    public DtmfToneGenerator(int sampleRate, double levelDbm0 = DefaultLevelDbm0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 4000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(levelDbm0, 0);
        SampleRate = sampleRate;
        LevelDbm0 = levelDbm0;
        _amplitude = ZeroDbm0Peak * Math.Pow(10, levelDbm0 / 20);
    }

    /// <summary>The output rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>The level of each tone in dBm0.</summary>
    public double LevelDbm0 { get; }

    /// <summary>The key being generated, or '\0' when silent.</summary>
    public char Digit { get; private set; }

    /// <summary>The row (low) and column (high) frequencies of a key (ITU-T Q.23).</summary>
    /// <param name="digit">'0'-'9', '*', '#', 'A'-'D' (or 'a'-'d').</param>
    /// <param name="lowHz">The row frequency.</param>
    /// <param name="highHz">The column frequency.</param>
    /// <returns>False when <paramref name="digit"/> is not a DTMF key.</returns>
    public static bool TryGetFrequencies(char digit, out int lowHz, out int highHz)
    {
        int index = Keys.IndexOf(char.ToUpperInvariant(digit), StringComparison.Ordinal);
        if (index < 0)
        {
            lowHz = 0;
            highHz = 0;
            return false;
        }

        lowHz = s_rowHz[index / 4];
        highHz = s_columnHz[index % 4];
        return true;
    }

    /// <summary>Starts a key's tone from phase zero; following <see cref="Generate"/> calls write it.</summary>
    /// <param name="digit">'0'-'9', '*', '#', 'A'-'D' (or 'a'-'d').</param>
    public void Start(char digit)
    {
        if (!TryGetFrequencies(digit, out int lowHz, out int highHz))
        {
            ThrowInvalidDigit(digit);
        }

        Digit = char.ToUpperInvariant(digit);
        _lowStep = 2 * Math.PI * lowHz / SampleRate;
        _highStep = 2 * Math.PI * highHz / SampleRate;
        _lowPhase = 0;
        _highPhase = 0;
    }

    /// <summary>Stops the tone; following <see cref="Generate"/> calls write silence.</summary>
    public void Stop() => Digit = '\0';

    /// <summary>Writes the current tone, or silence when stopped, over the whole of <paramref name="destination"/>.</summary>
    /// <param name="destination">PCM samples at <see cref="SampleRate"/>.</param>
    public void Generate(Span<short> destination)
    {
        if (Digit == '\0')
        {
            destination.Clear();
            return;
        }

        for (int i = 0; i < destination.Length; i++)
        {
            double value = _amplitude * (Math.Sin(_lowPhase) + Math.Sin(_highPhase));
            destination[i] = (short)Math.Round(value);
            _lowPhase += _lowStep;
            _highPhase += _highStep;
        }

        _lowPhase %= 2 * Math.PI;
        _highPhase %= 2 * Math.PI;
    }

    [DoesNotReturn]
    private static void ThrowInvalidDigit(char digit) => throw new ArgumentException($"'{digit}' is not a DTMF key (0-9, *, #, A-D).", nameof(digit));
}
