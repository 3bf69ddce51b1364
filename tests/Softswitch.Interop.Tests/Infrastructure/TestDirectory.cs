namespace Softswitch.Interop.Tests.Infrastructure;

/// <summary>
/// A test's own temporary folder for peer configs and logs, under <c>$TMPDIR/softswitch-interop</c>. It is deleted on dispose only
/// when the test called <see cref="MarkSucceeded"/>, so a failed test leaves its logs behind (the path is in the failure message).
/// </summary>
internal sealed class TestDirectory : IDisposable
{
    private bool _succeeded;

    private TestDirectory(string path)
    {
        Path = path;
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>Creates a fresh folder named after the test.</summary>
    /// <param name="testName">A short name for the folder.</param>
    public static TestDirectory Create(string testName)
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "softswitch-interop");
        Directory.CreateDirectory(root);
        // Short paths: baresip 1.0.0 truncates recording paths longer than about 128 characters.
        var name = testName.Length > 24 ? testName[..24] : testName;
        var path = System.IO.Path.Combine(root, $"{name}-{DateTime.UtcNow:HHmmss}-{Guid.NewGuid().ToString("N")[..6]}");
        Directory.CreateDirectory(path);
        return new TestDirectory(path);
    }

    /// <summary>Lets <see cref="Dispose"/> delete the folder.</summary>
    public void MarkSucceeded() => _succeeded = true;

    /// <summary>Deletes the folder if the test succeeded and <c>SOFTSWITCH_KEEP_INTEROP_LOGS</c> is not set.</summary>
    public void Dispose()
    {
        if (!_succeeded || Environment.GetEnvironmentVariable("SOFTSWITCH_KEEP_INTEROP_LOGS") is { Length: > 0 })
        {
            return;
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A peer still holds a file; the folder is in the temporary directory anyway.
        }
    }
}
