using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Softswitch.Dialog.Native;

/// <summary>One native library a speech engine binds to.</summary>
/// <param name="LogicalName">The name used in <c>[DllImport]</c>, e.g. <c>llama</c>.</param>
/// <param name="FileNames">File names to try, in order (e.g. <c>libllama.so</c>); each is tried in every directory, then by the loader's own search.</param>
/// <param name="Directories">Directories to look in: absolute, or relative to <see cref="EngineLibraries.NativeRoot"/> (<c>.native</c>).</param>
/// <param name="InstallHint">What fetches it, for the error when it is missing, e.g. <c>./softswitch setup</c> or <c>apt-get install libpocketsphinx3</c>.</param>
/// <param name="Dependencies">Logical names loaded first (libraries this one links against that the loader would not find by itself).</param>
public sealed record EngineLibrary(string LogicalName, IReadOnlyList<string> FileNames, IReadOnlyList<string> Directories, string InstallHint, IReadOnlyList<string>? Dependencies = null);

/// <summary>
/// The one <see cref="NativeLibrary.SetDllImportResolver"/> of the Dialog assembly: every engine binding registers its libraries
/// here (<see cref="Register"/>) and loads them through <see cref="Load"/>, so a missing library fails with a
/// <see cref="DllNotFoundException"/> naming the file, where it was looked for, and how to install it.
/// </summary>
public static class EngineLibraries
{
    /// <summary>Environment variable that overrides <see cref="NativeRoot"/>.</summary>
    public const string NativeRootVariable = "SOFTSWITCH_NATIVE_DIR";

    private static readonly ConcurrentDictionary<string, EngineLibrary> s_libraries = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, IntPtr> s_loaded = new(StringComparer.Ordinal);
    private static readonly Lock s_lock = new();
    private static bool s_resolverRegistered;

    /// <summary>
    /// Where <c>./softswitch setup</c> puts npm packages and cmake builds: <c>$SOFTSWITCH_NATIVE_DIR</c>, else the nearest
    /// <c>.native</c> folder above the working directory or the application's folder, else <c>./.native</c>.
    /// </summary>
    public static string NativeRoot { get; } = FindNativeRoot();

    /// <summary>Makes <paramref name="library"/> known (idempotent) and registers the resolver.</summary>
    /// <param name="library">The library.</param>
    public static void Register(EngineLibrary library)
    {
        ArgumentNullException.ThrowIfNull(library);
        s_libraries.TryAdd(library.LogicalName, library);
        lock (s_lock)
        {
            if (!s_resolverRegistered)
            {
                NativeLibrary.SetDllImportResolver(typeof(EngineLibraries).Assembly, Resolve);
                s_resolverRegistered = true;
            }
        }
    }

    /// <summary>Whether the library loads on this machine.</summary>
    /// <param name="logicalName">A registered logical name.</param>
    /// <returns>True when it loads.</returns>
    public static bool IsAvailable(string logicalName) => TryLoad(logicalName, out _, out _);

    /// <summary>Loads a registered library (its dependencies first).</summary>
    /// <param name="logicalName">A registered logical name.</param>
    /// <returns>The native handle (never freed).</returns>
    /// <exception cref="DllNotFoundException">It is missing: the message names the file, the folders searched and the install hint.</exception>
    public static IntPtr Load(string logicalName)
    {
        if (!TryLoad(logicalName, out var handle, out var error))
        {
            throw new DllNotFoundException(error);
        }

        return handle;
    }

    /// <summary>The full path of the first candidate file that exists, or null (for tools that need the folder, such as ggml backends).</summary>
    /// <param name="logicalName">A registered logical name.</param>
    /// <returns>The path, or null.</returns>
    public static string? FindFile(string logicalName)
    {
        var library = Get(logicalName);
        foreach (var directory in library.Directories)
        {
            foreach (var file in library.FileNames)
            {
                var path = Path.Combine(Path.IsPathRooted(directory) ? directory : Path.Combine(NativeRoot, directory), file);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }

    private static EngineLibrary Get(string logicalName) =>
        s_libraries.TryGetValue(logicalName, out var library) ? library : throw new ArgumentOutOfRangeException(nameof(logicalName), logicalName, "Not a registered engine library.");

    private static bool TryLoad(string logicalName, out IntPtr handle, out string error)
    {
        error = string.Empty;
        if (s_loaded.TryGetValue(logicalName, out handle))
        {
            return true;
        }

        var library = Get(logicalName);
        foreach (var dependency in library.Dependencies ?? [])
        {
            if (!TryLoad(dependency, out _, out error))
            {
                return false;
            }
        }

        lock (s_lock)
        {
            if (s_loaded.TryGetValue(logicalName, out handle))
            {
                return true;
            }

            if (FindFile(logicalName) is { } path && NativeLibrary.TryLoad(path, out handle))
            {
                s_loaded[logicalName] = handle;
                return true;
            }

            foreach (var file in library.FileNames)
            {
                if (NativeLibrary.TryLoad(file, out handle))
                {
                    s_loaded[logicalName] = handle;
                    return true;
                }
            }
        }

        var searched = string.Join(", ", library.Directories.Select(d => Path.IsPathRooted(d) ? d : Path.Combine(NativeRoot, d)));
        error = $"Native library '{library.FileNames[0]}' ({logicalName}) was not found (looked in {searched} and the loader's path). Install it with '{library.InstallHint}'.";
        return false;
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!s_libraries.ContainsKey(libraryName))
        {
            return IntPtr.Zero; // not ours: default probing
        }

        return Load(libraryName);
    }

    private static string FindNativeRoot()
    {
        if (Environment.GetEnvironmentVariable(NativeRootVariable) is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, ".native");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return Path.GetFullPath(".native");
    }
}
