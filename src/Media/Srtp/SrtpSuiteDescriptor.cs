using System.Diagnostics.CodeAnalysis;

namespace Softswitch.Media.Srtp;

/// <summary>
/// Names and lengths of an <see cref="SrtpSuite"/> (<see href="https://www.rfc-editor.org/rfc/rfc4568#section-6.2"/>).
/// Instances are shared and immutable.
/// </summary>
public sealed class SrtpSuiteDescriptor
{
    /// <summary>Length of the AES-128 master key in bytes.</summary>
    public const int MasterKeyLength = 16;

    /// <summary>Length of the master salt in bytes (112 bits).</summary>
    public const int MasterSaltLength = 14;

    /// <summary>Length of the concatenated master key and salt carried in an SDES <c>inline:</c> key (RFC 4568 §6.1).</summary>
    public const int KeyMaterialLength = MasterKeyLength + MasterSaltLength;

    /// <summary>Length of the SRTCP authentication tag for both suites (RFC 4568 §6.2.1 and §6.2.2).</summary>
    public const int RtcpTagLength = 10;

    /// <summary>Length of the SRTCP E flag and index word (RFC 3711 §3.4).</summary>
    public const int RtcpIndexLength = 4;

    private static readonly SrtpSuiteDescriptor s_sha1_80 = new(SrtpSuite.AesCm128HmacSha1_80, "AES_CM_128_HMAC_SHA1_80", 10);
    private static readonly SrtpSuiteDescriptor s_sha1_32 = new(SrtpSuite.AesCm128HmacSha1_32, "AES_CM_128_HMAC_SHA1_32", 4);
    private static readonly SrtpSuiteDescriptor[] s_all = [s_sha1_80, s_sha1_32];

    private SrtpSuiteDescriptor(SrtpSuite suite, string name, int rtpTagLength)
    {
        Suite = suite;
        Name = name;
        RtpTagLength = rtpTagLength;
    }

    /// <summary>Every supported suite, strongest first.</summary>
    public static IReadOnlyList<SrtpSuiteDescriptor> All => s_all;

    /// <summary>The suite.</summary>
    public SrtpSuite Suite { get; }

    /// <summary>The SDP name, such as <c>AES_CM_128_HMAC_SHA1_80</c> (RFC 4568 §6.2).</summary>
    public string Name { get; }

    /// <summary>Length of the SRTP authentication tag in bytes: 10 for <c>_80</c>, 4 for <c>_32</c>.</summary>
    public int RtpTagLength { get; }

    /// <summary>The descriptor of <paramref name="suite"/>.</summary>
    /// <param name="suite">A defined <see cref="SrtpSuite"/>.</param>
    /// <returns>Its descriptor.</returns>
    public static SrtpSuiteDescriptor For(SrtpSuite suite) => suite switch
    {
        SrtpSuite.AesCm128HmacSha1_80 => s_sha1_80,
        SrtpSuite.AesCm128HmacSha1_32 => s_sha1_32,
        _ => throw new ArgumentOutOfRangeException(nameof(suite), suite, "Unknown SRTP suite."),
    };

    /// <summary>Looks up a suite by its SDP name, ignoring case (RFC 4568 §9.2 ABNF strings are case-insensitive).</summary>
    /// <param name="name">The crypto-suite field, such as <c>AES_CM_128_HMAC_SHA1_32</c>.</param>
    /// <param name="descriptor">The descriptor, when known.</param>
    /// <returns>True when the suite is supported.</returns>
    public static bool TryFromName(ReadOnlySpan<char> name, [NotNullWhen(true)] out SrtpSuiteDescriptor? descriptor)
    {
        foreach (SrtpSuiteDescriptor candidate in s_all)
        {
            if (name.Equals(candidate.Name, StringComparison.OrdinalIgnoreCase))
            {
                descriptor = candidate;
                return true;
            }
        }

        descriptor = null;
        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
