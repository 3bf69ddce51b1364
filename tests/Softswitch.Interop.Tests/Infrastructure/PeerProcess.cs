using System.Diagnostics;
using System.Text;

namespace Softswitch.Interop.Tests.Infrastructure;

/// <summary>
/// An external peer (sipp, baresip, kamailio) started by a test: stdout and stderr go to a log file, the run is bounded by
/// <c>maxRuntime</c> (the process is killed when it overruns), and <see cref="Dispose"/> always kills it by process id and waits.
/// </summary>
internal sealed class PeerProcess : IDisposable
{
    private static readonly TimeSpan s_killWait = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenRegistration _deadlineRegistration;
    private readonly List<(IReadOnlyList<string> Texts, TaskCompletionSource Signal)> _waiters = [];
    private int _disposed;
    private bool _logClosed;

    private PeerProcess(Process process, string logPath, TimeSpan maxRuntime)
    {
        _process = process;
        LogPath = logPath;
        _log = new StreamWriter(logPath, append: false, Encoding.UTF8) { AutoFlush = true };
        _deadline = new CancellationTokenSource(maxRuntime);
        _deadlineRegistration = _deadline.Token.Register(OnDeadline);
    }

    /// <summary>The operating system's process id.</summary>
    public int Id => _process.Id;

    /// <summary>The program name, for messages.</summary>
    public string Name { get; private init; } = "";

    /// <summary>The file that receives stdout and stderr.</summary>
    public string LogPath { get; }

    /// <summary>Whether the process was killed because it ran past its maximum runtime.</summary>
    public bool TimedOut { get; private set; }

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>; stdin is closed at once.</summary>
    /// <param name="fileName">The program, found on PATH.</param>
    /// <param name="arguments">Its arguments, each passed as one argument (no shell quoting).</param>
    /// <param name="workingDirectory">Its working directory; the log file goes there too.</param>
    /// <param name="maxRuntime">Longest it may run; it is killed after that.</param>
    /// <param name="logName">Log file name inside <paramref name="workingDirectory"/>; defaults to <c>&lt;program&gt;.log</c>.</param>
    public static PeerProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan maxRuntime, string? logName = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var logPath = Path.Combine(workingDirectory, logName ?? Path.GetFileName(fileName) + ".log");
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var peer = new PeerProcess(process, logPath, maxRuntime) { Name = Path.GetFileName(fileName) };
        peer.WriteLog($"$ {fileName} {string.Join(' ', startInfo.ArgumentList)}");
        process.OutputDataReceived += (_, e) => peer.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => peer.OnLine(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            peer.Dispose();
            throw new InvalidOperationException($"Cannot start '{fileName}' (run ./softswitch setup to install the interop peers): {ex.Message}", ex);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    /// <summary>Everything the process has written so far (stdout and stderr, interleaved by line).</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Waits for the process to exit; it cannot outlive its maximum runtime.</summary>
    /// <param name="cancellationToken">Stops waiting (the process keeps running).</param>
    /// <returns>The exit code (a killed process gives 137 or -1).</returns>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    /// <summary>Waits until the output contains <paramref name="text"/>.</summary>
    /// <param name="text">Text to look for (ordinal).</param>
    /// <param name="timeout">Longest wait.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Whether the text appeared; false when the timeout passed or the process exited first.</returns>
    public Task<bool> WaitForOutputAsync(string text, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForAnyOutputAsync([text], timeout, cancellationToken);

    /// <summary>Waits until the output contains any of <paramref name="texts"/>.</summary>
    /// <param name="texts">Texts to look for (ordinal); a line matches when it contains one of them.</param>
    /// <param name="timeout">Longest wait.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Whether one of the texts appeared; false when the timeout passed or the process exited first.</returns>
    public async Task<bool> WaitForAnyOutputAsync(IReadOnlyList<string> texts, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_outputLock)
        {
            if (ContainsAny(_output.ToString(), texts))
            {
                return true;
            }

            _waiters.Add((texts, signal));
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var exited = _process.WaitForExitAsync(timeoutSource.Token);
        try
        {
            await Task.WhenAny(signal.Task, exited).WaitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: fall through and report what the output holds.
        }
        finally
        {
            lock (_outputLock)
            {
                _waiters.RemoveAll(w => w.Signal == signal);
            }
        }

        return signal.Task.IsCompleted || ContainsAny(Output, texts);
    }

    /// <summary>Kills the process (and its children) by id, if it still runs, and waits for it to go.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(s_killWait);
        }
        catch (InvalidOperationException)
        {
            // Never started, or already reaped.
        }
    }

    /// <summary>Kills the process if it still runs, waits for it, and closes the log.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _deadlineRegistration.Dispose();
        Kill();
        _deadline.Dispose();
        _process.Dispose();
        lock (_outputLock)
        {
            _logClosed = true;
            _log.Dispose();
        }
    }

    private void OnDeadline()
    {
        TimedOut = true;
        WriteLog($"[harness] {Name} ran past its maximum runtime; killing process {_process.Id}");
        Kill();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (ContainsAny(line, _waiters[i].Texts))
                {
                    _waiters[i].Signal.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    private void WriteLog(string line) => OnLine(line);

    private static bool ContainsAny(string haystack, IReadOnlyList<string> texts)
    {
        foreach (var text in texts)
        {
            if (haystack.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
