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
}
