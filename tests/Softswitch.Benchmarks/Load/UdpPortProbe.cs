namespace Softswitch.Benchmarks.Load;

/// <summary>Waits until a child process has bound a UDP port, by reading <c>/proc/net/udp</c>; sends nothing.</summary>
internal static class UdpPortProbe
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Waits, bounded, until something listens on UDP <paramref name="port"/> of 127.0.0.1 or 0.0.0.0.</summary>
    /// <param name="process">The process expected to bind it; its exit ends the wait.</param>
    /// <param name="port">The port.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TargetNotReadyException">The process exited or the port stayed unbound.</exception>
    public static async Task WaitUntilBoundAsync(ChildProcess process, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!IsBound(port))
        {
            ThrowIfExited(process);
            if (DateTime.UtcNow > deadline)
            {
                throw new TargetNotReadyException($"UDP port {port} not bound after {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(s_pollInterval, cancellationToken);
        }
    }

    /// <summary>Throws when <paramref name="process"/> has exited.</summary>
    /// <param name="process">The process.</param>
    /// <exception cref="TargetNotReadyException">It has exited.</exception>
    public static void ThrowIfExited(ChildProcess process)
    {
        if (process.HasExited)
        {
            var tail = process.Tail();
            throw new TargetNotReadyException($"exited with code {process.ExitCode}" + (tail.Length > 0 ? $": {tail}" : ""));
        }
    }

    private static bool IsBound(int port)
    {
        // Lines: "  sl  local_address rem_address   st ...", addresses as hex "0100007F:13C4".
        var loopback = $"0100007F:{port:X4}";
        var any = $"00000000:{port:X4}";
        foreach (var line in File.ReadLines("/proc/net/udp").Skip(1))
        {
            var fields = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2 && (string.Equals(fields[1], loopback, StringComparison.Ordinal) || string.Equals(fields[1], any, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
