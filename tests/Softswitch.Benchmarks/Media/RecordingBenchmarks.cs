using BenchmarkDotNet.Attributes;
using Softswitch.Media.Recording;

namespace Softswitch.Benchmarks.Media;

/// <summary>
/// One media clock tick of a call recording: interleave caller and agent into the chunk buffer and, every 50th tick, hand the
/// chunk to the background writer (which drains to <see cref="Stream.Null"/>, so the disk is not measured).
/// </summary>
[MemoryDiagnoser]
public class RecordingBenchmarks
{
    private readonly short[] _caller = new short[CallRecording.TickSamples];
    private readonly short[] _agent = new short[CallRecording.TickSamples];
    private CallRecording _recording = null!;

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < _caller.Length; i++)
        {
            _caller[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 16000.0));
            _agent[i] = (short)(8000 * Math.Sin(2 * Math.PI * 1000 * i / 16000.0));
        }

        _recording = new CallRecording("benchmark.wav", _ => Stream.Null, new CallRecordingOptions(), logger: null);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _recording.CompleteAsync().GetAwaiter().GetResult();
        Console.WriteLine($"// RecordingBenchmarks: {_recording.TickCount} ticks, {_recording.DroppedTicks} dropped, {_recording.FlushedTicks} written");
    }

    /// <summary>
    /// One tick, back to back. The clock thread here outruns the writer (a thread pool hop per chunk), so most ticks take the
    /// dropped-tick path once the pool is full; see <see cref="WriteOneSecond"/> for the path where every tick is kept.
    /// </summary>
    [Benchmark]
    public long WriteTick()
    {
        _recording.WriteTick(_caller, _agent);
        return _recording.TickCount;
    }

    /// <summary>Per tick: one second of call (50 ticks, one chunk) then waiting for the writer to take it, so nothing drops.</summary>
    [Benchmark(OperationsPerInvoke = 50)]
    public long WriteOneSecond()
    {
        for (var i = 0; i < 50; i++)
        {
            _recording.WriteTick(_caller, _agent);
        }

        var target = _recording.TickCount;
        var spin = default(SpinWait);
        while (_recording.FlushedTicks < target)
        {
            spin.SpinOnce();
        }

        return target;
    }
}
