namespace Softswitch.Media.Tests;

/// <summary>Hands each test its own even port range, so parallel tests (and other suites on the machine) rarely collide.</summary>
internal static class TestPorts
{
    private static int s_next = 21000 + (Environment.ProcessId % 400 * 26); // below the Linux ephemeral range (32768+), above the default RTP range

    public static int NextRange(int size) => Interlocked.Add(ref s_next, (size + 1) & ~1) - ((size + 1) & ~1);
}
