using BenchmarkDotNet.Attributes;
using Softswitch.Media.Dtmf;

namespace Softswitch.Benchmarks.Media;

/// <summary>
/// Per-packet DTMF work: one RFC 4733 update packet through the receiver, one tick of the sender, one 20 ms frame through the
/// in-band detector at 8 kHz and at 16 kHz (with the 2:1 decimator).
/// </summary>
[MemoryDiagnoser]
public class DtmfBenchmarks
{
    private readonly byte[] _update = new byte[TelephoneEvent.Length];
    private readonly byte[] _payload = new byte[TelephoneEvent.Length];
    private readonly short[] _frame = new short[160];
    private readonly short[] _widebandFrame = new short[320];
    private DtmfSender _sender = null!;
    private DtmfReceiver _receiver = null!;
    private InbandDtmfDetector _detector = null!;
    private long _now;
    private uint _rtpTimestamp;

    [GlobalSetup]
    public void Setup()
    {
        new TelephoneEvent(5, end: false, volume: 10, duration: 800).Write(_update);
        _receiver = new DtmfReceiver(8000);
        _sender = new DtmfSender(8000);

        // A frame of speech-band noise: the detector's full Goertzel work, no digit.
        var random = new Random(1);
        for (int i = 0; i < _frame.Length; i++)
        {
            _frame[i] = (short)random.Next(-3000, 3000);
        }

        for (int i = 0; i < _widebandFrame.Length; i++)
        {
            _widebandFrame[i] = (short)random.Next(-3000, 3000);
        }

        _detector = new InbandDtmfDetector();
    }

    [GlobalCleanup]
    public void Cleanup() => _detector.Dispose();

    [Benchmark]
    public bool ReceiverUpdate()
    {
        // The same event keeps being updated (a held key): the steady-state path.
        _now += TimeSpan.TicksPerMillisecond * 20;
        return _receiver.TryProcess(0x1234, false, _update, _now, out _);
    }

    [Benchmark]
    public int SenderTick()
    {
        if (_sender.IsIdle)
        {
            _sender.Start('5', TimeSpan.FromMilliseconds(100), _rtpTimestamp);
        }

        _rtpTimestamp += 160;
        return _sender.TryNextPacket(_payload, out int length, out _, out _) ? length : 0;
    }

    [Benchmark]
    public int InbandDetect20ms()
    {
        _detector.Process(_frame);
        return _detector.Count;
    }

    [Benchmark]
    public int InbandDetect20ms16k()
    {
        _detector.Process(_widebandFrame, 16000);
        return _detector.Count;
    }
}
