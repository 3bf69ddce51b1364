namespace Softswitch.Media.Rtcp;

/// <summary>
/// A simplified ITU-T G.107 E-model (<see href="https://www.itu.int/rec/T-REC-G.107"/>) estimating call quality from
/// one-way delay and random packet loss: R = 93.2 − Id − Ie,eff, with the default values for every other factor.
/// </summary>
public static class EModel
{
    /// <summary>R for default parameters and no impairment (G.107 §7.7: Ro − Is).</summary>
    public const double DefaultR = 93.2;

    /// <summary>Estimates the transmission rating factor R.</summary>
    /// <param name="oneWayDelayMs">Mouth-to-ear one-way delay in milliseconds (Ta).</param>
    /// <param name="packetLossPercent">Random packet loss in percent, 0–100 (Ppl).</param>
    /// <param name="codec">The codec's Ie and Bpl.</param>
    /// <returns>R, from 0 to <see cref="DefaultR"/>.</returns>
    public static double EstimateR(double oneWayDelayMs, double packetLossPercent, EModelCodec codec)
    {
        double delay = Math.Max(0, oneWayDelayMs);
        double loss = Math.Clamp(packetLossPercent, 0, 100);

        // Delay impairment, the usual fit of G.107's Idd with echo well controlled (Cole and Rosenbluth, 2001).
        double id = (0.024 * delay) + (delay > 177.3 ? 0.11 * (delay - 177.3) : 0);

        // G.107 §7.4 (7-29) with BurstR = 1 (random loss).
        double ieEff = codec.Ie + ((95 - codec.Ie) * loss / (loss + codec.Bpl));
        return Math.Clamp(DefaultR - id - ieEff, 0, DefaultR);
    }

    /// <summary>
    /// Converts R to an estimated MOS-CQE (G.107 Annex B, B-4). The cubic dips just under 1 for R below about 6.5; it is held at 1
    /// there so that MOS never rises as R falls.
    /// </summary>
    /// <param name="r">The rating factor.</param>
    /// <returns>MOS from 1.0 to 4.5.</returns>
    public static double RToMos(double r)
    {
        if (r <= 0)
        {
            return 1.0;
        }

        if (r >= 100)
        {
            return 4.5;
        }

        return Math.Max(1.0, 1 + (0.035 * r) + (r * (r - 60) * (100 - r) * 7e-6));
    }

    /// <summary>Estimates MOS from one-way delay, random packet loss and codec.</summary>
    /// <param name="oneWayDelayMs">Mouth-to-ear one-way delay in milliseconds.</param>
    /// <param name="packetLossPercent">Random packet loss in percent, 0–100.</param>
    /// <param name="codec">The codec's Ie and Bpl.</param>
    /// <returns>MOS from 1.0 to 4.5.</returns>
    public static double EstimateMos(double oneWayDelayMs, double packetLossPercent, EModelCodec codec) =>
        RToMos(EstimateR(oneWayDelayMs, packetLossPercent, codec));
}
