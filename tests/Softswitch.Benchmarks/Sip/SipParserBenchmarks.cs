using System.Text;
using BenchmarkDotNet.Attributes;
using Softswitch.Sip;

namespace Softswitch.Benchmarks.Sip;

/// <summary>
/// The SIP parser on a typical INVITE: the scan phase alone (start line, header boundaries, framing; budget 0 B) and the
/// whole parse with materialisation of the <see cref="SipMessage"/>.
/// </summary>
[MemoryDiagnoser]
public class SipParserBenchmarks
{
    private readonly SipFrame _frame = new();
    private byte[] _invite = [];

    [GlobalSetup]
    public void Setup() => _invite = Encoding.UTF8.GetBytes(SipBenchmarkMessages.Invite);

    [Benchmark]
    public SipParseStatus Scan() => SipParser.Scan(_invite, isStream: true, _frame, out _);

    [Benchmark]
    public SipMessage? ParseAndMaterialize()
    {
        SipParser.TryParse(_invite, isStream: true, out var message, out _, out _, out _);
        return message;
    }
}
