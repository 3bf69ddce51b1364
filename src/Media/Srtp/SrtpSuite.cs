namespace Softswitch.Media.Srtp;

/// <summary>
/// The SRTP crypto suites this gateway negotiates (<see href="https://www.rfc-editor.org/rfc/rfc4568#section-6.2"/>). Both use
/// AES in counter mode with a 128-bit master key and a 112-bit master salt; they differ in the SRTP authentication tag.
/// <see cref="SrtpSuiteDescriptor.For"/> gives the names and lengths.
/// </summary>
public enum SrtpSuite
{
    /// <summary>AES_CM_128_HMAC_SHA1_80 (RFC 4568 §6.2.1): 80-bit HMAC-SHA1 tag on SRTP and SRTCP.</summary>
    AesCm128HmacSha1_80,

    /// <summary>AES_CM_128_HMAC_SHA1_32 (RFC 4568 §6.2.2): 32-bit tag on SRTP, 80-bit tag on SRTCP.</summary>
    AesCm128HmacSha1_32,
}
