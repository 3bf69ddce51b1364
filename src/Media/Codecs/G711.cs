using System.Diagnostics.CodeAnalysis;

namespace Softswitch.Media.Codecs;

/// <summary>
/// ITU-T G.711 companding, μ-law (PCMU, payload type 0) and A-law (PCMA, payload type 8), 8 bits per sample at 8 kHz
/// (<see href="https://www.rfc-editor.org/rfc/rfc3551#section-4.5.14"/>). Table based and allocation-free: the encode tables
/// are indexed by the 14-bit (μ-law) or 13-bit (A-law) linear value, exactly as the G.711 reference encoder truncates it.
/// Linear samples are 16-bit PCM; decoded values are the G.711 reconstruction levels scaled to 16 bits.
/// </summary>
public static class G711
{
    private const int MuLawBias = 0x84;
    private const int MuLawClip = 8159;

    private static readonly short[] s_muLawToLinear = BuildMuLawDecodeTable();
    private static readonly short[] s_aLawToLinear = BuildALawDecodeTable();
    private static readonly byte[] s_linearToMuLaw = BuildMuLawEncodeTable();
    private static readonly byte[] s_linearToALaw = BuildALawEncodeTable();

    /// <summary>The μ-law code for silence (linear 0).</summary>
    public const byte MuLawSilence = 0xFF;

    /// <summary>The A-law code for silence (linear ±8, the smallest level).</summary>
    public const byte ALawSilence = 0xD5;

    /// <summary>Encodes one sample to μ-law.</summary>
    /// <param name="sample">16-bit linear sample.</param>
    /// <returns>The μ-law code word.</returns>
    public static byte EncodeMuLaw(short sample) => s_linearToMuLaw[(sample >> 2) & 0x3FFF];

    /// <summary>Decodes one μ-law code word.</summary>
    /// <param name="code">The code word.</param>
    /// <returns>The 16-bit linear reconstruction level.</returns>
    public static short DecodeMuLaw(byte code) => s_muLawToLinear[code];

    /// <summary>Encodes one sample to A-law.</summary>
    /// <param name="sample">16-bit linear sample.</param>
    /// <returns>The A-law code word (even bits inverted, as sent on the wire).</returns>
    public static byte EncodeALaw(short sample) => s_linearToALaw[(sample >> 3) & 0x1FFF];

    /// <summary>Decodes one A-law code word.</summary>
    /// <param name="code">The code word.</param>
    /// <returns>The 16-bit linear reconstruction level.</returns>
    public static short DecodeALaw(byte code) => s_aLawToLinear[code];

    /// <summary>Encodes linear samples to μ-law into the caller's buffer.</summary>
    /// <param name="pcm">8 kHz linear samples.</param>
    /// <param name="destination">At least <c>pcm.Length</c> bytes.</param>
    /// <returns>Bytes written (one per sample).</returns>
    public static int EncodeMuLaw(ReadOnlySpan<short> pcm, Span<byte> destination)
    {
        CheckLength(pcm.Length, destination.Length);
        byte[] table = s_linearToMuLaw;
        for (int i = 0; i < pcm.Length; i++)
        {
            destination[i] = table[(pcm[i] >> 2) & 0x3FFF];
        }

        return pcm.Length;
    }

    /// <summary>Decodes μ-law into the caller's buffer.</summary>
    /// <param name="payload">μ-law code words.</param>
    /// <param name="destination">At least <c>payload.Length</c> samples.</param>
    /// <returns>Samples written (one per byte).</returns>
    public static int DecodeMuLaw(ReadOnlySpan<byte> payload, Span<short> destination)
    {
        CheckLength(payload.Length, destination.Length);
        short[] table = s_muLawToLinear;
        for (int i = 0; i < payload.Length; i++)
        {
            destination[i] = table[payload[i]];
        }

        return payload.Length;
    }

    /// <summary>Encodes linear samples to A-law into the caller's buffer.</summary>
    /// <param name="pcm">8 kHz linear samples.</param>
    /// <param name="destination">At least <c>pcm.Length</c> bytes.</param>
    /// <returns>Bytes written (one per sample).</returns>
    public static int EncodeALaw(ReadOnlySpan<short> pcm, Span<byte> destination)
    {
        CheckLength(pcm.Length, destination.Length);
        byte[] table = s_linearToALaw;
        for (int i = 0; i < pcm.Length; i++)
        {
            destination[i] = table[(pcm[i] >> 3) & 0x1FFF];
        }

        return pcm.Length;
    }

    /// <summary>Decodes A-law into the caller's buffer.</summary>
    /// <param name="payload">A-law code words.</param>
    /// <param name="destination">At least <c>payload.Length</c> samples.</param>
    /// <returns>Samples written (one per byte).</returns>
    public static int DecodeALaw(ReadOnlySpan<byte> payload, Span<short> destination)
    {
        CheckLength(payload.Length, destination.Length);
        short[] table = s_aLawToLinear;
        for (int i = 0; i < payload.Length; i++)
        {
            destination[i] = table[payload[i]];
        }

        return payload.Length;
    }

