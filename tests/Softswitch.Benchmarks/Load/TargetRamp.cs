namespace Softswitch.Benchmarks.Load;

/// <summary>
/// Runs one target through the rising rates: a short probe, then one step per rate until the first step that is not clean.
/// Adds sipp processes when one would saturate its core, and retries a failed step with more when sipp was the bottleneck.
/// </summary>
internal sealed class TargetRamp
{
    /// <summary>CPU share of one core a sipp process is planned to stay under.</summary>
    private const double PlannedGeneratorCpu = 0.7;

    /// <summary>Host CPU share above which the machine, shared by target and load generator, is the limit.</summary>
    private const double SaturatedHostCpu = 0.95;

    private const int ProbeRate = 50;
    private const int ProbeCalls = 25;

    private static readonly TimeSpan s_pauseBetweenSteps = TimeSpan.FromSeconds(1);

    private readonly SipLoadOptions _options;
    private readonly TextWriter _progress;

    /// <summary>Creates the ramp.</summary>
    /// <param name="options">Rates, seconds and generator counts.</param>
    /// <param name="progress">Where progress lines go.</param>
    public TargetRamp(SipLoadOptions options, TextWriter progress)
    {
        _options = options;
        _progress = progress;
    }

    /// <summary>Starts the target, ramps it and stops it (always).</summary>
    /// <param name="target">The target, not started.</param>
    /// <param name="workDirectory">A folder for its files.</param>
    /// <param name="cancellationToken">Cancels the ramp; the target is still stopped.</param>
    public async Task<TargetResult> RunAsync(ILoadTarget target, string workDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workDirectory);
        try
        {
            _progress.WriteLine($"{target.Name}: starting");
            try
            {
                await target.StartAsync(workDirectory, cancellationToken);
            }
            catch (TargetNotReadyException ex)
            {
                _progress.WriteLine($"{target.Name}: did not start: {ex.Message}");
                return new TargetResult { Name = target.Name, IsReference = target.IsReference, Error = $"did not start: {ex.Message}" };
            }

            _progress.WriteLine($"{target.Name}: listening on udp 127.0.0.1:{target.SipPort} (pid {target.ProcessId})");
            var probe = await LoadStep.RunAsync(target, ProbeRate, ProbeCalls, 1, Path.Combine(workDirectory, "probe"), cancellationToken);
            if (!probe.Clean)
            {
                _progress.WriteLine($"{target.Name}: does not answer calls: {probe.Problem}");
                return new TargetResult
                {
                    Name = target.Name,
                    IsReference = target.IsReference,
                    Error = $"does not answer calls: {probe.Problem}",
                };
            }

            return await RampAsync(target, workDirectory, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // For example sipp missing or a full disk: report it for this target and go on with the next.
            _progress.WriteLine($"{target.Name}: benchmark failed: {ex.Message}");
            return new TargetResult { Name = target.Name, IsReference = target.IsReference, Error = $"benchmark failed: {ex.Message}" };
        }
        finally
        {
            target.Dispose();
        }
    }

    private async Task<TargetResult> RampAsync(ILoadTarget target, string workDirectory, CancellationToken cancellationToken)
    {
        var steps = new List<StepResult>();
        StepResult? best = null;
        var generators = _options.Generators;
        var stepNumber = 0;
        foreach (var rate in _options.Rates)
        {
            // Enough sipp processes for this rate, judged from the CPU the last clean step cost per call.
            if (best is not null && best.GeneratorCpu > 0)
            {
                var cpuPerCall = best.GeneratorCpu * best.Generators / best.AchievedRate;
                var needed = (int)Math.Ceiling(cpuPerCall * rate / PlannedGeneratorCpu);
                generators = Math.Clamp(Math.Max(generators, needed), 1, _options.MaxGenerators);
            }

            while (true)
            {
                await Task.Delay(s_pauseBetweenSteps, cancellationToken);
                stepNumber++;
                var step = await LoadStep.RunAsync(
                    target,
                    rate,
                    rate * _options.Seconds,
                    generators,
                    Path.Combine(workDirectory, $"step{stepNumber:00}-{rate}cps"),
                    cancellationToken);
                steps.Add(step);
                _progress.WriteLine(FormatProgress(target.Name, step));
                if (!target.IsRunning)
                {
                    _progress.WriteLine($"{target.Name}: exited during the step");
                    return Result(target, steps, best, $"target exited at {rate} calls/s");
                }

                if (step.Clean)
                {
                    best = step;
                    break;
                }

                if (step.GeneratorSaturated && generators < _options.MaxGenerators)
                {
                    generators = Math.Min(_options.MaxGenerators, generators * 2);
                    _progress.WriteLine($"{target.Name}: sipp was CPU-bound; retrying {rate} calls/s with {generators} sipp processes");
                    continue;
                }

                return Result(target, steps, best, LimitOf(step));
            }
        }

        return Result(target, steps, best, best is null ? "" : $"top rate tried ({best.Rate} calls/s clean)");
    }

    private static TargetResult Result(ILoadTarget target, List<StepResult> steps, StepResult? best, string limitedBy) => new()
    {
        Name = target.Name,
        IsReference = target.IsReference,
        Best = best,
        LimitedBy = limitedBy,
        Steps = steps,
    };

    /// <summary>Names what most likely stopped a step that was not clean.</summary>
    private static string LimitOf(StepResult step)
    {
        if (step.GeneratorSaturated)
        {
            return $"load generator (sipp at {step.GeneratorCpu * 100:0}% of a core at {step.Rate} calls/s)";
        }

        if (step.HostCpu >= SaturatedHostCpu)
        {
            return $"host CPU ({step.HostCpu * 100:0}% busy at {step.Rate} calls/s: target {step.TargetCpu:0.00}, "
                + $"sipp {step.GeneratorCpuTotal:0.00}, other processes {step.OtherCpu:0.00} cores)";
        }

        return $"target at {step.Rate} calls/s: {step.Problem}";
    }

    private static string FormatProgress(string name, StepResult step)
    {
        var setup = step.SetupP99Milliseconds is null ? "n/a" : $"p50 {step.SetupP50Milliseconds:0} ms, p99 {step.SetupP99Milliseconds:0} ms";
        var verdict = step.Clean ? "clean" : $"NOT clean: {step.Problem}";
        return $"{name}: {step.Rate,5} calls/s x{step.Generators} sipp: {step.Successful}/{step.Calls} ok, "
            + $"{step.AchievedRate:0} calls/s, setup {setup}; CPU cores: target {step.TargetCpu:0.00}, sipp {step.GeneratorCpuTotal:0.00} "
            + $"(busiest {step.GeneratorCpu * 100:0}%), other {step.OtherCpu:0.00}; {verdict}";
    }
}
