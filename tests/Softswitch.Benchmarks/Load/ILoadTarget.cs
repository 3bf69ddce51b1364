namespace Softswitch.Benchmarks.Load;

/// <summary>A SIP user agent server that answers the benchmark's calls, run as a child process on 127.0.0.1.</summary>
internal interface ILoadTarget : IDisposable
{
    /// <summary>Name in options and tables: <c>gateway</c>, <c>sipp-uas</c>, <c>kamailio</c>.</summary>
    string Name { get; }

    /// <summary>Whether the target is a reference the gateway is compared with.</summary>
    bool IsReference { get; }

    /// <summary>UDP port it takes SIP on; valid once started.</summary>
    int SipPort { get; }

    /// <summary>Id of its main process (its CPU time includes its descendants); valid once started.</summary>
    int ProcessId { get; }

    /// <summary>Whether its main process is still running; <c>false</c> before it starts.</summary>
    bool IsRunning { get; }

    /// <summary>Starts the target and waits, bounded, until it listens.</summary>
    /// <param name="workDirectory">An empty folder for its files and log.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="TargetNotReadyException">It did not start or does not listen.</exception>
    Task StartAsync(string workDirectory, CancellationToken cancellationToken);
}
