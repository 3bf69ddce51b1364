using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Softswitch.Interop.Tests.Infrastructure;

/// <summary>
/// Runs sipp (Debian <c>sip-tester</c>) on loopback: a UAC to completion with <see cref="RunAsync"/>, or a UAS in the background with
/// <see cref="StartUasAsync"/>. Every run writes its stat CSV, error log, message trace and output into its own folder.
/// </summary>
internal sealed class SippRunner
{
    /// <summary>The sipp program.</summary>
    public const string Program = "sipp";

    private static readonly TimeSpan s_grace = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(10);

    private readonly string _workDirectory;
    private int _runs;

    /// <summary>Creates a runner that keeps its files under <paramref name="workDirectory"/>.</summary>
    /// <param name="workDirectory">The test's temporary folder.</param>
    public SippRunner(string workDirectory)
    {
        _workDirectory = workDirectory;
    }

    /// <summary>Full path of a scenario shipped in the test output's <c>Scenarios</c> folder.</summary>
    /// <param name="name">File name, for example <c>uac_basic.xml</c> or <c>Peers/uas_cancel.xml</c>.</param>
    public static string ScenarioPath(string name) => Path.Combine(AppContext.BaseDirectory, "Scenarios", name);

    /// <summary>Runs sipp until it exits (all calls processed, or its timeout) and reads its results.</summary>
    /// <param name="options">What to run.</param>
    /// <param name="cancellationToken">Abandons the run; sipp is killed.</param>
    public async Task<SippResult> RunAsync(SippOptions options, CancellationToken cancellationToken)
    {
        var directory = NewRunDirectory(options);
        using var process = PeerProcess.Start(Program, BuildArguments(options, directory), directory, options.Timeout + s_grace, "sipp.log");
        var exitCode = await process.WaitForExitAsync(cancellationToken);
        var (successful, failed) = ReadCallCounts(Path.Combine(directory, "stats.csv"));
        var errorPath = Path.Combine(directory, "errors.log");
        var errors = File.Exists(errorPath) ? await File.ReadAllTextAsync(errorPath, cancellationToken) : "";
        return new SippResult(exitCode, successful, failed, errors, process.Output, directory, process.TimedOut);
    }

