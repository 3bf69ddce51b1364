using Softswitch.Media.Rtcp;
using Softswitch.Media.Rtp;
using Softswitch.Media.Srtp;

namespace Softswitch.Media.Tests.Srtp;

/// <summary>Known-answer data and packet builders for the SRTP tests.</summary>
internal static class SrtpTestPackets
{
    /// <summary>
    /// The master key and salt of RFC 3711 Appendix B.3, used by libsrtp's own known-answer test (<c>srtp_validate</c> in
    /// <c>test/srtp_driver.c</c>), which the vectors below come from.
    /// </summary>
    public static readonly byte[] KatKeyAndSalt = Convert.FromHexString("E1F97A0D3E018BE0D64FA32C06DE41390EC675AD498AFEEBB6960B3AABE6");

    /// <summary>RTP: PT 15, seq 0x1234, ts 0xDECAFBAD, SSRC 0xCAFEBABE, 16 payload bytes of 0xAB.</summary>
    public static readonly byte[] KatRtpPlain = Convert.FromHexString("800F1234DECAFBADCAFEBABE" + "ABABABABABABABABABABABABABABABAB");

    /// <summary><see cref="KatRtpPlain"/> protected with AES_CM_128_HMAC_SHA1_80 under <see cref="KatKeyAndSalt"/>.</summary>
    public static readonly byte[] KatSrtp80 = Convert.FromHexString("800F1234DECAFBADCAFEBABE4E55DC4CE79978D88CA4D215949D2402B78D6ACC99EA179B8DBB");

    /// <summary>RTCP: an SR header for SSRC 0xCAFEBABE followed by 16 bytes of 0xAB.</summary>
    public static readonly byte[] KatRtcpPlain = Convert.FromHexString("81C8000BCAFEBABE" + "ABABABABABABABABABABABABABABABAB");

    /// <summary><see cref="KatRtcpPlain"/> protected as SRTCP index 1 with the 80-bit tag under <see cref="KatKeyAndSalt"/>.</summary>
    public static readonly byte[] KatSrtcp = Convert.FromHexString("81C8000BCAFEBABE7128035BE487B9BDBEF89041F977A5A880000001993E08CD54D6C1230798");

    /// <summary>Writes a 172-byte G.711 packet (12-byte header and 160 payload bytes) into a new buffer with room for any trailer.</summary>
    public static byte[] Rtp(ushort sequence, uint ssrc = 0x11223344, byte fill = 0xD5, int extra = 64)
    {
        var buffer = new byte[RtpHeader.FixedLength + 160 + extra];
        new RtpHeader(0, sequence, sequence * 160u, ssrc).Write(buffer);
        buffer.AsSpan(RtpHeader.FixedLength, 160).Fill(fill);
        return buffer;
    }

    /// <summary>Writes an SR plus SDES compound packet into a new buffer with room for any trailer.</summary>
    public static byte[] Rtcp(uint ssrc, out int length)
    {
        var buffer = new byte[RtcpWriter.MaxCompoundLength + 64];
        var writer = new RtcpWriter(buffer);
        writer.WriteSenderReport(ssrc, new RtcpSenderInfo(0xE800000180000000, 8000, 50, 8000), []);
        writer.WriteSourceDescription(ssrc, "softswitch@127.0.0.1"u8);
        length = writer.BytesWritten;
        return buffer;
    }

    /// <summary>Two sessions set up crosswise: <c>a</c> protects with key A and unprotects key B; <c>b</c> the reverse.</summary>
    public static (SrtpSession A, SrtpSession B) Pair(SrtpSuite suite)
    {
        var keyA = SdesCrypto.Generate(1, suite);
        var keyB = SdesCrypto.Generate(1, suite);
        return (new SrtpSession(keyA, keyB), new SrtpSession(keyB, keyA));
    }
}
