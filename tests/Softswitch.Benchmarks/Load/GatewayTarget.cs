namespace Softswitch.Benchmarks.Load;

/// <summary>
/// The gateway under test: the Release build of the host, <c>softswitch run</c>, answering every call at once without media
/// (<c>Dialog:Flow=answer</c>, or the flow and settings given), logging warnings only, bound to 127.0.0.1.
/// </summary>
internal sealed class GatewayTarget : ILoadTarget
{
    /// <summary>Name in options and tables.</summary>
    public const string TargetName = "gateway";

    /// <summary>The host's Release build, relative to the repository root.</summary>
    public const string HostDllPath = "src/Gateway/Host/bin/Release/net10.0/softswitch.dll";

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(250);

    private readonly string _repositoryRoot;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private ChildProcess? _process;

    /// <summary>Creates the target.</summary>
    /// <param name="repositoryRoot">The repository root.</param>
    /// <param name="settings">Environment variables that override the defaults below, e.g. <c>SOFTSWITCH_Dialog__Flow</c>.</param>
    public GatewayTarget(string repositoryRoot, IReadOnlyDictionary<string, string>? settings = null)
    {
        _repositoryRoot = repositoryRoot;
        _settings = settings ?? new Dictionary<string, string>();
    }

    /// <inheritdoc/>
    public string Name => TargetName;

    /// <inheritdoc/>
    public bool IsReference => false;

    /// <inheritdoc/>
    public int SipPort { get; private set; }

    /// <summary>The HTTP port of <c>/health</c> and the admin API on 127.0.0.1, once started.</summary>
    public int HttpPort { get; private set; }

    /// <summary>The gateway's log (standard output and error), once started.</summary>
    public string? LogPath { get; private set; }

    /// <inheritdoc/>
    public int ProcessId => _process?.Id ?? 0;

    /// <inheritdoc/>
    public bool IsRunning => _process is { HasExited: false };

    /// <inheritdoc/>
    public async Task StartAsync(string workDirectory, CancellationToken cancellationToken)
    {
        var dll = Path.Combine(_repositoryRoot, HostDllPath);
        if (!File.Exists(dll))
        {
            throw new TargetNotReadyException($"{HostDllPath} not found; build it: dotnet build src/Gateway/Host -c Release");
        }

        SipPort = FreePorts.Next();
        var httpPort = FreePorts.Next();
        HttpPort = httpPort;
        string[] arguments =
        [
            dll, "run",
            "--sip-port", $"{SipPort}",
            "--http-port", $"{httpPort}",
            "--http-address", "127.0.0.1",
            "--data-dir", Path.Combine(workDirectory, "data"),
            "--config", Path.Combine(_repositoryRoot, "config"),
        ];
        var environment = new Dictionary<string, string>
        {
            ["SOFTSWITCH_Dialog__Flow"] = "answer",
            ["SOFTSWITCH_Serilog__MinimumLevel__Default"] = "Warning",
            ["SOFTSWITCH_Sip__BindAddress"] = "127.0.0.1",
            ["SOFTSWITCH_Sip__AdvertisedAddress"] = "127.0.0.1",
        };
        foreach (var (key, value) in _settings)
        {
            environment[key] = value;
        }

        try
        {
            LogPath = Path.Combine(workDirectory, "gateway.log");
            _process = ChildProcess.Start("dotnet", arguments, _repositoryRoot, LogPath, environment);
        }
        catch (InvalidOperationException ex)
        {
            throw new TargetNotReadyException(ex.Message, ex);
        }

        await WaitForHealthAsync(_process, httpPort, cancellationToken);
        try
        {
            await UdpPortProbe.WaitUntilBoundAsync(_process, SipPort, TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (TargetNotReadyException ex)
        {
            throw new TargetNotReadyException($"/health is OK but SIP does not listen: {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _process?.Dispose();

    private static async Task WaitForHealthAsync(ChildProcess process, int httpPort, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var url = $"http://127.0.0.1:{httpPort}/health";
        var deadline = DateTime.UtcNow + s_startTimeout;
        var last = "no answer";
        while (true)
        {
            UdpPortProbe.ThrowIfExited(process);
            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "health check timed out";
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TargetNotReadyException($"GET {url} not OK after {s_startTimeout.TotalSeconds:0} s ({last})");
            }

            await Task.Delay(s_pollInterval, cancellationToken);
        }
    }
}
