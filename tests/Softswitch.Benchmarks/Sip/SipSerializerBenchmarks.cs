using System.Text;
using BenchmarkDotNet.Attributes;
using Softswitch.Sip;

namespace Softswitch.Benchmarks.Sip;

/// <summary>Serialising a parsed INVITE: into a preallocated buffer (budget 0 B) and into a new array.</summary>
[MemoryDiagnoser]
public class SipSerializerBenchmarks
{
    private readonly byte[] _buffer = new byte[4096];
    private SipMessage _message = null!;

    [GlobalSetup]
    public void Setup()
    {
        SipParser.TryParse(Encoding.UTF8.GetBytes(SipBenchmarkMessages.Invite), isStream: true, out var message, out _, out _, out _);
        _message = message ?? throw new InvalidOperationException("benchmark message does not parse");
        _message.WriteTo(_buffer);
    }

    [Benchmark]
    public int WriteTo() => _message.WriteTo(_buffer);

    [Benchmark]
    public byte[] ToBytes() => _message.ToBytes();
}
