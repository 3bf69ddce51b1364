using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Softswitch.Media.Srtp;

namespace Softswitch.Media.Native;

/// <summary>
/// P/Invoke declarations for libsrtp 2.5 (<c>srtp2/srtp.h</c>, Debian <c>libsrtp2-1</c>). An <c>srtp_t</c> is not thread-safe:
/// each one is used by one thread at a time. <see cref="EnsureInitialized"/> runs <c>srtp_init</c> once per process.
/// </summary>
internal static class LibSrtp
{
    /// <summary>srtp_err_status_ok.</summary>
    public const int Ok = 0;

    /// <summary>srtp_err_status_bad_param: also used here for a packet too short to hand to libsrtp.</summary>
    public const int BadParameter = 2;

    /// <summary>srtp_err_status_auth_fail: the authentication tag did not verify.</summary>
    public const int AuthFail = 7;

    /// <summary>srtp_err_status_replay_fail: the packet index was already seen.</summary>
    public const int ReplayFail = 9;

    /// <summary>srtp_err_status_replay_old: the packet index is older than the replay window.</summary>
    public const int ReplayOld = 10;

    /// <summary>srtp_err_status_bad_mki: the MKI in the packet matches no master key.</summary>
    public const int BadMki = 25;

    /// <summary>srtp_ssrc_type_t.ssrc_any_inbound: a template for every SSRC seen by <c>srtp_unprotect</c>.</summary>
    public const int SsrcAnyInbound = 2;

    /// <summary>srtp_ssrc_type_t.ssrc_any_outbound: a template for every SSRC passed to <c>srtp_protect</c>.</summary>
    public const int SsrcAnyOutbound = 3;

    /// <summary>SRTP_MAX_MKI_LEN.</summary>
    public const int MaxMkiLength = 128;

    private static readonly Lock s_initLock = new();
    private static volatile bool s_initialized;

    static LibSrtp() => NativeLibraries.EnsureResolverRegistered();

    /// <summary>Calls <c>srtp_init</c> the first time it is called in the process; thread-safe.</summary>
    /// <exception cref="DllNotFoundException">libsrtp2.so.1 is not installed; the message names the package.</exception>
    public static void EnsureInitialized()
    {
        if (s_initialized)
        {
            return;
        }

        lock (s_initLock)
        {
            if (s_initialized)
            {
                return;
            }

            NativeLibraries.Load(NativeLibraries.Srtp);
            int status = Init();
            if (status != Ok)
            {
                ThrowFailed("srtp_init", status);
            }

            s_initialized = true;
        }
    }

    /// <summary>The library's version string, such as <c>libsrtp2 2.5.0</c>.</summary>
    /// <returns>The text <c>srtp_get_version_string</c> returns.</returns>
    public static string VersionString()
    {
        EnsureInitialized();
        return Marshal.PtrToStringUTF8(GetVersionString()) ?? string.Empty;
    }

    /// <summary>The exception for a failed setup call such as <c>srtp_create</c>.</summary>
    /// <param name="function">The C function.</param>
    /// <param name="status">Its srtp_err_status_t.</param>
    [DoesNotReturn]
    public static void ThrowFailed(string function, int status) =>
        throw new InvalidOperationException($"{function} failed with srtp_err_status_t {status}.");

    [DllImport(NativeLibraries.Srtp, EntryPoint = "srtp_init")]
    private static extern int Init();

    [DllImport(NativeLibraries.Srtp, EntryPoint = "srtp_get_version_string")]
    private static extern IntPtr GetVersionString();

    [DllImport(NativeLibraries.Srtp, EntryPoint = "srtp_create")]
    public static extern int Create(out SrtpContextHandle session, ref Policy policy);

    [DllImport(NativeLibraries.Srtp, EntryPoint = "srtp_dealloc")]
    public static extern int Dealloc(IntPtr session);

    [DllImport(NativeLibraries.Srtp, EntryPoint = "srtp_protect")]
    public static extern int Protect(SrtpContextHandle session, ref byte rtpHeader, ref int length);

    [DllImport(NativeLibraries.Srtp, EntryPoint = "srtp_protect_mki")]
    public static extern int ProtectMki(SrtpContextHandle session, ref byte rtpHeader, ref int length, uint useMki, uint mkiIndex);

    [DllImport(NativeLibraries.Srtp, EntryPoint = "srtp_unprotect")]
    public static extern int Unprotect(SrtpContextHandle session, ref byte srtpHeader, ref int length);

    [DllImport(NativeLibraries.Srtp, EntryPoint = "srtp_unprotect_mki")]
    public static extern int UnprotectMki(SrtpContextHandle session, ref byte srtpHeader, ref int length, uint useMki);

    [DllImport(NativeLibraries.Srtp, EntryPoint = "srtp_protect_rtcp")]
    public static extern int ProtectRtcp(SrtpContextHandle session, ref byte rtcpHeader, ref int length);

    [DllImport(NativeLibraries.Srtp, EntryPoint = "srtp_protect_rtcp_mki")]
    public static extern int ProtectRtcpMki(SrtpContextHandle session, ref byte rtcpHeader, ref int length, uint useMki, uint mkiIndex);

