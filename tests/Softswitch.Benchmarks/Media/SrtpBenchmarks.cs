using BenchmarkDotNet.Attributes;
using Softswitch.Media.Rtp;
using Softswitch.Media.Srtp;

namespace Softswitch.Benchmarks.Media;

/// <summary>
/// SRTP for one 20 ms G.711 packet (172 bytes): protect on the sender's session, unprotect on the receiver's, with a new
/// sequence number each time so the receiver's replay check passes.
/// </summary>
[MemoryDiagnoser]
public class SrtpBenchmarks
{
    private readonly byte[] _packet = new byte[RtpHeader.FixedLength + 160 + 16];
    private readonly byte[] _payload = new byte[160];
    private SrtpSession _sender = null!;
    private SrtpSession _receiver = null!;
    private ushort _sequence;
    private uint _timestamp;

    [GlobalSetup]
    public void Setup()
    {
        var senderKey = SdesCrypto.Generate(1, SrtpSuite.AesCm128HmacSha1_80);
        var receiverKey = SdesCrypto.Generate(1, SrtpSuite.AesCm128HmacSha1_80);
        _sender = new SrtpSession(senderKey, receiverKey);
        _receiver = new SrtpSession(receiverKey, senderKey);
        _payload.AsSpan().Fill(0xD5);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sender.Dispose();
        _receiver.Dispose();
    }

    [Benchmark]
    public int ProtectUnprotect()
    {
        int length = new RtpHeader(0, _sequence++, _timestamp += 160, 0xCAFE).Write(_packet);
        _payload.CopyTo(_packet.AsSpan(length));
        length += _payload.Length;
        if (!_sender.TryProtectRtp(_packet, length, out int protectedLength)
            || !_receiver.TryUnprotectRtp(_packet.AsSpan(0, protectedLength), out int plainLength))
        {
            throw new InvalidOperationException("SRTP round trip failed.");
        }

        return plainLength;
    }
}
