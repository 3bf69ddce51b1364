using System.Runtime.InteropServices;

namespace Softswitch.Admin.Tests.Infrastructure;

/// <summary>Sends signals .NET's <c>Process</c> cannot (SIGINT asks PostgreSQL for a fast shutdown).</summary>
internal static class UnixSignal
{
    public const int SigInt = 2;
    public const int SigKill = 9;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when it could not be sent (no such process).</summary>
    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>Whether a process with this id exists (signal 0).</summary>
    public static bool Exists(int pid) => Kill(pid, 0) == 0;

    /// <summary>The effective user id of this process (0 for root).</summary>
    public static uint EffectiveUserId() => GetEffectiveUserId();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();
}
