using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Softswitch.Media.Srtp;

/// <summary>
/// One SDES crypto attribute (<see href="https://www.rfc-editor.org/rfc/rfc4568#section-9.1"/>): the value of
/// <c>a=crypto:</c>, such as <c>1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32</c>.
/// Holds the tag, the suite, the master key and salt, the optional key lifetime and MKI (RFC 4568 §6.1) and the session
/// parameters as text. Immutable. <see cref="ToString"/> hides the key; <see cref="Format"/> writes it for SDP.
/// </summary>
public sealed class SdesCrypto
{
    /// <summary>Largest tag: the tag is <c>1*9DIGIT</c> (RFC 4568 §9.1).</summary>
    public const int MaxTag = 999_999_999;

    /// <summary>Largest MKI length in bytes (RFC 4568 §9.2: <c>mki-length</c> is 1..128).</summary>
    public const int MaxMkiLength = 128;

    private readonly byte[] _keyAndSalt;

    /// <summary>Creates an attribute from its parts.</summary>
    /// <param name="tag">The tag, 0 to <see cref="MaxTag"/>.</param>
    /// <param name="suite">The crypto suite.</param>
    /// <param name="keyAndSalt">The master key followed by the master salt: <see cref="SrtpSuiteDescriptor.KeyMaterialLength"/> bytes.</param>
    /// <param name="lifetime">The master key lifetime in packets (RFC 4568 §6.1), or null when absent.</param>
    /// <param name="mkiValue">The MKI value (RFC 4568 §6.1), or null when the packets carry no MKI.</param>
    /// <param name="mkiLength">The MKI length in bytes, 1 to <see cref="MaxMkiLength"/>; 0 when <paramref name="mkiValue"/> is null.</param>
    /// <param name="sessionParameters">The session parameters as text, such as <c>WSH=128</c>, or null.</param>
    /// <exception cref="ArgumentException">A part is out of range.</exception>
    public SdesCrypto(int tag, SrtpSuite suite, ReadOnlySpan<byte> keyAndSalt, ulong? lifetime = null, ulong? mkiValue = null, int mkiLength = 0, string? sessionParameters = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tag);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tag, MaxTag);
        Descriptor = SrtpSuiteDescriptor.For(suite);
        if (keyAndSalt.Length != SrtpSuiteDescriptor.KeyMaterialLength)
        {
            throw new ArgumentException($"{Descriptor.Name} needs {SrtpSuiteDescriptor.KeyMaterialLength} bytes of key and salt, not {keyAndSalt.Length}.", nameof(keyAndSalt));
        }

        if (lifetime == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "The key lifetime must be positive.");
        }

        if (CheckMki(mkiValue, mkiLength) is { } mkiError)
        {
            throw new ArgumentException(mkiError, nameof(mkiLength));
        }

        Tag = tag;
        _keyAndSalt = keyAndSalt.ToArray();
        Lifetime = lifetime;
        MkiValue = mkiValue;
        MkiLength = mkiValue is null ? 0 : mkiLength;
        SessionParameters = string.IsNullOrWhiteSpace(sessionParameters) ? null : sessionParameters.Trim();
    }

    /// <summary>The tag that pairs an answer with the offered attribute (RFC 4568 §4).</summary>
    public int Tag { get; }

    /// <summary>The crypto suite.</summary>
    public SrtpSuite Suite => Descriptor.Suite;

    /// <summary>Names and lengths of <see cref="Suite"/>.</summary>
    public SrtpSuiteDescriptor Descriptor { get; }

    /// <summary>The master key followed by the master salt (30 bytes).</summary>
    public ReadOnlySpan<byte> KeyAndSalt => _keyAndSalt;

    /// <summary>The 16-byte master key.</summary>
    public ReadOnlySpan<byte> MasterKey => _keyAndSalt.AsSpan(0, SrtpSuiteDescriptor.MasterKeyLength);

    /// <summary>The 14-byte master salt.</summary>
    public ReadOnlySpan<byte> MasterSalt => _keyAndSalt.AsSpan(SrtpSuiteDescriptor.MasterKeyLength);

    /// <summary>
    /// The master key lifetime in packets, or null when absent. Kept for the answer; libsrtp enforces only its own limit
    /// (2^48 SRTP packets), so a shorter lifetime is not acted upon.
    /// </summary>
    public ulong? Lifetime { get; }

    /// <summary>The MKI value, or null when the packets carry no MKI.</summary>
    public ulong? MkiValue { get; }

    /// <summary>The MKI length in bytes carried in each packet; 0 without an MKI.</summary>
    public int MkiLength { get; }

    /// <summary>The session parameters (RFC 4568 §6.3), space-separated as received, or null when there are none.</summary>
    public string? SessionParameters { get; }

    /// <summary>
    /// Parses the value of an <c>a=crypto:</c> attribute (without the <c>a=crypto:</c> prefix). Never throws: bad input returns
    /// false with a reason. Rejected: a missing or non-numeric tag, an unknown suite, a key method other than <c>inline</c>,
    /// more than one key, key material that is not base64 or not 30 bytes long, a malformed lifetime or MKI.
    /// </summary>
    /// <param name="value">The attribute value.</param>
    /// <param name="crypto">The attribute, when valid.</param>
    /// <param name="error">Why it is invalid, when it is.</param>
    /// <returns>True when <paramref name="value"/> is a valid SRTP crypto attribute with a suite we support.</returns>
    public static bool TryParse(string? value, [NotNullWhen(true)] out SdesCrypto? crypto, [NotNullWhen(false)] out string? error)
    {
        crypto = null;
        error = Parse(value, ref crypto);
        return error is null;
    }

    /// <summary>Makes an attribute with fresh random key material from <see cref="RandomNumberGenerator"/>, no lifetime and no MKI.</summary>
    /// <param name="tag">The tag: in an answer, the tag of the accepted offer.</param>
    /// <param name="suite">The crypto suite.</param>
    /// <returns>The new attribute.</returns>
    public static SdesCrypto Generate(int tag, SrtpSuite suite)
    {
        Span<byte> keyAndSalt = stackalloc byte[SrtpSuiteDescriptor.KeyMaterialLength];
        RandomNumberGenerator.Fill(keyAndSalt);
        try
        {
            return new SdesCrypto(tag, suite, keyAndSalt);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyAndSalt);
        }
    }

    /// <summary>
    /// Writes the attribute value for SDP: <c>tag suite inline:key||salt[|lifetime][|mki:length][ session-params]</c>, with a
    /// lifetime that is a power of two written as <c>2^n</c>.
    /// </summary>
    /// <returns>The value to put after <c>a=crypto:</c>.</returns>
    public string Format() => Write(includeKey: true);

    /// <summary>The attribute with the key replaced by <c>***</c>, for logs.</summary>
    /// <returns>The redacted value.</returns>
    public override string ToString() => Write(includeKey: false);

    /// <summary>Writes the MKI as it appears in packets: <see cref="MkiValue"/> big-endian in <see cref="MkiLength"/> bytes.</summary>
    /// <param name="destination">At least <see cref="MkiLength"/> bytes.</param>
    internal void WriteMki(Span<byte> destination)
    {
        Span<byte> mki = destination.Slice(0, MkiLength);
        mki.Clear();
        ulong value = MkiValue ?? 0;
        if (MkiLength >= sizeof(ulong))
        {
            BinaryPrimitives.WriteUInt64BigEndian(mki.Slice(MkiLength - sizeof(ulong)), value);
            return;
        }

        for (int i = MkiLength - 1; i >= 0; i--)
        {
            mki[i] = (byte)value;
            value >>= 8;
        }
    }

    private string Write(bool includeKey)
    {
        var builder = new StringBuilder(96);
        builder.Append(Tag.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Descriptor.Name).Append(" inline:");
        builder.Append(includeKey ? Convert.ToBase64String(_keyAndSalt) : "***");
        if (Lifetime is { } lifetime)
        {
            builder.Append('|');
            if (BitOperations.IsPow2(lifetime))
            {
                builder.Append("2^").Append(BitOperations.Log2(lifetime).ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(lifetime.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (MkiValue is { } mkiValue)
        {
            builder.Append('|').Append(mkiValue.ToString(CultureInfo.InvariantCulture)).Append(':').Append(MkiLength.ToString(CultureInfo.InvariantCulture));
        }

        if (SessionParameters is not null)
        {
            builder.Append(' ').Append(SessionParameters);
        }

        return builder.ToString();
    }

    private static string? Parse(string? value, ref SdesCrypto? crypto)
    {
        string[] fields = (value ?? string.Empty).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3)
        {
            return "expected '<tag> <crypto-suite> <key-params> [<session-params>]' (RFC 4568 §9.1)";
        }

        if (fields[0].Length > 9 || !IsDigits(fields[0]))
        {
            return $"the tag '{fields[0]}' is not 1 to 9 digits";
        }

        int tag = int.Parse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture);
        if (!SrtpSuiteDescriptor.TryFromName(fields[1], out SrtpSuiteDescriptor? descriptor))
        {
            return $"unknown crypto-suite '{fields[1]}'";
        }

        string keyParams = fields[2];
        if (keyParams.Contains(';', StringComparison.Ordinal))
        {
            return "more than one key parameter is not supported";
        }

        const string Inline = "inline:";
        if (!keyParams.StartsWith(Inline, StringComparison.OrdinalIgnoreCase))
        {
            return $"unsupported key method in '{keyParams.Split(':')[0]}' (only 'inline' is supported)";
        }

        string[] keyInfo = keyParams.Substring(Inline.Length).Split('|');
        if (keyInfo.Length > 3)
        {
            return "the key has more than a lifetime and an MKI after it";
        }

        Span<byte> keyAndSalt = stackalloc byte[64];
        if (!IsBase64(keyInfo[0]) || !Convert.TryFromBase64String(keyInfo[0], keyAndSalt, out int keyLength))
        {
            return "the inline key is not valid base64";
        }

        try
        {
            if (keyLength != SrtpSuiteDescriptor.KeyMaterialLength)
            {
                return $"{descriptor.Name} needs {SrtpSuiteDescriptor.KeyMaterialLength} bytes of key and salt, the inline key has {keyLength}";
            }

            ulong? lifetime = null;
            ulong? mkiValue = null;
            int mkiLength = 0;
            for (int i = 1; i < keyInfo.Length; i++)
            {
                string part = keyInfo[i];
                if (part.Contains(':', StringComparison.Ordinal))
                {
                    if (mkiValue is not null)
                    {
                        return "the key has two MKIs";
                    }

                    if (ParseMki(part, out ulong mki, out mkiLength) is { } mkiError)
                    {
                        return mkiError;
                    }

                    mkiValue = mki;
                }
                else
                {
                    if (lifetime is not null || mkiValue is not null)
                    {
                        return $"the lifetime '{part}' is out of place: it comes once, before the MKI";
                    }

                    if (ParseLifetime(part, out ulong packets) is { } lifetimeError)
                    {
                        return lifetimeError;
                    }

                    lifetime = packets;
                }
            }

            string? sessionParameters = fields.Length > 3 ? string.Join(' ', fields, 3, fields.Length - 3) : null;
            crypto = new SdesCrypto(tag, descriptor.Suite, keyAndSalt.Slice(0, keyLength), lifetime, mkiValue, mkiLength, sessionParameters);
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyAndSalt);
        }
    }

    private static string? ParseLifetime(string text, out ulong lifetime)
    {
        lifetime = 0;
        bool power = text.StartsWith("2^", StringComparison.Ordinal);
        string digits = power ? text.Substring(2) : text;
        if (!IsDigits(digits) || !ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out ulong number))
        {
            return $"the lifetime '{text}' is not a number or 2^number";
        }

        if (power && number > 63)
        {
            return $"the lifetime '{text}' is too large";
        }

        lifetime = power ? 1UL << (int)number : number;
        return lifetime == 0 ? "the lifetime must be positive" : null;
    }

    private static string? ParseMki(string text, out ulong value, out int length)
    {
        value = 0;
        length = 0;
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string valueText = text.Substring(0, colon);
        string lengthText = text.Substring(colon + 1);
        if (!IsDigits(valueText) || !ulong.TryParse(valueText, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return $"the MKI value in '{text}' is not a number";
        }

        if (lengthText.Length > 3 || !IsDigits(lengthText))
        {
            return $"the MKI length in '{text}' is not 1 to 3 digits";
        }

        length = int.Parse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture);
        return CheckMki(value, length);
    }

    private static string? CheckMki(ulong? value, int length)
    {
        if (value is null)
        {
            return length == 0 ? null : "an MKI length was given without an MKI value";
        }

        if (length is < 1 or > MaxMkiLength)
        {
            return $"the MKI length {length} is outside 1..{MaxMkiLength}";
        }

        if (length < sizeof(ulong) && value.Value >> (8 * length) != 0)
        {
            return $"the MKI value {value} does not fit in {length} byte(s)";
        }

        return null;
    }

    private static bool IsDigits(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBase64(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            {
                return false;
            }
        }

        return true;
    }
}
