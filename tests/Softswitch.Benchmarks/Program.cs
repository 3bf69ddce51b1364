using BenchmarkDotNet.Running;
using Softswitch.Benchmarks.Load;

// `sip [options]` runs the SIP load benchmark (sipp against the gateway and references); anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "sip")
{
    return await SipLoadCommand.RunAsync(args[1..]);
}

// `media [options]` runs the media load benchmark (concurrent calls with real RTP against the gateway).
if (args.Length > 0 && args[0] == "media")
{
    return await Softswitch.Benchmarks.MediaLoad.MediaLoadCommand.RunAsync(args[1..]);
}

// `api [options]` runs the admin API benchmark (reads, call-record writes and SIP latency under API load, on SQLite and PostgreSQL).
if (args.Length > 0 && args[0] == "api")
{
    return await Softswitch.Benchmarks.ApiLoad.ApiLoadCommand.RunAsync(args[1..]);
}

// `budgets [filter args]` runs every benchmark with the memory diagnoser and checks allocation-budgets.json.
if (args.Length > 0 && args[0] == "budgets")
{
    return Softswitch.Benchmarks.Budgets.AllocationBudgetCheck.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
