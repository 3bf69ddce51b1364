using BenchmarkDotNet.Running;
using Softswitch.Benchmarks.Load;

// `sip [options]` runs the SIP load benchmark (sipp against the gateway and references); anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "sip")
{
    return await SipLoadCommand.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
