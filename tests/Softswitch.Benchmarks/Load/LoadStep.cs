using System.Diagnostics;

namespace Softswitch.Benchmarks.Load;

/// <summary>Runs one step: a rate spread over sipp processes started together, and what the target and machine used meanwhile.</summary>
internal static class LoadStep
{
    /// <summary>Least share of the asked rate a clean step must reach.</summary>
    public const double MinimumRateShare = 0.95;

    /// <summary>Runs the step.</summary>
    /// <param name="target">The started target.</param>
    /// <param name="rate">Calls per second in all.</param>
    /// <param name="calls">Calls in all.</param>
    /// <param name="generators">sipp processes to spread them over.</param>
    /// <param name="directory">An empty folder for the step's files.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    public static async Task<StepResult> RunAsync(
        ILoadTarget target,
        int rate,
        int calls,
        int generators,
        string directory,
        CancellationToken cancellationToken)
    {
        generators = Math.Clamp(generators, 1, rate);
        var targetTicks = ProcessCpu.ReadTreeTicks(target.ProcessId);
        var host = ProcessCpu.ReadHostTicks();
        var clock = Stopwatch.StartNew();
        var runs = new Task<SippUacResult>[generators];
        for (var i = 0; i < generators; i++)
        {
            // Spread rate and calls as evenly as whole numbers allow.
            var share = rate / generators + (i < rate % generators ? 1 : 0);
            var shareCalls = calls / generators + (i < calls % generators ? 1 : 0);
            runs[i] = SippUac.RunAsync(target.SipPort, share, shareCalls, Path.Combine(directory, $"uac{i + 1}"), cancellationToken);
        }

        var results = await Task.WhenAll(runs);
        var wall = clock.Elapsed.TotalSeconds;
        var targetCpu = (ProcessCpu.ReadTreeTicks(target.ProcessId) - targetTicks) / ProcessCpu.TicksPerSecond / wall;
        var hostAfter = ProcessCpu.ReadHostTicks();
        var hostCpu = hostAfter.Total > host.Total ? (double)(hostAfter.Busy - host.Busy) / (hostAfter.Total - host.Total) : 0;

        var generatorCpu = results.Sum(r => r.CpuCores);
        var successful = results.Sum(r => r.Successful);
        var failed = results.Sum(r => r.Failed);
        var retransmissions = results.Sum(r => r.Retransmissions);
        var outOfCall = results.Sum(r => r.OutOfCall);
        var achieved = results.Sum(r => r.Seconds > 0 ? r.Successful / r.Seconds : 0);
        var setup = results.SelectMany(r => r.SetupMilliseconds).Order().ToArray();

        var problems = new List<string>();
        problems.AddRange(results.Select(r => r.Error).OfType<string>().Distinct());
        if (failed > 0 || successful < calls)
        {
            problems.Add($"{Math.Max(failed, calls - successful)} failed calls");
        }

        if (retransmissions > 0)
        {
            problems.Add($"{retransmissions} retransmissions");
        }

        if (outOfCall > 0)
        {
            problems.Add($"{outOfCall} out-of-call messages");
        }

        if (achieved < MinimumRateShare * rate)
        {
            problems.Add($"reached {achieved:0} of {rate} calls/s");
        }

        return new StepResult
        {
            Rate = rate,
            Generators = generators,
            Calls = calls,
            Successful = successful,
            Failed = failed,
            Retransmissions = retransmissions,
            OutOfCall = outOfCall,
            AchievedRate = achieved,
            SetupP50Milliseconds = Percentile(setup, 0.50),
            SetupP99Milliseconds = Percentile(setup, 0.99),
            GeneratorCpu = results.Max(r => r.CpuCores),
            GeneratorCpuTotal = generatorCpu,
            TargetCpu = targetCpu,
            HostCpu = hostCpu,
            OtherCpu = Math.Max(0, hostCpu * Environment.ProcessorCount - targetCpu - generatorCpu),
            Problem = problems.Count == 0 ? null : string.Join("; ", problems),
        };
    }

    /// <summary>Nearest-rank percentile of sorted values; <c>null</c> when there are none.</summary>
    public static double? Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
