using System.Runtime.InteropServices;
using Shouldly;
using Softswitch.Media.Native;
using Xunit;

namespace Softswitch.Media.Tests.Srtp;

public sealed class LibSrtpTests
{
    [Fact]
    public void Policy_Layout_MatchesSrtpHeaderOnLp64()
    {
        // offsetof() values printed by a C program compiled against /usr/include/srtp2/srtp.h (libsrtp 2.5, x86_64). The gateway
        // runs on 64-bit Linux (LP64) only, where pointers and unsigned long are 8 bytes.
        Environment.Is64BitProcess.ShouldBeTrue();
        Marshal.SizeOf<LibSrtp.CryptoPolicy>().ShouldBe(24);
        Marshal.SizeOf<LibSrtp.Policy>().ShouldBe(128);
        Marshal.OffsetOf<LibSrtp.Policy>(nameof(LibSrtp.Policy.Rtp)).ShouldBe(8);
        Marshal.OffsetOf<LibSrtp.Policy>(nameof(LibSrtp.Policy.Rtcp)).ShouldBe(32);
        Marshal.OffsetOf<LibSrtp.Policy>(nameof(LibSrtp.Policy.Key)).ShouldBe(56);
        Marshal.OffsetOf<LibSrtp.Policy>(nameof(LibSrtp.Policy.Keys)).ShouldBe(64);
        Marshal.OffsetOf<LibSrtp.Policy>(nameof(LibSrtp.Policy.NumMasterKeys)).ShouldBe(72);
        Marshal.OffsetOf<LibSrtp.Policy>(nameof(LibSrtp.Policy.DeprecatedEkt)).ShouldBe(80);
        Marshal.OffsetOf<LibSrtp.Policy>(nameof(LibSrtp.Policy.WindowSize)).ShouldBe(88);
        Marshal.OffsetOf<LibSrtp.Policy>(nameof(LibSrtp.Policy.AllowRepeatTx)).ShouldBe(96);
        Marshal.OffsetOf<LibSrtp.Policy>(nameof(LibSrtp.Policy.EncryptedExtensionHeaders)).ShouldBe(104);
        Marshal.OffsetOf<LibSrtp.Policy>(nameof(LibSrtp.Policy.EncryptedExtensionHeaderCount)).ShouldBe(112);
        Marshal.OffsetOf<LibSrtp.Policy>(nameof(LibSrtp.Policy.Next)).ShouldBe(120);
        Marshal.SizeOf<LibSrtp.MasterKey>().ShouldBe(24);
    }

    [Fact]
    public void CryptoPolicySetters_FillTheFieldsInHeaderOrder()
    {
        LibSrtp.EnsureInitialized();
        var sha80 = default(LibSrtp.CryptoPolicy);
        LibSrtp.CryptoPolicySetAesCm128HmacSha1_80(ref sha80);
        var sha32 = default(LibSrtp.CryptoPolicy);
        LibSrtp.CryptoPolicySetAesCm128HmacSha1_32(ref sha32);
        var rtcp = default(LibSrtp.CryptoPolicy);
        LibSrtp.CryptoPolicySetRtcpDefault(ref rtcp);

        // SRTP_AES_ICM_128 = 1, 30-byte key and salt, SRTP_HMAC_SHA1 = 3, 20-byte auth key, sec_serv_conf_and_auth = 3.
        (sha80.CipherType, sha80.CipherKeyLength, sha80.AuthType, sha80.AuthKeyLength, sha80.AuthTagLength, sha80.SecurityServices)
            .ShouldBe((1u, 30, 3u, 20, 10, 3));
        (sha32.CipherType, sha32.CipherKeyLength, sha32.AuthType, sha32.AuthKeyLength, sha32.AuthTagLength, sha32.SecurityServices)
            .ShouldBe((1u, 30, 3u, 20, 4, 3));
        rtcp.AuthTagLength.ShouldBe(10);
    }

    [Fact]
    public void VersionString_IsLibsrtp2()
    {
        LibSrtp.VersionString().ShouldStartWith("libsrtp2 2.");
        NativeLibraries.FileNameOf(NativeLibraries.Srtp).ShouldBe("libsrtp2.so.1");
        NativeLibraries.PackageOf(NativeLibraries.Srtp).ShouldBe("libsrtp2-1");
    }
}
