namespace Softswitch.Benchmarks.Load;

/// <summary>Reference: sipp's built-in <c>uas</c> scenario (180, 200, waits for ACK and BYE), single-threaded.</summary>
internal sealed class SippUasTarget : ILoadTarget
{
    /// <summary>Name in options and tables.</summary>
    public const string TargetName = "sipp-uas";

    private ChildProcess? _process;

    /// <inheritdoc/>
    public string Name => TargetName;

    /// <inheritdoc/>
    public bool IsReference => true;

    /// <inheritdoc/>
    public int SipPort { get; private set; }

    /// <inheritdoc/>
    public int ProcessId => _process?.Id ?? 0;

    /// <inheritdoc/>
    public bool IsRunning => _process is { HasExited: false };

    /// <inheritdoc/>
    public async Task StartAsync(string workDirectory, CancellationToken cancellationToken)
    {
        SipPort = FreePorts.Next();
        string[] arguments =
        [
            "-sn", "uas", "-i", "127.0.0.1", "-p", $"{SipPort}",
            "-cp", $"{FreePorts.Next()}", "-mp", $"{FreePorts.Next()}",
            "-nostdin", "-f", "10",
        ];
        try
        {
            _process = ChildProcess.Start("sipp", arguments, workDirectory, Path.Combine(workDirectory, "sipp-uas.log"));
        }
        catch (InvalidOperationException ex)
        {
            throw new TargetNotReadyException(ex.Message, ex);
        }

        await UdpPortProbe.WaitUntilBoundAsync(_process, SipPort, TimeSpan.FromSeconds(10), cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose() => _process?.Dispose();
}
