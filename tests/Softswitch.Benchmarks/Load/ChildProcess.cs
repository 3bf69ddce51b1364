using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;

namespace Softswitch.Benchmarks.Load;

/// <summary>
/// An external program (sipp, kamailio, the gateway) started by the benchmark. Its output goes to a log file; it is
/// stopped by process id, with its descendants, on <see cref="Dispose"/> and, for any still running, when the benchmark exits.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private const int TailLines = 20;

    private static readonly ConcurrentDictionary<int, ChildProcess> s_running = new();
    private static readonly TimeSpan s_termGrace = TimeSpan.FromSeconds(3);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Queue<string> _outputTail = new();
    private readonly Queue<string> _errorTail = new();
    private readonly Lock _gate = new();
    private bool _stopped;

    private ChildProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    /// <summary>Process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Exit status; valid once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts a program.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="workingDirectory">Its working directory.</param>
    /// <param name="logPath">File that receives its standard output and error.</param>
    /// <param name="environment">Variables added to the inherited environment.</param>
    /// <exception cref="InvalidOperationException">The program could not be started.</exception>
    public static ChildProcess Start(
        string fileName,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        string logPath,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                startInfo.Environment[key] = value;
            }
        }

        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        log.WriteLine($"# {fileName} {string.Join(' ', arguments)}");
        var process = new Process { StartInfo = startInfo };
        var child = new ChildProcess(process, log);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, child._outputTail);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, child._errorTail);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            log.Dispose();
            process.Dispose();
            throw new InvalidOperationException($"cannot start {fileName}: {ex.Message}", ex);
        }

        s_running[process.Id] = child;
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Stops every child process still running; for process exit and Ctrl-C.</summary>
    public static void StopAll()
    {
        foreach (var child in s_running.Values)
        {
            child.Stop();
        }
    }

    /// <summary>Waits for the process to exit on its own.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Whether it exited within <paramref name="timeout"/>.</returns>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(timeoutSource.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The last lines the process wrote to standard error (or, when none, to standard output), joined with " | ".</summary>
    /// <param name="lines">How many lines.</param>
    public string Tail(int lines = 3)
    {
        lock (_gate)
        {
            var tail = _errorTail.Count > 0 ? _errorTail : _outputTail;
            return string.Join(" | ", tail.Skip(Math.Max(0, tail.Count - lines)));
        }
    }

    /// <summary>Stops the process by process id: SIGTERM, then after a grace period SIGKILL to it and its descendants.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
        }

        try
        {
            // SIGTERM first, so kamailio reaps its workers and the gateway shuts down; then SIGKILL to what is left of the tree.
            if (!_process.HasExited && !(UnixSignal.Terminate(_process.Id) && _process.WaitForExit(s_termGrace)))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
        {
            // Already gone.
        }

        s_running.TryRemove(_process.Id, out _);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Stop();
        _process.Dispose();
        lock (_gate)
        {
            _log.Dispose();
        }
    }

    private void OnLine(string? line, Queue<string> tail)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                if (tail.Count == TailLines)
                {
                    tail.Dequeue();
                }

                tail.Enqueue(line.Trim());
            }

            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after Dispose is dropped.
            }
        }
    }
}
