using System.Globalization;

namespace Softswitch.Benchmarks.Load;

/// <summary>CPU time of processes and of the machine, read from <c>/proc</c> (Linux).</summary>
internal static class ProcessCpu
{
    /// <summary>Clock ticks per second of the times in <c>/proc</c> (USER_HZ, 100 on Linux).</summary>
    public const double TicksPerSecond = 100;

    /// <summary>User plus system CPU ticks of one process; <c>null</c> when it is gone.</summary>
    /// <param name="pid">The process id.</param>
    public static long? ReadTicks(int pid) => TryReadStat(pid, out _, out var ticks) ? ticks : null;

    /// <summary>User plus system CPU ticks of a process and all its descendants that are still running.</summary>
    /// <param name="pid">The root process id.</param>
    public static long ReadTreeTicks(int pid)
    {
        var parents = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && TryReadStat(id, out var parent, out var ticks))
            {
                parents[id] = (parent, ticks);
            }
        }

        long total = 0;
        foreach (var (id, entry) in parents)
        {
            // Walk up to the root or to pid; short chains, so no memoisation.
            for (var current = id; current > 1; current = parents.TryGetValue(current, out var up) ? up.Parent : 0)
            {
                if (current == pid)
                {
                    total += entry.Ticks;
                    break;
                }
            }
        }

        return total;
    }

    /// <summary>Busy and total ticks of all cores together, from the first line of <c>/proc/stat</c>.</summary>
    public static (long Busy, long Total) ReadHostTicks()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var fields = (reader.ReadLine() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

            // cpu user nice system idle iowait irq softirq steal ...
            long total = 0;
            long idle = 0;
            for (var i = 1; i < fields.Length && i <= 8; i++)
            {
                var value = long.Parse(fields[i], CultureInfo.InvariantCulture);
                total += value;
                if (i is 4 or 5)
                {
                    idle += value;
                }
            }

            return (total - idle, total);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }

    private static bool TryReadStat(int pid, out int parent, out long ticks)
    {
        parent = 0;
        ticks = 0;
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        // pid (comm) state ppid ... utime(14) stime(15): the command may hold spaces, so count from the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        if (fields.Length < 13)
        {
            return false;
        }

        parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
        ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return true;
    }
}
