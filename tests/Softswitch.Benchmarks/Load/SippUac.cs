using System.Diagnostics;
using System.Globalization;

namespace Softswitch.Benchmarks.Load;

/// <summary>
/// One sipp load generator: the built-in <c>uac</c> scenario (INVITE with a PCMU offer, optional 100/180/183, 200, ACK,
/// BYE, 200) at a fixed rate for a fixed number of calls, from its own 127.0.0.1 ports, with statistics, per-message
/// counts and per-call response times written into its own folder.
/// </summary>
internal static class SippUac
{
    /// <summary>Fraction of one core at which a sipp process counts as saturated.</summary>
    public const double SaturatedCpu = 0.85;

    private const int ReceiveTimeoutMilliseconds = 5000;
    private static readonly TimeSpan s_sampleInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Places the calls and waits, bounded, for sipp to finish.</summary>
    /// <param name="targetPort">The target's UDP port on 127.0.0.1.</param>
    /// <param name="rate">Calls per second.</param>
    /// <param name="calls">Calls in all.</param>
    /// <param name="directory">An empty folder for sipp's files.</param>
    /// <param name="cancellationToken">Cancels the run; sipp is killed.</param>
    public static async Task<SippUacResult> RunAsync(int targetPort, int rate, int calls, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var seconds = (int)Math.Ceiling((double)calls / rate);
        var globalTimeout = seconds + 10;
        string[] arguments =
        [
            "-sn", "uac", $"127.0.0.1:{targetPort}",
            "-i", "127.0.0.1", "-p", $"{FreePorts.Next()}", "-cp", $"{FreePorts.Next()}", "-mp", $"{FreePorts.Next()}",
            "-nostdin", "-f", "60",
            "-r", $"{rate}", "-rp", "1000", "-m", $"{calls}",

            // At most two seconds of calls open at once; a slower target then shows as a lower achieved rate.
            "-l", $"{Math.Max(100, 2 * rate)}",
            "-recv_timeout", $"{ReceiveTimeoutMilliseconds}",
            "-timeout", $"{globalTimeout}s", "-timeout_error",
            "-buff_size", "4194304",
            "-trace_stat", "-stf", "stat.csv",
            "-trace_counts",

            // Response times are written every rtt_freq calls and the remainder is lost at exit, so use a divisor of calls.
            "-trace_rtt", "-rtt_freq", $"{DumpFrequency(calls)}",
        ];

        using var sipp = ChildProcess.Start("sipp", arguments, directory, Path.Combine(directory, "sipp.log"));
        var startTicks = ProcessCpu.ReadTicks(sipp.Id) ?? 0;
        var clock = Stopwatch.StartNew();
        var lastTicks = startTicks;
        var lastElapsed = TimeSpan.Zero;
        var deadline = TimeSpan.FromSeconds(globalTimeout + 10);
        var exited = false;
        while (clock.Elapsed < deadline)
        {
            if (await sipp.WaitForExitAsync(s_sampleInterval, cancellationToken))
            {
                exited = true;
                break;
            }

            // Sampled while it runs: once it has exited its CPU time is gone.
            if (ProcessCpu.ReadTicks(sipp.Id) is { } ticks)
            {
                lastTicks = ticks;
                lastElapsed = clock.Elapsed;
            }
        }

        sipp.Stop();
        var cpu = lastElapsed > TimeSpan.Zero ? (lastTicks - startTicks) / ProcessCpu.TicksPerSecond / lastElapsed.TotalSeconds : 0;
        string? error = null;
        if (!exited)
        {
            error = $"sipp killed after {deadline.TotalSeconds:0} s";
        }
        else if (sipp.ExitCode is not (0 or 1))
        {
            var tail = sipp.Tail(2);
            error = $"sipp exited with code {sipp.ExitCode}" + (tail.Length > 0 ? $": {tail}" : "");
        }

        var stat = SippCsv.ReadLast(Path.Combine(directory, "stat.csv"));
        if (stat is null)
        {
            return new SippUacResult(calls, 0, calls, 0, 0, 0, cpu, [], error ?? "sipp wrote no statistics");
        }

        var counts = SippCsv.ReadLast(Directory.EnumerateFiles(directory, "*_counts.csv").FirstOrDefault());
        var retransmissions = counts is null
            ? stat.Count("Retransmissions(C)")
            : counts.Columns.Where(c => c.EndsWith("_Retrans", StringComparison.Ordinal)).Sum(counts.Count);
        retransmissions += stat.Count("DeadCallMsgs(C)");
        var elapsed = stat.Epoch("CurrentTime") - stat.Epoch("StartTime") ?? 0;
        return new SippUacResult(
            calls,
            stat.Count("SuccessfulCall(C)"),
            stat.Count("FailedCall(C)"),
            retransmissions,
            stat.Count("OutOfCallMsgs(C)"),
            elapsed,
            cpu,
            ReadSetupTimes(directory),
            error);
    }

    private static int DumpFrequency(int calls)
    {
        for (var frequency = Math.Min(calls, 1000); frequency > 1; frequency--)
        {
            if (calls % frequency == 0)
            {
                return frequency;
            }
        }

        return 1;
    }

    private static List<double> ReadSetupTimes(string directory)
    {
        // Date_ms;response_time_ms;rtd_no
        var path = Directory.EnumerateFiles(directory, "*_rtt.csv").FirstOrDefault();
        var times = new List<double>();
        if (path is null)
        {
            return times;
        }

        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var fields = line.Split(';');
            if (fields.Length >= 2 && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                times.Add(value);
            }
        }

        return times;
    }
}