    /// <summary>Encodes with the law of an RTP payload type.</summary>
    /// <param name="payloadType"><c>0</c> (PCMU) or <c>8</c> (PCMA).</param>
    /// <param name="pcm">8 kHz linear samples.</param>
    /// <param name="destination">At least <c>pcm.Length</c> bytes.</param>
    /// <returns>Bytes written.</returns>
    public static int Encode(int payloadType, ReadOnlySpan<short> pcm, Span<byte> destination) => payloadType switch
    {
        Rtp.RtpPayloadTypes.Pcmu => EncodeMuLaw(pcm, destination),
        Rtp.RtpPayloadTypes.Pcma => EncodeALaw(pcm, destination),
        _ => ThrowUnsupportedPayloadType(payloadType),
    };

    /// <summary>Decodes with the law of an RTP payload type.</summary>
    /// <param name="payloadType"><c>0</c> (PCMU) or <c>8</c> (PCMA).</param>
    /// <param name="payload">Code words.</param>
    /// <param name="destination">At least <c>payload.Length</c> samples.</param>
    /// <returns>Samples written.</returns>
    public static int Decode(int payloadType, ReadOnlySpan<byte> payload, Span<short> destination) => payloadType switch
    {
        Rtp.RtpPayloadTypes.Pcmu => DecodeMuLaw(payload, destination),
        Rtp.RtpPayloadTypes.Pcma => DecodeALaw(payload, destination),
        _ => ThrowUnsupportedPayloadType(payloadType),
    };

    /// <summary>Whether <paramref name="payloadType"/> is PCMU or PCMA.</summary>
    /// <param name="payloadType">An RTP payload type.</param>
    /// <returns>True for 0 and 8.</returns>
    public static bool IsG711(int payloadType) => payloadType is Rtp.RtpPayloadTypes.Pcmu or Rtp.RtpPayloadTypes.Pcma;

    // G.711 reference decoder (as in the ITU-T G.191 / Sun g711.c): t = ((mantissa << 3) + 0x84) << exponent, minus the bias.
    private static short[] BuildMuLawDecodeTable()
    {
        var table = new short[256];
        for (int code = 0; code < 256; code++)
        {
            int u = ~code & 0xFF;
            int t = (((u & 0x0F) << 3) + MuLawBias) << ((u & 0x70) >> 4);
            table[code] = (short)((u & 0x80) != 0 ? MuLawBias - t : t - MuLawBias);
        }

        return table;
    }

    private static short[] BuildALawDecodeTable()
    {
        var table = new short[256];
        for (int code = 0; code < 256; code++)
        {
            int a = code ^ 0x55;
            int t = (a & 0x0F) << 4;
            int segment = (a & 0x70) >> 4;
            t = segment switch
            {
                0 => t + 8,
                1 => t + 0x108,
                _ => (t + 0x108) << (segment - 1),
            };
            table[code] = (short)((a & 0x80) != 0 ? t : -t);
        }

        return table;
    }

    private static byte[] BuildMuLawEncodeTable()
    {
        var table = new byte[1 << 14];
        for (int i = 0; i < table.Length; i++)
        {
            int value = (i << 18) >> 18; // sign-extend the 14-bit index
            int mask;
            if (value < 0)
            {
                value = -value;
                mask = 0x7F;
            }
            else
            {
                mask = 0xFF;
            }

            value = Math.Min(value, MuLawClip) + (MuLawBias >> 2);
            int segment = Segment(value, 0x3F);
            table[i] = segment >= 8
                ? (byte)(0x7F ^ mask)
                : (byte)(((segment << 4) | ((value >> (segment + 1)) & 0x0F)) ^ mask);
        }

        return table;
    }

    private static byte[] BuildALawEncodeTable()
    {
        var table = new byte[1 << 13];
        for (int i = 0; i < table.Length; i++)
        {
            int value = (i << 19) >> 19; // sign-extend the 13-bit index
            int mask;
            if (value >= 0)
            {
                mask = 0xD5;
            }
            else
            {
                mask = 0x55;
                value = -value - 1;
            }

            int segment = Segment(value, 0x1F);
            if (segment >= 8)
            {
                table[i] = (byte)(0x7F ^ mask);
                continue;
            }

            int code = segment << 4;
            code |= segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
            table[i] = (byte)(code ^ mask);
        }

        return table;
    }

    // Index of the first segment whose end (firstEnd, firstEnd*2+1, ...) is >= value, or 8.
    private static int Segment(int value, int firstEnd)
    {
        int end = firstEnd;
        for (int segment = 0; segment < 8; segment++)
        {
            if (value <= end)
            {
                return segment;
            }

            end = (end << 1) | 1;
        }

        return 8;
    }

    private static void CheckLength(int sourceLength, int destinationLength)
    {
        if (destinationLength < sourceLength)
        {
            ThrowDestinationTooShort();
        }
    }

    [DoesNotReturn]
    private static void ThrowDestinationTooShort() => throw new ArgumentException("The destination is shorter than the source.", "destination");

    [DoesNotReturn]
    private static int ThrowUnsupportedPayloadType(int payloadType) => throw new ArgumentOutOfRangeException(nameof(payloadType), payloadType, "Only payload types 0 (PCMU) and 8 (PCMA) are G.711.");
}
