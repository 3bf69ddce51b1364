namespace Softswitch.Benchmarks.Load;

/// <summary>What one sipp uac process of a step reported.</summary>
/// <param name="Calls">Calls it was asked to place.</param>
/// <param name="Successful">Calls that completed the scenario.</param>
/// <param name="Failed">Calls that failed (timeouts, unexpected messages, errors).</param>
/// <param name="Retransmissions">Retransmissions sent or received, plus messages for calls already ended (late retransmissions).</param>
/// <param name="OutOfCall">Messages that belonged to no call sipp knew.</param>
/// <param name="Seconds">From sipp's start to its last statistics dump.</param>
/// <param name="CpuCores">CPU time over wall time: 1.0 is one core saturated (sipp is single-threaded).</param>
/// <param name="SetupMilliseconds">INVITE to 200 of each successful call, in whole milliseconds (sipp's resolution).</param>
/// <param name="Error">Why the process itself failed (exit status, timeout, missing statistics), or <c>null</c>.</param>
internal sealed record SippUacResult(
    int Calls,
    long Successful,
    long Failed,
    long Retransmissions,
    long OutOfCall,
    double Seconds,
    double CpuCores,
    IReadOnlyList<double> SetupMilliseconds,
    string? Error);
