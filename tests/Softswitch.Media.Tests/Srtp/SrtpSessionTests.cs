using System.Buffers.Binary;
using Shouldly;
using Softswitch.Media.Rtp;
using Softswitch.Media.Srtp;
using Xunit;

namespace Softswitch.Media.Tests.Srtp;

public sealed class SrtpSessionTests
{
    public static TheoryData<SrtpSuite> Suites => new() { SrtpSuite.AesCm128HmacSha1_80, SrtpSuite.AesCm128HmacSha1_32 };

    [Fact]
    public void TryProtectRtp_KnownAnswer_MatchesLibsrtpVector()
    {
        var key = new SdesCrypto(1, SrtpSuite.AesCm128HmacSha1_80, SrtpTestPackets.KatKeyAndSalt);
        using var session = new SrtpSession(key, key);
        var buffer = new byte[64];
        SrtpTestPackets.KatRtpPlain.CopyTo(buffer, 0);

        session.TryProtectRtp(buffer, SrtpTestPackets.KatRtpPlain.Length, out int length).ShouldBeTrue();

        length.ShouldBe(SrtpTestPackets.KatRtpPlain.Length + 10);
        buffer.AsSpan(0, length).ToArray().ShouldBe(SrtpTestPackets.KatSrtp80);
    }

