namespace Softswitch.Benchmarks.Load;

/// <summary>Finds the repository root (the folder holding <c>Softswitch.sln</c>).</summary>
internal static class RepositoryPaths
{
    /// <summary>The repository root: searched upward from the working directory, then from the benchmark's binaries.</summary>
    /// <exception cref="InvalidOperationException">Neither lies inside the repository.</exception>
    public static string FindRoot() =>
        FindUpward(Directory.GetCurrentDirectory())
        ?? FindUpward(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("cannot find Softswitch.sln above the working directory; run from the repository");

    private static string? FindUpward(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Softswitch.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
