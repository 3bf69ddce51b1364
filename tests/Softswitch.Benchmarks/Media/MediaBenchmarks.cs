using BenchmarkDotNet.Attributes;
using Softswitch.Media.Codecs;
using Softswitch.Media.Jitter;
using Softswitch.Media.Rtcp;
using Softswitch.Media.Rtp;

namespace Softswitch.Benchmarks.Media;

/// <summary>Per-packet media work: G.711 for one 20 ms packet, the RTP header, the jitter buffer, an RTCP compound packet.</summary>
[MemoryDiagnoser]
public class MediaBenchmarks
{
    private readonly short[] _pcm = new short[160];
    private readonly byte[] _payload = new byte[160];
    private readonly byte[] _packet = new byte[172];
    private readonly byte[] _frame = new byte[1500];
    private readonly byte[] _rtcp = new byte[RtcpWriter.MaxCompoundLength];
    private readonly RtcpReportBlock[] _blocks = [new RtcpReportBlock(0x1234, 12, 40, 70000, 35, 0x11112222, 0x30000)];
    private readonly byte[] _cname = "softswitch@127.0.0.1"u8.ToArray();
    private AdaptiveJitterBuffer _jitter = null!;
    private ushort _sequence;
    private uint _timestamp;
    private long _arrival;

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < _pcm.Length; i++)
        {
            _pcm[i] = (short)(8000 * Math.Sin(2 * Math.PI * 1000 * i / 8000.0));
        }

        G711.EncodeMuLaw(_pcm, _payload);
        _jitter = new AdaptiveJitterBuffer();
    }

    [Benchmark]
    public int G711EncodeDecode()
    {
        var n = G711.EncodeMuLaw(_pcm, _payload);
        return n + G711.DecodeMuLaw(_payload, _pcm);
    }

    [Benchmark]
    public int RtpWriteRead()
    {
        var written = new RtpHeader(0, _sequence++, _timestamp += 160, 0xCAFE).Write(_packet);
        _payload.CopyTo(_packet.AsSpan(written));
        return RtpHeader.TryRead(_packet, out var header, out var payload) ? header.SequenceNumber + payload.Length : 0;
    }

    [Benchmark]
    public int JitterInsertRead()
    {
        _arrival += TimeSpan.TicksPerMillisecond * 20;
        _jitter.Insert(_sequence++, _timestamp += 160, false, _payload, _arrival);
        _jitter.TryRead(_frame, out var length, out _);
        return length;
    }

    [Benchmark]
    public int RtcpWriteRead()
    {
        var writer = new RtcpWriter(_rtcp);
        writer.WriteSenderReport(0xCAFE, new RtcpSenderInfo(0x0102030405060708, 1234, 500, 80000), _blocks);
        writer.WriteSourceDescription(0xCAFE, _cname);
        var reader = new RtcpReader(_rtcp.AsSpan(0, writer.BytesWritten));
        var packets = 0;
        while (reader.TryRead(out _))
        {
            packets++;
        }

        return packets;
    }
}
