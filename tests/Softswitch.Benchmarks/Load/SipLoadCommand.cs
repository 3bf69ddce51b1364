namespace Softswitch.Benchmarks.Load;

/// <summary>
/// <c>softswitch bench sip</c>: sipp uac against the gateway and two reference user agent servers (sipp's own uas and
/// kamailio answering statefully) at rising call rates, all on 127.0.0.1 of this machine, in one run.
/// </summary>
internal static class SipLoadCommand
{
    /// <summary>Runs the benchmark.</summary>
    /// <param name="args">The arguments after <c>sip</c>.</param>
    /// <returns>0 when it ran, 1 on bad arguments or when no target could be measured, 130 on Ctrl-C.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (!SipLoadOptions.TryParse(args, out var options, out var error))
        {
            await Console.Error.WriteLineAsync($"bench sip: {error}\n\n{SipLoadOptions.Usage}");
            return 1;
        }

        if (options.ShowHelp)
        {
            Console.WriteLine(SipLoadOptions.Usage);
            return 0;
        }

        using var cancellation = new CancellationTokenSource();
        using var signals = new BenchSignals(cancellation);
        var root = RepositoryPaths.FindRoot();
        var started = DateTime.UtcNow;
        var workDirectory = Path.Combine(Path.GetTempPath(), $"softswitch-bench-sip-{started:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
        Directory.CreateDirectory(workDirectory);
        var results = new List<TargetResult>();
        try
        {
            Console.WriteLine($"bench sip: targets {string.Join(", ", options.Targets)}; rates {string.Join(", ", options.Rates)} calls/s; "
                + $"{options.Seconds} s per step; work files in {workDirectory}");
            var ramp = new TargetRamp(options, Console.Out);
            foreach (var name in options.Targets)
            {
                ILoadTarget target = name switch
                {
                    SippUasTarget.TargetName => new SippUasTarget(),
                    KamailioTarget.TargetName => new KamailioTarget(),
                    _ => new GatewayTarget(root),
                };
                results.Add(await ramp.RunAsync(target, Path.Combine(workDirectory, name), cancellation.Token));
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"bench sip: cancelled; work files in {workDirectory}");
            return 130;
        }
        finally
        {
            ChildProcess.StopAll();
        }

        var report = new SipLoadReport(options, results, started);
        Console.WriteLine();
        Console.Write(report.Table());
        Console.WriteLine(report.Verdict());
        if (report.NoiseWarning() is { } warning)
        {
            Console.WriteLine(warning);
        }

        var path = await report.WriteAsync(Path.Combine(root, options.OutputDirectory), CancellationToken.None);
        Console.WriteLine($"report: {Path.GetRelativePath(root, path)} (and .json)");

        // Keep the work files (logs, sipp statistics) only when something went wrong.
        if (results.All(r => r.Error is null && r.Steps.All(s => s.Clean || ReferenceEquals(s, r.Steps[^1]))))
        {
            Directory.Delete(workDirectory, recursive: true);
        }
        else
        {
            Console.WriteLine($"logs kept in {workDirectory}");
        }

        return results.Any(r => r.Error is null) ? 0 : 1;
    }
}
