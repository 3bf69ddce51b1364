namespace Softswitch.Media.Codecs;

/// <summary>
/// Settings for creating an encoder or decoder: what the remote side asked for in its fmtp (RFC 7587 §6.1 for Opus, RFC 3551
/// annexb for G.729) combined with our configuration.
/// </summary>
public sealed record CodecParameters
{
    /// <summary>Defaults: no remote fmtp, Opus at 24 kbit/s with in-band FEC on and DTX off.</summary>
    public static CodecParameters Default { get; } = new();

    /// <summary>The remote fmtp parameters (names lower-case), e.g. <c>useinbandfec</c>, <c>maxplaybackrate</c>, <c>annexb</c>.</summary>
    public IReadOnlyDictionary<string, string> RemoteFmtp { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Opus target bitrate in bit/s (6000-510000).</summary>
    public int OpusBitrate { get; init; } = 24000;

    /// <summary>Whether the Opus encoder uses discontinuous transmission (RFC 7587 usedtx).</summary>
    public bool OpusDtx { get; init; }

    /// <summary>Whether the Opus encoder adds in-band FEC (only when the remote said <c>useinbandfec=1</c>, or by our default).</summary>
    public bool OpusInbandFec { get; init; } = true;

    /// <summary>
    /// Opus encoder complexity, 0-10: the CPU spent per frame against quality. Defaults to 5, which costs a fraction of libopus's
    /// default of 10 and sounds the same for narrow and wideband speech at VoIP bitrates.
    /// </summary>
    public int OpusComplexity { get; init; } = 5;

    /// <summary>Expected packet loss percentage given to the Opus encoder (tunes FEC).</summary>
    public int OpusExpectedLossPercent { get; init; } = 5;

    /// <summary>Parses an fmtp value such as <c>useinbandfec=1; maxplaybackrate=16000</c> into a dictionary.</summary>
    /// <param name="fmtp">The fmtp parameters after the payload type, or null.</param>
    /// <returns>The parameters, names compared case-insensitively; bare tokens map to the empty string.</returns>
    public static IReadOnlyDictionary<string, string> ParseFmtp(string? fmtp)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(fmtp))
        {
            return result;
        }

        foreach (var part in fmtp.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                result[part] = string.Empty;
            }
            else if (eq > 0)
            {
                result[part[..eq].Trim()] = part[(eq + 1)..].Trim();
            }
        }

        return result;
    }
}
