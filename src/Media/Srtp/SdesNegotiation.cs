using System.Diagnostics.CodeAnalysis;

namespace Softswitch.Media.Srtp;

/// <summary>
/// The answerer's side of SDES (<see href="https://www.rfc-editor.org/rfc/rfc4568#section-7.1.2"/>): picks one offered
/// <c>a=crypto</c> attribute and makes the answer's attribute, with the same tag and suite and a fresh key of our own.
/// </summary>
public static class SdesNegotiation
{
    /// <summary>
    /// Picks the first offered attribute (the offerer lists them most preferred first, RFC 4568 §7.1.1) that parses, whose suite
    /// is in <paramref name="supported"/>, and whose session parameters we can honour, and makes our answer for it.
    /// Offered attributes are skipped when they ask for UNENCRYPTED_SRTP, UNENCRYPTED_SRTCP or UNAUTHENTICATED_SRTP, a
    /// key derivation rate other than 0, or an unknown mandatory session parameter (RFC 4568 §6.3); WSH, FEC_ORDER, FEC_KEY
    /// and optional (<c>-</c>-prefixed) extensions are accepted and not acted upon.
    /// </summary>
    /// <param name="offered">The offered attribute values, in offer order, without the <c>a=crypto:</c> prefix.</param>
    /// <param name="supported">The suites we accept.</param>
    /// <param name="remote">The accepted offer: the key the peer protects with, for our inbound direction.</param>
    /// <param name="local">Our answer: same tag and suite, fresh key, no lifetime, MKI or session parameters.</param>
    /// <returns>True when an offered attribute was accepted; false means none is acceptable (answer 488).</returns>
    public static bool TryAnswer(
        IReadOnlyList<string> offered,
        IReadOnlyList<SrtpSuite> supported,
        [NotNullWhen(true)] out SdesCrypto? remote,
        [NotNullWhen(true)] out SdesCrypto? local)
    {
        ArgumentNullException.ThrowIfNull(offered);
        ArgumentNullException.ThrowIfNull(supported);
        for (int i = 0; i < offered.Count; i++)
        {
            if (SdesCrypto.TryParse(offered[i], out SdesCrypto? candidate, out _)
                && Contains(supported, candidate.Suite)
                && CanHonour(candidate.SessionParameters))
            {
                remote = candidate;
                local = SdesCrypto.Generate(candidate.Tag, candidate.Suite);
                return true;
            }
        }

        remote = null;
        local = null;
        return false;
    }

    /// <summary>Whether every session parameter in <paramref name="sessionParameters"/> is one we can accept (RFC 4568 §6.3).</summary>
    /// <param name="sessionParameters">Space-separated session parameters, or null.</param>
    /// <returns>True when the attribute can be used as it is.</returns>
    public static bool CanHonour(string? sessionParameters)
    {
        if (sessionParameters is null)
        {
            return true;
        }

        foreach (string parameter in sessionParameters.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            bool ok = parameter.StartsWith('-') // srtp-session-extension marked optional
                || parameter.Equals("KDR=0", StringComparison.OrdinalIgnoreCase)
                || parameter.StartsWith("WSH=", StringComparison.OrdinalIgnoreCase)
                || parameter.StartsWith("FEC_ORDER=", StringComparison.OrdinalIgnoreCase)
                || parameter.StartsWith("FEC_KEY=", StringComparison.OrdinalIgnoreCase);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(IReadOnlyList<SrtpSuite> suites, SrtpSuite suite)
    {
        for (int i = 0; i < suites.Count; i++)
        {
            if (suites[i] == suite)
            {
                return true;
            }
        }

        return false;
    }
}
