using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Softswitch.Media.Clock;
using Softswitch.Media.Codecs;
using Softswitch.Media.Rtp;
using Softswitch.Media.Srtp;

namespace Softswitch.Benchmarks.Media;

/// <summary>
/// One call's media work per 20 ms, whole: a packet sent to the session's RTP port, then a media-clock tick (the socket drained
/// with its kernel arrival time, validation, statistics, jitter buffer, jitter buffer read, decode, resample to 16 kHz, playout
/// frame, resample, encode, RTP header, UDP send), for G.711, for Opus, and for G.711 under SRTP. This is the per-packet path the
/// allocation budget must keep at zero bytes.
/// </summary>
[MemoryDiagnoser]
public class RtpSessionBenchmarks
{
    private readonly MediaClock _clock = new();
    private Socket _sink = null!;
    private RtpSession _session = null!;
    private SocketAddress _sessionAddress = null!;
    private SrtpSession? _peerSrtp;
    private byte[] _packet = null!;
    private byte[] _scratch = null!;
    private readonly byte[] _drain = new byte[2048];
    private readonly short[] _playout = new short[320 * 600];
    private int _payloadLength;
    private ushort _sequence;
    private uint _timestamp;
    private long _tick;

    /// <summary>The stream: PCMU, opus or PCMU+SRTP.</summary>
    [Params("PCMU", "opus", "PCMU+SRTP")]
    public string Stream { get; set; } = "PCMU";

    [GlobalSetup]
    public void Setup()
    {
        _sink = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _sink.ReceiveBufferSize = 1 << 20;
        var ports = new RtpPortAllocator(IPAddress.Loopback, 46000, 46100);
        _session = new RtpSession(ports.TryAllocate()!, _clock, new RtpSessionOptions { SymmetricRtp = false, RtcpInterval = TimeSpan.Zero });
        var codec = Stream == "opus" ? AudioCodecs.Opus : AudioCodecs.Pcmu;
        SrtpSession? srtp = null;
        if (Stream.EndsWith("SRTP", StringComparison.Ordinal))
        {
            var ours = SdesCrypto.Generate(1, SrtpSuite.AesCm128HmacSha1_80);
            var theirs = SdesCrypto.Generate(1, SrtpSuite.AesCm128HmacSha1_80);
            srtp = new SrtpSession(ours, theirs);
            _peerSrtp = new SrtpSession(theirs, ours);
        }

        _session.Configure(RtpStreamSettings.Default with { Codec = codec, PayloadType = codec.PayloadType, Srtp = srtp });
        _session.RemoteEndPoint = (IPEndPoint)_sink.LocalEndPoint!;
        _session.StartAsync().GetAwaiter().GetResult();
        _sessionAddress = _session.LocalEndPoint.Serialize();

        // A real payload of the codec: 20 ms of a tone.
        var tone = new short[codec.FrameSamples];
        for (var i = 0; i < tone.Length; i++)
        {
            tone[i] = (short)(6000 * Math.Sin(2 * Math.PI * 440 * i / codec.SampleRate));
        }

        using var encoder = codec.CreateEncoder();
        var payload = new byte[1500];
        _payloadLength = encoder.Encode(tone, payload);
        _packet = new byte[12 + _payloadLength + 16];
        payload.AsSpan(0, _payloadLength).CopyTo(_packet.AsSpan(12));
        _scratch = new byte[_packet.Length];
        _session.Enqueue(_playout); // something to send on every tick
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _session.Dispose();
        _peerSrtp?.Dispose();
        _sink.Dispose();
        _clock.Dispose();
    }

    /// <summary>One packet in through the socket, one tick (one packet out).</summary>
    [Benchmark]
    public long PacketInAndTick()
    {
        new RtpHeader(_session.PayloadType, _sequence++, _timestamp, 0x1234, false).Write(_packet);
        _timestamp += (uint)_session.Codec.TimestampPerFrame;
        int length = 12 + _payloadLength;
        _packet.AsSpan(0, length).CopyTo(_scratch);
        if (_peerSrtp is not null)
        {
            _peerSrtp.TryProtectRtp(_scratch, length, out length);
        }

        _sink.SendTo(_scratch.AsSpan(0, length), SocketFlags.None, _sessionAddress);
        ((IMediaClockListener)_session).OnTick(++_tick);
        if (_session.PlayoutQueuedFrames < 10)
        {
            _session.Enqueue(_playout); // copied into the session's ring: no allocation
        }

        while (_sink.Available > 0)
        {
            _sink.Receive(_drain);
        }

        return _session.PacketsSent;
    }
}
