namespace Softswitch.Media.Rtcp;

/// <summary>
/// Codec parameters of the E-model (<see href="https://www.itu.int/rec/T-REC-G.113"/> Appendix I): equipment impairment
/// <paramref name="Ie"/> and packet-loss robustness <paramref name="Bpl"/>.
/// </summary>
/// <param name="Ie">Equipment impairment factor at zero loss.</param>
/// <param name="Bpl">Packet-loss robustness factor.</param>
public readonly record struct EModelCodec(double Ie, double Bpl)
{
    /// <summary>G.711 without packet-loss concealment: Ie = 0, Bpl = 4.3 (ITU-T G.113 Appendix I).</summary>
    public static EModelCodec G711 => new(0, 4.3);

    /// <summary>G.711 with packet-loss concealment (ITU-T G.711 Appendix I style): Ie = 0, Bpl = 25.1 (ITU-T G.113 Appendix I).</summary>
    public static EModelCodec G711Plc => new(0, 25.1);

    /// <summary>
    /// G.722 at 64 kbit/s, on this narrowband E-model scale. G.113 Appendix I has no narrowband entry for G.722 (its wideband
    /// values are on the extended R scale of G.113 Amendment 1), so this uses the G.711-with-PLC values: Ie = 0, Bpl = 25.1.
    /// </summary>
    public static EModelCodec G722 => new(0, 25.1);

    /// <summary>G.729 Annex A: Ie = 11, Bpl = 19 (ITU-T G.113 Appendix I, G.729A + VAD).</summary>
    public static EModelCodec G729A => new(11, 19);

    /// <summary>
    /// Opus (SILK wideband, in-band FEC). Not in ITU-T G.113; an engineering estimate: Ie = 0 (at 24 kbit/s wideband it is at
    /// least as good as G.711 on the narrowband scale) and Bpl = 20 (its own concealment, close to the G.711 PLC and G.729A values).
    /// </summary>
    public static EModelCodec Opus => new(0, 20);
}
