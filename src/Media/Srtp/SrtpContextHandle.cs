using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Softswitch.Media.Native;

namespace Softswitch.Media.Srtp;

/// <summary>Owns an <c>srtp_t</c> made by <c>srtp_create</c> and frees it once with <c>srtp_dealloc</c>.</summary>
internal sealed class SrtpContextHandle : SafeHandle
{
    public SrtpContextHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>
    /// Creates a context with one template stream for <paramref name="crypto"/>: <c>ssrc_any_outbound</c> for the sending
    /// direction (with <c>allow_repeat_tx</c>, so a retransmitted packet can be protected again) or <c>ssrc_any_inbound</c> for
    /// the receiving one. SRTP uses the suite's tag; SRTCP always uses the 80-bit tag (RFC 4568 §6.2.2). libsrtp copies the key,
    /// so the native copy made here is wiped and freed before returning.
    /// </summary>
    /// <param name="crypto">The key, suite and MKI.</param>
    /// <param name="outbound">True for the protecting context, false for the unprotecting one.</param>
    /// <param name="windowSize">The replay window in packets (64 to 32767).</param>
    /// <returns>The context.</returns>
    /// <exception cref="InvalidOperationException">srtp_create failed.</exception>
    public static SrtpContextHandle Create(SdesCrypto crypto, bool outbound, int windowSize)
    {
        LibSrtp.EnsureInitialized();
        var policy = default(LibSrtp.Policy);
        switch (crypto.Suite)
        {
            case SrtpSuite.AesCm128HmacSha1_32:
                LibSrtp.CryptoPolicySetAesCm128HmacSha1_32(ref policy.Rtp);
                break;
            default:
                LibSrtp.CryptoPolicySetAesCm128HmacSha1_80(ref policy.Rtp);
                break;
        }

        LibSrtp.CryptoPolicySetRtcpDefault(ref policy.Rtcp);
        policy.Ssrc.Type = outbound ? LibSrtp.SsrcAnyOutbound : LibSrtp.SsrcAnyInbound;
        policy.WindowSize = new CULong((uint)windowSize);
        policy.AllowRepeatTx = outbound ? 1 : 0;

        // One native block: srtp_master_key_t, the one-entry srtp_master_key_t* array, the key and the MKI.
        int masterKeySize = Marshal.SizeOf<LibSrtp.MasterKey>();
        int keyOffset = masterKeySize + IntPtr.Size;
        int mkiOffset = keyOffset + SrtpSuiteDescriptor.KeyMaterialLength;
        int size = mkiOffset + crypto.MkiLength;
        IntPtr block = Marshal.AllocHGlobal(size);
        byte[] scratch = new byte[size - keyOffset];
        try
        {
            crypto.KeyAndSalt.CopyTo(scratch);
            if (crypto.MkiLength > 0)
            {
                crypto.WriteMki(scratch.AsSpan(SrtpSuiteDescriptor.KeyMaterialLength));
            }

            Marshal.Copy(scratch, 0, block + keyOffset, scratch.Length);
            if (crypto.MkiLength > 0)
            {
                var masterKey = new LibSrtp.MasterKey { Key = block + keyOffset, MkiId = block + mkiOffset, MkiSize = (uint)crypto.MkiLength };
                Marshal.StructureToPtr(masterKey, block, fDeleteOld: false);
                Marshal.WriteIntPtr(block + masterKeySize, block);
                policy.Keys = block + masterKeySize;
                policy.NumMasterKeys = new CULong(1);
            }
            else
            {
                policy.Key = block + keyOffset;
            }

            int status = LibSrtp.Create(out SrtpContextHandle context, ref policy);
            if (status != LibSrtp.Ok || context.IsInvalid)
            {
                context.Dispose();
                LibSrtp.ThrowFailed("srtp_create", status);
            }

            return context;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scratch);
            Marshal.Copy(scratch, 0, block + keyOffset, scratch.Length);
            Marshal.FreeHGlobal(block);
        }
    }

    protected override bool ReleaseHandle() => LibSrtp.Dealloc(handle) == LibSrtp.Ok;
}
