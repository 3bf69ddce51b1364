using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Softswitch.Media.Native;

/// <summary>
/// Resolves the native libraries this assembly binds to. One <see cref="NativeLibrary.SetDllImportResolver"/> registration
/// maps the logical names used in <c>[DllImport]</c> to the pinned Debian sonames; when a library is missing, the P/Invoke fails
/// with a <see cref="DllNotFoundException"/> that names the file and the Debian package to install.
/// </summary>
public static class NativeLibraries
{
    /// <summary>Logical name of speexdsp 1.2 (resampler), from Debian <c>libspeexdsp1</c>.</summary>
    public const string SpeexDsp = "speexdsp";

    /// <summary>Logical name of espeak-ng 1.51, from Debian <c>espeak-ng</c> (<c>libespeak-ng1</c>).</summary>
    public const string EspeakNg = "espeak-ng";

    /// <summary>libopus (Debian <c>libopus0</c>): the Opus codec.</summary>
    public const string Opus = "opus";

    /// <summary>spandsp (Debian <c>libspandsp2</c>): G.722, G.711 packet loss concealment, in-band DTMF detection.</summary>
    public const string SpanDsp = "spandsp";

    /// <summary>bcg729 (Debian <c>libbcg729-0</c>): the G.729 codec.</summary>
    public const string Bcg729 = "bcg729";

    /// <summary>libsrtp2 (Debian <c>libsrtp2-1</c>): SRTP protection (RFC 3711).</summary>
    public const string Srtp = "srtp2";

    private static readonly Lock s_lock = new();
    private static readonly Dictionary<string, IntPtr> s_loaded = new(StringComparer.Ordinal);
    private static bool s_registered;

    /// <summary>The soname loaded for <paramref name="logicalName"/>, such as <c>libspeexdsp.so.1</c>.</summary>
    /// <param name="logicalName"><see cref="SpeexDsp"/> or <see cref="EspeakNg"/>.</param>
    /// <returns>The file name passed to the dynamic loader.</returns>
    public static string FileNameOf(string logicalName) => Describe(logicalName).FileName;

    /// <summary>The Debian package that ships <paramref name="logicalName"/>.</summary>
    /// <param name="logicalName"><see cref="SpeexDsp"/> or <see cref="EspeakNg"/>.</param>
    /// <returns>The package name, such as <c>libspeexdsp1</c>.</returns>
    public static string PackageOf(string logicalName) => Describe(logicalName).Package;

    /// <summary>Whether the library can be loaded on this machine (for <c>softswitch setup</c> and health checks).</summary>
    /// <param name="logicalName"><see cref="SpeexDsp"/> or <see cref="EspeakNg"/>.</param>
    /// <returns>True when it loads.</returns>
    public static bool IsAvailable(string logicalName) => TryLoad(logicalName, out _);

    /// <summary>Loads the library now, throwing the descriptive <see cref="DllNotFoundException"/> when it is missing.</summary>
    /// <param name="logicalName"><see cref="SpeexDsp"/> or <see cref="EspeakNg"/>.</param>
    /// <returns>The native handle (owned by this class; never freed).</returns>
    public static IntPtr Load(string logicalName)
    {
        EnsureResolverRegistered();
        if (!TryLoad(logicalName, out IntPtr handle))
        {
            ThrowNotFound(logicalName);
        }

        return handle;
    }

    /// <summary>Registers the resolver for this assembly once; called by every binding before its first P/Invoke.</summary>
    internal static void EnsureResolverRegistered()
    {
        lock (s_lock)
        {
            if (s_registered)
            {
                return;
            }

            NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
            s_registered = true;
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName is not (SpeexDsp or EspeakNg or Opus or SpanDsp or Bcg729 or Srtp))
        {
            return IntPtr.Zero; // not ours: default probing
        }

        if (!TryLoad(libraryName, out IntPtr handle))
        {
            ThrowNotFound(libraryName);
        }

        return handle;
    }

    private static bool TryLoad(string logicalName, out IntPtr handle)
    {
        var (fileName, _) = Describe(logicalName);
        lock (s_lock)
        {
            if (s_loaded.TryGetValue(logicalName, out handle))
            {
                return true;
            }

            if (NativeLibrary.TryLoad(fileName, out handle)
                || NativeLibrary.TryLoad(Path.Combine("/usr/lib", RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "aarch64-linux-gnu" : "x86_64-linux-gnu", fileName), out handle))
            {
                s_loaded[logicalName] = handle;
                return true;
            }

            return false;
        }
    }

    private static (string FileName, string Package) Describe(string logicalName) => logicalName switch
    {
        SpeexDsp => ("libspeexdsp.so.1", "libspeexdsp1"),
        EspeakNg => ("libespeak-ng.so.1", "espeak-ng"),
        Opus => ("libopus.so.0", "libopus0"),
        SpanDsp => ("libspandsp.so.2", "libspandsp2"),
        Bcg729 => ("libbcg729.so.0", "libbcg729-0"),
        Srtp => ("libsrtp2.so.1", "libsrtp2-1"),
        _ => throw new ArgumentOutOfRangeException(nameof(logicalName), logicalName, "Unknown native library."),
    };

    /// <summary>The exception thrown when <paramref name="logicalName"/> cannot be loaded.</summary>
    internal static DllNotFoundException NotFound(string logicalName)
    {
        var (fileName, package) = Describe(logicalName);
        return new DllNotFoundException(
            $"Native library '{fileName}' ({logicalName}) was not found. Install it with './softswitch setup' or 'apt-get install {package}'.");
    }

    [DoesNotReturn]
    private static void ThrowNotFound(string logicalName) => throw NotFound(logicalName);
}