    [Fact]
    public void TryProtectRtp_KnownAnswerSha1_32_IsTheSha1_80VectorWithTheTagCutTo4Bytes()
    {
        // Same key derivation and keystream; HMAC_SHA1_32 keeps the first 4 bytes of the HMAC-SHA1 tag (RFC 4568 §6.2.2).
        var key = new SdesCrypto(1, SrtpSuite.AesCm128HmacSha1_32, SrtpTestPackets.KatKeyAndSalt);
        using var session = new SrtpSession(key, key);
        var buffer = new byte[64];
        SrtpTestPackets.KatRtpPlain.CopyTo(buffer, 0);

        session.TryProtectRtp(buffer, SrtpTestPackets.KatRtpPlain.Length, out int length).ShouldBeTrue();

        length.ShouldBe(SrtpTestPackets.KatRtpPlain.Length + 4);
        buffer.AsSpan(0, length).ToArray().ShouldBe(SrtpTestPackets.KatSrtp80.AsSpan(0, length).ToArray());
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void TryProtectRtcp_KnownAnswer_MatchesLibsrtpVectorForBothSuites(SrtpSuite suite)
    {
        // SRTCP uses the 80-bit tag with either suite.
        var key = new SdesCrypto(1, suite, SrtpTestPackets.KatKeyAndSalt);
        using var session = new SrtpSession(key, key);
        var buffer = new byte[64];
        SrtpTestPackets.KatRtcpPlain.CopyTo(buffer, 0);

        session.TryProtectRtcp(buffer, SrtpTestPackets.KatRtcpPlain.Length, out int length).ShouldBeTrue();

        session.RtcpOverhead.ShouldBe(14);
        length.ShouldBe(SrtpTestPackets.KatRtcpPlain.Length + 14);
        buffer.AsSpan(0, length).ToArray().ShouldBe(SrtpTestPackets.KatSrtcp);
    }

    [Fact]
    public void TryUnprotect_KnownAnswerVectors_GiveThePlaintext()
    {
        var key = new SdesCrypto(7, SrtpSuite.AesCm128HmacSha1_80, SrtpTestPackets.KatKeyAndSalt);
        using var session = new SrtpSession(SdesCrypto.Generate(7, SrtpSuite.AesCm128HmacSha1_80), key);
        byte[] srtp = SrtpTestPackets.KatSrtp80.ToArray();
        byte[] srtcp = SrtpTestPackets.KatSrtcp.ToArray();

        session.TryUnprotectRtp(srtp, out int rtpLength).ShouldBeTrue();
        session.TryUnprotectRtcp(srtcp, out int rtcpLength).ShouldBeTrue();

        srtp.AsSpan(0, rtpLength).ToArray().ShouldBe(SrtpTestPackets.KatRtpPlain);
        srtcp.AsSpan(0, rtcpLength).ToArray().ShouldBe(SrtpTestPackets.KatRtcpPlain);
        session.Dropped.ShouldBe(0);
    }

    [Theory]
    [InlineData(SrtpSuite.AesCm128HmacSha1_80, 10)]
    [InlineData(SrtpSuite.AesCm128HmacSha1_32, 4)]
    public void TryProtectRtp_RoundTripAcrossTwoSessions_KeepsHeaderEncryptsPayloadAndAddsTag(SrtpSuite suite, int tagLength)
    {
        var (a, b) = SrtpTestPackets.Pair(suite);
        using (a)
        using (b)
        {
            a.RtpOverhead.ShouldBe(tagLength);
            a.MaxOverhead.ShouldBe(14);
            for (ushort sequence = 1000; sequence < 1010; sequence++)
            {
                byte[] packet = SrtpTestPackets.Rtp(sequence);
                byte[] plain = packet.AsSpan(0, 172).ToArray();

                a.TryProtectRtp(packet, 172, out int protectedLength).ShouldBeTrue();

                protectedLength.ShouldBe(172 + tagLength);
                packet.AsSpan(0, RtpHeader.FixedLength).ToArray().ShouldBe(plain.AsSpan(0, RtpHeader.FixedLength).ToArray());
                CountEqual(packet.AsSpan(RtpHeader.FixedLength, 160), plain.AsSpan(RtpHeader.FixedLength, 160)).ShouldBeLessThan(10);

                b.TryUnprotectRtp(packet.AsSpan(0, protectedLength), out int plainLength).ShouldBeTrue();

                plainLength.ShouldBe(172);
                packet.AsSpan(0, plainLength).ToArray().ShouldBe(plain);
            }

            b.Dropped.ShouldBe(0);
        }
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void TryProtectRtcp_RoundTripAcrossTwoSessions_GivesTheCompoundPacketBack(SrtpSuite suite)
    {
        var (a, b) = SrtpTestPackets.Pair(suite);
        using (a)
        using (b)
        {
            for (int i = 0; i < 3; i++)
            {
                byte[] packet = SrtpTestPackets.Rtcp(0x11223344, out int length);
                byte[] plain = packet.AsSpan(0, length).ToArray();

                a.TryProtectRtcp(packet, length, out int protectedLength).ShouldBeTrue();

                protectedLength.ShouldBe(length + 14);
                packet.AsSpan(0, 8).ToArray().ShouldBe(plain.AsSpan(0, 8).ToArray());
                BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(length)).ShouldBe(0x80000000u | (uint)(i + 1)); // E flag, SRTCP index

                b.TryUnprotectRtcp(packet.AsSpan(0, protectedLength), out int plainLength).ShouldBeTrue();

                packet.AsSpan(0, plainLength).ToArray().ShouldBe(plain);
            }
        }
    }

    [Theory]
    [InlineData(SrtpSuite.AesCm128HmacSha1_80, 100)] // payload
    [InlineData(SrtpSuite.AesCm128HmacSha1_80, 175)] // tag
    [InlineData(SrtpSuite.AesCm128HmacSha1_32, 5)] // header: authenticated, not encrypted
    [InlineData(SrtpSuite.AesCm128HmacSha1_32, 172)] // tag
    public void TryUnprotectRtp_OneByteTampered_FailsAuthenticationAndTheNextGoodPacketPasses(SrtpSuite suite, int offset)
    {
        var (a, b) = SrtpTestPackets.Pair(suite);
        using (a)
        using (b)
        {
            byte[] packet = SrtpTestPackets.Rtp(1);
            a.TryProtectRtp(packet, 172, out int length).ShouldBeTrue();
            byte[] tampered = packet.AsSpan(0, length).ToArray();
            tampered[offset] ^= 0x01;

            b.TryUnprotectRtp(tampered, out _).ShouldBeFalse();

            b.AuthenticationFailures.ShouldBe(1);
            b.Dropped.ShouldBe(1);
            b.ReplayDrops.ShouldBe(0);

            // The forged copy did not enter the replay window: the genuine packet with the same index still passes, as does the next.
            b.TryUnprotectRtp(packet.AsSpan(0, length), out int plainLength).ShouldBeTrue();
            plainLength.ShouldBe(172);
            byte[] next = SrtpTestPackets.Rtp(2);
            a.TryProtectRtp(next, 172, out length).ShouldBeTrue();
            b.TryUnprotectRtp(next.AsSpan(0, length), out _).ShouldBeTrue();
            b.Dropped.ShouldBe(1);
        }
    }

    [Fact]
    public void TryUnprotectRtcp_OneByteTampered_FailsAuthentication()
    {
        var (a, b) = SrtpTestPackets.Pair(SrtpSuite.AesCm128HmacSha1_80);
        using (a)
        using (b)
        {
            byte[] packet = SrtpTestPackets.Rtcp(0x11223344, out int length);
            a.TryProtectRtcp(packet, length, out int protectedLength).ShouldBeTrue();
            packet[20] ^= 0x80;

            b.TryUnprotectRtcp(packet.AsSpan(0, protectedLength), out _).ShouldBeFalse();

            b.AuthenticationFailures.ShouldBe(1);
            b.Dropped.ShouldBe(1);
        }
    }

    [Fact]
    public void TryUnprotectRtp_SamePacketTwice_RejectsTheReplay()
    {
        var (a, b) = SrtpTestPackets.Pair(SrtpSuite.AesCm128HmacSha1_80);
        using (a)
        using (b)
        {
            byte[] packet = SrtpTestPackets.Rtp(500);
            a.TryProtectRtp(packet, 172, out int length).ShouldBeTrue();
            byte[] copy = packet.AsSpan(0, length).ToArray();

            b.TryUnprotectRtp(packet.AsSpan(0, length), out _).ShouldBeTrue();
            b.TryUnprotectRtp(copy, out _).ShouldBeFalse();

            b.ReplayDrops.ShouldBe(1);
            b.AuthenticationFailures.ShouldBe(0);
            b.Dropped.ShouldBe(1);
        }
    }

    [Fact]
    public void TryUnprotectRtcp_SamePacketTwice_RejectsTheReplay()
    {
        var (a, b) = SrtpTestPackets.Pair(SrtpSuite.AesCm128HmacSha1_32);
        using (a)
        using (b)
        {
            byte[] packet = SrtpTestPackets.Rtcp(0x11223344, out int length);
            a.TryProtectRtcp(packet, length, out int protectedLength).ShouldBeTrue();
            byte[] copy = packet.AsSpan(0, protectedLength).ToArray();

            b.TryUnprotectRtcp(packet.AsSpan(0, protectedLength), out _).ShouldBeTrue();
            b.TryUnprotectRtcp(copy, out _).ShouldBeFalse();

            b.ReplayDrops.ShouldBe(1);
        }
    }

    [Fact]
    public void TryUnprotectRtp_LateWithin1024Packets_IsAcceptedButOlderIsDropped()
    {
        // libsrtp's default window is 128 packets; the session sets 1,024.
        var (a, b) = SrtpTestPackets.Pair(SrtpSuite.AesCm128HmacSha1_80);
        using (a)
        using (b)
        {
            byte[][] packets = new byte[2001][];
            int[] lengths = new int[2001];
            for (ushort sequence = 0; sequence <= 2000; sequence++)
            {
                packets[sequence] = SrtpTestPackets.Rtp(sequence);
                a.TryProtectRtp(packets[sequence], 172, out lengths[sequence]).ShouldBeTrue();
            }

            b.TryUnprotectRtp(packets[0].AsSpan(0, lengths[0]), out _).ShouldBeTrue();
            b.TryUnprotectRtp(packets[2000].AsSpan(0, lengths[2000]), out _).ShouldBeTrue();
            b.TryUnprotectRtp(packets[1000].AsSpan(0, lengths[1000]), out _).ShouldBeTrue(); // 1,000 behind
            b.TryUnprotectRtp(packets[900].AsSpan(0, lengths[900]), out _).ShouldBeFalse(); // 1,100 behind

            b.ReplayDrops.ShouldBe(1);
        }
    }

    [Fact]
    public void TryProtectRtp_SameSequenceTwice_IsAllowedForRetransmission()
    {
        var (a, _) = SrtpTestPackets.Pair(SrtpSuite.AesCm128HmacSha1_80);
        using (a)
        {
            byte[] first = SrtpTestPackets.Rtp(42);
            byte[] again = SrtpTestPackets.Rtp(42);

            a.TryProtectRtp(first, 172, out _).ShouldBeTrue();
            a.TryProtectRtp(again, 172, out _).ShouldBeTrue(); // allow_repeat_tx = 1

            a.ProtectFailures.ShouldBe(0);
        }
    }

    [Fact]
    public void TryUnprotectRtp_SeveralSsrcs_EachGetsItsOwnStream()
    {
        var (a, b) = SrtpTestPackets.Pair(SrtpSuite.AesCm128HmacSha1_80);
        using (a)
        using (b)
        {
            foreach (uint ssrc in new uint[] { 1, 2, 0xFFFFFFFF })
            {
                byte[] packet = SrtpTestPackets.Rtp(7, ssrc);
                a.TryProtectRtp(packet, 172, out int length).ShouldBeTrue();
                b.TryUnprotectRtp(packet.AsSpan(0, length), out _).ShouldBeTrue();
            }

            b.Dropped.ShouldBe(0);
        }
    }

    [Fact]
    public void TryUnprotectRtp_WrongKey_FailsAuthentication()
    {
        using var sender = new SrtpSession(SdesCrypto.Generate(1, SrtpSuite.AesCm128HmacSha1_80), SdesCrypto.Generate(1, SrtpSuite.AesCm128HmacSha1_80));
        using var receiver = new SrtpSession(SdesCrypto.Generate(1, SrtpSuite.AesCm128HmacSha1_80), SdesCrypto.Generate(1, SrtpSuite.AesCm128HmacSha1_80));
        byte[] packet = SrtpTestPackets.Rtp(1);
        sender.TryProtectRtp(packet, 172, out int length).ShouldBeTrue();

        receiver.TryUnprotectRtp(packet.AsSpan(0, length), out _).ShouldBeFalse();

        receiver.AuthenticationFailures.ShouldBe(1);
    }

    [Fact]
    public void TryUnprotectRtp_SuiteMismatch_FailsAuthentication()
    {
        // Same key, sender tags 4 bytes, receiver expects 10: an interop mistake that must not pass.
        var key = SdesCrypto.Generate(1, SrtpSuite.AesCm128HmacSha1_32);
        var sameKey80 = new SdesCrypto(1, SrtpSuite.AesCm128HmacSha1_80, key.KeyAndSalt);
        using var sender = new SrtpSession(key, key);
        using var receiver = new SrtpSession(key, sameKey80);
        byte[] packet = SrtpTestPackets.Rtp(1);
        sender.TryProtectRtp(packet, 172, out int length).ShouldBeTrue();

        receiver.TryUnprotectRtp(packet.AsSpan(0, length), out _).ShouldBeFalse();

        receiver.AuthenticationFailures.ShouldBe(1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(21)]
    public void TryUnprotectRtp_TooShort_IsDroppedWithoutThrowing(int length)
    {
        var (a, b) = SrtpTestPackets.Pair(SrtpSuite.AesCm128HmacSha1_80);
        using (a)
        using (b)
        {
            byte[] packet = SrtpTestPackets.Rtp(1);

            b.TryUnprotectRtp(packet.AsSpan(0, length), out int plainLength).ShouldBeFalse();
            b.TryUnprotectRtcp(packet.AsSpan(0, length), out _).ShouldBeFalse();

            plainLength.ShouldBe(0);
            b.Dropped.ShouldBe(2);
            b.AuthenticationFailures.ShouldBe(0);
        }
    }

    [Fact]
    public void TryProtectRtp_NoRoomForTheTag_Throws()
    {
        var (a, b) = SrtpTestPackets.Pair(SrtpSuite.AesCm128HmacSha1_80);
        using (a)
        using (b)
        {
            Should.Throw<ArgumentException>(() => a.TryProtectRtp(new byte[181], 172, out _));
            Should.Throw<ArgumentException>(() => a.TryProtectRtcp(new byte[100], 90, out _));
            a.TryProtectRtp(new byte[182], 172, out _).ShouldBeTrue(); // exactly room for the 10-byte tag
        }
    }

    [Fact]
    public void TryProtectRtp_WithMki_AppendsTheMkiAndThePeerChecksIt()
    {
        SdesCrypto.TryParse("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|258:4", out var withMki, out _).ShouldBeTrue();
        var otherMki = new SdesCrypto(1, SrtpSuite.AesCm128HmacSha1_80, withMki.KeyAndSalt, mkiValue: 7, mkiLength: 4);
        using var sender = new SrtpSession(withMki, withMki);
        using var receiver = new SrtpSession(withMki, withMki);
        using var wrongMki = new SrtpSession(otherMki, otherMki);
        byte[] packet = SrtpTestPackets.Rtp(1);

        sender.RtpOverhead.ShouldBe(14);
        sender.RtcpOverhead.ShouldBe(18);
        sender.TryProtectRtp(packet, 172, out int length).ShouldBeTrue();

        length.ShouldBe(172 + 4 + 10);
        packet.AsSpan(172, 4).ToArray().ShouldBe(new byte[] { 0, 0, 1, 2 });
        byte[] copy = packet.AsSpan(0, length).ToArray();
        wrongMki.TryUnprotectRtp(copy, out _).ShouldBeFalse();
        wrongMki.Dropped.ShouldBe(1);
        receiver.TryUnprotectRtp(packet.AsSpan(0, length), out int plainLength).ShouldBeTrue();
        plainLength.ShouldBe(172);

        byte[] rtcp = SrtpTestPackets.Rtcp(0x11223344, out int rtcpLength);
        sender.TryProtectRtcp(rtcp, rtcpLength, out int srtcpLength).ShouldBeTrue();
        srtcpLength.ShouldBe(rtcpLength + 18);
        receiver.TryUnprotectRtcp(rtcp.AsSpan(0, srtcpLength), out int plainRtcpLength).ShouldBeTrue();
        plainRtcpLength.ShouldBe(rtcpLength);
    }

    [Fact]
    public void Dispose_Twice_IsHarmlessAndLaterUseThrows()
    {
        var (a, b) = SrtpTestPackets.Pair(SrtpSuite.AesCm128HmacSha1_80);
        b.Dispose();
        a.Dispose();
        a.Dispose();

        Should.Throw<ObjectDisposedException>(() => a.TryProtectRtp(new byte[200], 172, out _));
    }

    private static int CountEqual(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int equal = 0;
        for (int i = 0; i < left.Length; i++)
        {
            equal += left[i] == right[i] ? 1 : 0;
        }

        return equal;
    }
}
