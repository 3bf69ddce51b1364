using Softswitch.Benchmarks.Load;

namespace Softswitch.Benchmarks.ApiLoad;

/// <summary>CPU during a phase: the gateway's, in cores, and the busy share of all of the machine's cores (other work included).</summary>
/// <param name="GatewayCores">The gateway process tree's CPU time over wall time.</param>
/// <param name="HostBusy">Busy share of the machine, 0 to 1.</param>
internal sealed record PhaseCpu(double GatewayCores, double HostBusy)
{
    /// <summary>Starts measuring.</summary>
    /// <param name="gatewayPid">The gateway's process id.</param>
    public static Func<PhaseCpu> Start(int gatewayPid)
    {
        var gateway = ProcessCpu.ReadTreeTicks(gatewayPid);
        var host = ProcessCpu.ReadHostTicks();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        return () =>
        {
            var seconds = clock.Elapsed.TotalSeconds;
            var hostAfter = ProcessCpu.ReadHostTicks();
            var cores = seconds > 0 ? (ProcessCpu.ReadTreeTicks(gatewayPid) - gateway) / ProcessCpu.TicksPerSecond / seconds : 0;
            var busy = hostAfter.Total > host.Total ? (double)(hostAfter.Busy - host.Busy) / (hostAfter.Total - host.Total) : 0;
            return new PhaseCpu(cores, busy);
        };
    }
}
