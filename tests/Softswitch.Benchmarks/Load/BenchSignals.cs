using System.Runtime.InteropServices;

namespace Softswitch.Benchmarks.Load;

/// <summary>
/// Ctrl-C, SIGTERM and SIGHUP during a load benchmark: the first cancels the run and stops every child process, so the run
/// unwinds and reports; a second ends the process at once. Child processes are also stopped when the process exits.
/// </summary>
internal sealed class BenchSignals : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;
    private readonly EventHandler _onExit = (_, _) => ChildProcess.StopAll();

    /// <summary>Installs the handlers.</summary>
    /// <param name="cancellation">Cancelled on the first signal.</param>
    public BenchSignals(CancellationTokenSource cancellation)
    {
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
            ChildProcess.StopAll();
        }

        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal),
        ];
        AppDomain.CurrentDomain.ProcessExit += _onExit;
    }

    /// <summary>Stops every child process and removes the handlers.</summary>
    public void Dispose()
    {
        ChildProcess.StopAll();
        AppDomain.CurrentDomain.ProcessExit -= _onExit;
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
