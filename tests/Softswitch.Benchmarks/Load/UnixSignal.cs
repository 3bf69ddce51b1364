using System.Runtime.InteropServices;

namespace Softswitch.Benchmarks.Load;

/// <summary>Sends SIGTERM, which .NET's <c>Process</c> cannot: kamailio and the gateway stop their workers and shut down cleanly on it.</summary>
internal static class UnixSignal
{
    private const int SigTerm = 15;

    /// <summary>Asks a process to terminate.</summary>
    /// <param name="pid">The process id.</param>
    /// <returns>Whether the signal was sent.</returns>
    public static bool Terminate(int pid) => OperatingSystem.IsLinux() && Kill(pid, SigTerm) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