    /// <summary>
    /// Starts a sipp UAS in the background and returns once it listens on <see cref="SippOptions.LocalPort"/>. Bound it with
    /// <see cref="SippOptions.Calls"/> (it exits after that many calls) and dispose it when done.
    /// </summary>
    /// <param name="options">What to run; <see cref="SippOptions.LocalPort"/> must be set so the UAC knows where to call.</param>
    /// <param name="cancellationToken">Abandons the start; sipp is killed.</param>
    /// <returns>The running peer; its folder also holds <c>stats.csv</c>, <c>errors.log</c> and <c>messages.log</c>.</returns>
    public async Task<PeerProcess> StartUasAsync(SippOptions options, CancellationToken cancellationToken)
    {
        if (options.LocalPort == 0)
        {
            throw new ArgumentException("A UAS needs a fixed LocalPort (use FreePorts).", nameof(options));
        }

        var directory = NewRunDirectory(options);
        var process = PeerProcess.Start(Program, BuildArguments(options, directory), directory, options.Timeout + s_grace, "sipp.log");
        try
        {
            // sipp block-buffers its screen when stdout is not a terminal, so readiness is read from the socket, not the output.
            var protocol = options.Transport.StartsWith('t') ? ProtocolType.Tcp : ProtocolType.Udp;
            var started = Stopwatch.StartNew();
            while (!FreePorts.IsInUse(options.LocalPort, protocol))
            {
                if (process.HasExited || started.Elapsed > s_startTimeout)
                {
                    process.Kill();
                    throw new InvalidOperationException(
                        $"sipp did not listen on {options.LocalPort} within {s_startTimeout.TotalSeconds} s; see {directory}:\n{process.Output}");
                }

                await Task.Delay(20, cancellationToken);
            }

            return process;
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>Reads the cumulative successful and failed call counts from the last row of a <c>-trace_stat</c> CSV.</summary>
    /// <param name="statsPath">The <c>-stf</c> file.</param>
    /// <returns>Both counts; zeros when the file is missing or empty.</returns>
    public static (int Successful, int Failed) ReadCallCounts(string statsPath)
    {
        if (!File.Exists(statsPath))
        {
            return (0, 0);
        }

        var lines = File.ReadAllLines(statsPath).Where(l => l.Length > 0).ToArray();
        if (lines.Length < 2)
        {
            return (0, 0);
        }

        var header = lines[0].Split(';');
        var last = lines[^1].Split(';');
        return (Column("SuccessfulCall(C)"), Column("FailedCall(C)"));

        int Column(string name)
        {
            var index = Array.IndexOf(header, name);
            return index >= 0 && index < last.Length && int.TryParse(last[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : 0;
        }
    }

    private string NewRunDirectory(SippOptions options)
    {
        var scenario = options.ScenarioFile is { } file ? Path.GetFileNameWithoutExtension(file) : options.BuiltInScenario ?? "sipp";
        var directory = Path.Combine(_workDirectory, $"sipp-{Interlocked.Increment(ref _runs)}-{scenario}");
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static List<string> BuildArguments(SippOptions options, string directory)
    {
        var arguments = new List<string>();
        if (options.ScenarioFile is { } scenarioFile)
        {
            arguments.AddRange(["-sf", Path.IsPathRooted(scenarioFile) ? scenarioFile : ScenarioPath(scenarioFile)]);
        }
        else
        {
            arguments.AddRange(["-sn", options.BuiltInScenario ?? throw new ArgumentException("Set ScenarioFile or BuiltInScenario.", nameof(options))]);
        }

        if (options.Target is { } target)
        {
            arguments.Add(target);
        }

        arguments.AddRange(["-s", options.Service]);
        arguments.AddRange(["-i", options.LocalAddress]);
        arguments.AddRange(["-p", (options.LocalPort == 0 ? FreePorts.GetUdpAndTcpPort() : options.LocalPort).ToString(CultureInfo.InvariantCulture)]);
        arguments.AddRange(["-t", options.Transport]);
        arguments.AddRange(["-m", options.Calls.ToString(CultureInfo.InvariantCulture)]);
        if (options.Rate is { } rate)
        {
            arguments.AddRange(["-r", rate.ToString(CultureInfo.InvariantCulture)]);
        }

        if (options.MaxConcurrentCalls is { } limit)
        {
            arguments.AddRange(["-l", limit.ToString(CultureInfo.InvariantCulture)]);
        }

        // Loopback only: SIP (-bind_local), media sockets (-mi/-mp, otherwise 6000+ on the primary address) and the control
        // socket (-ci/-cp, otherwise 0.0.0.0:8888). sipp moves on to the next port when one is taken.
        arguments.AddRange(["-bind_local", "-mi", options.LocalAddress, "-ci", options.LocalAddress]);
        arguments.AddRange(["-mp", FreePorts.GetUdpPort().ToString(CultureInfo.InvariantCulture)]);
        arguments.AddRange(["-cp", FreePorts.GetUdpPort().ToString(CultureInfo.InvariantCulture)]);
        arguments.AddRange(["-nostdin", "-trace_stat", "-stf", Path.Combine(directory, "stats.csv")]);
        arguments.AddRange(["-trace_err", "-error_file", Path.Combine(directory, "errors.log")]);
        if (options.TraceMessages)
        {
            arguments.AddRange(["-trace_msg", "-message_file", Path.Combine(directory, "messages.log")]);
        }

        arguments.AddRange(["-timeout", $"{(int)Math.Ceiling(options.Timeout.TotalSeconds)}s", "-timeout_error"]);
        foreach (var (key, value) in options.Keys)
        {
            arguments.AddRange(["-key", key, value]);
        }

        arguments.AddRange(options.ExtraArguments);
        return arguments;
    }
}