    [DllImport(NativeLibraries.Srtp, EntryPoint = "srtp_unprotect_rtcp")]
    public static extern int UnprotectRtcp(SrtpContextHandle session, ref byte srtcpHeader, ref int length);

    [DllImport(NativeLibraries.Srtp, EntryPoint = "srtp_unprotect_rtcp_mki")]
    public static extern int UnprotectRtcpMki(SrtpContextHandle session, ref byte srtcpHeader, ref int length, uint useMki);

    /// <summary>srtp_crypto_policy_set_rtp_default: AES_CM_128_HMAC_SHA1_80.</summary>
    [DllImport(NativeLibraries.Srtp, EntryPoint = "srtp_crypto_policy_set_rtp_default")]
    public static extern void CryptoPolicySetRtpDefault(ref CryptoPolicy policy);

    /// <summary>srtp_crypto_policy_set_rtcp_default: AES_CM_128_HMAC_SHA1_80 (SRTCP always uses the 80-bit tag).</summary>
    [DllImport(NativeLibraries.Srtp, EntryPoint = "srtp_crypto_policy_set_rtcp_default")]
    public static extern void CryptoPolicySetRtcpDefault(ref CryptoPolicy policy);

    /// <summary>
    /// srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80. In srtp.h this is a macro for <c>srtp_crypto_policy_set_rtp_default</c>,
    /// not an exported symbol, so it binds to that function.
    /// </summary>
    [DllImport(NativeLibraries.Srtp, EntryPoint = "srtp_crypto_policy_set_rtp_default")]
    public static extern void CryptoPolicySetAesCm128HmacSha1_80(ref CryptoPolicy policy);

    /// <summary>srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32.</summary>
    [DllImport(NativeLibraries.Srtp, EntryPoint = "srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32")]
    public static extern void CryptoPolicySetAesCm128HmacSha1_32(ref CryptoPolicy policy);

    /// <summary>srtp_crypto_policy_t (24 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct CryptoPolicy
    {
        /// <summary>srtp_cipher_type_id_t cipher_type.</summary>
        public uint CipherType;

        /// <summary>int cipher_key_len: key and salt, in bytes.</summary>
        public int CipherKeyLength;

        /// <summary>srtp_auth_type_id_t auth_type.</summary>
        public uint AuthType;

        /// <summary>int auth_key_len.</summary>
        public int AuthKeyLength;

        /// <summary>int auth_tag_len.</summary>
        public int AuthTagLength;

        /// <summary>srtp_sec_serv_t sec_serv.</summary>
        public int SecurityServices;
    }

    /// <summary>srtp_ssrc_t (8 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Ssrc
    {
        /// <summary>srtp_ssrc_type_t type.</summary>
        public int Type;

        /// <summary>unsigned int value (for ssrc_specific).</summary>
        public uint Value;
    }

    /// <summary>srtp_master_key_t: one master key and its MKI.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MasterKey
    {
        /// <summary>unsigned char *key: key and salt.</summary>
        public IntPtr Key;

        /// <summary>unsigned char *mki_id: the MKI as it appears in packets.</summary>
        public IntPtr MkiId;

        /// <summary>unsigned int mki_size.</summary>
        public uint MkiSize;
    }

    /// <summary>
    /// srtp_policy_t as declared by libsrtp 2.5 (128 bytes on LP64: ssrc 0, rtp 8, rtcp 32, key 56, keys 64, num_master_keys 72,
    /// deprecated_ekt 80, window_size 88, allow_repeat_tx 96, enc_xtn_hdr 104, enc_xtn_hdr_count 112, next 120).
    /// <c>unsigned long</c> is <see cref="CULong"/> so the layout also holds where it is 32 bits.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Policy
    {
        /// <summary>srtp_ssrc_t ssrc.</summary>
        public Ssrc Ssrc;

        /// <summary>srtp_crypto_policy_t rtp.</summary>
        public CryptoPolicy Rtp;

        /// <summary>srtp_crypto_policy_t rtcp.</summary>
        public CryptoPolicy Rtcp;

        /// <summary>unsigned char *key: key and salt; null when <see cref="Keys"/> is used.</summary>
        public IntPtr Key;

        /// <summary>srtp_master_key_t **keys.</summary>
        public IntPtr Keys;

        /// <summary>unsigned long num_master_keys.</summary>
        public CULong NumMasterKeys;

        /// <summary>void *deprecated_ekt; must be null.</summary>
        public IntPtr DeprecatedEkt;

        /// <summary>unsigned long window_size: replay window in packets (64 to 32767; 0 means 128).</summary>
        public CULong WindowSize;

        /// <summary>int allow_repeat_tx: whether the same index may be protected twice (retransmission).</summary>
        public int AllowRepeatTx;

        /// <summary>int *enc_xtn_hdr: header extension ids to encrypt (RFC 6904).</summary>
        public IntPtr EncryptedExtensionHeaders;

        /// <summary>int enc_xtn_hdr_count.</summary>
        public int EncryptedExtensionHeaderCount;

        /// <summary>struct srtp_policy_t *next.</summary>
        public IntPtr Next;
    }
}
