using System.Runtime.InteropServices;
using Softswitch.Dialog.Native;

namespace Softswitch.Dialog.Engines.Sherpa;

/// <summary>
/// P/Invoke declarations for the sherpa-onnx 1.13.8 C API (<c>sherpa-onnx/c-api/c-api.h</c>), from npm
/// <c>sherpa-onnx-linux-x64@1.13.8</c> (fetched by <c>./softswitch setup</c>), with its ONNX Runtime. Only the structs and
/// functions this project calls are declared; struct layouts follow that header field by field (sherpa-onnx only appends
/// fields, and every config is zero-initialised, so the trailing padding of <see cref="ConfigPadding"/> is harmless).
/// </summary>
internal static partial class SherpaOnnx
{
    /// <summary>Logical name of <c>libsherpa-onnx-c-api.so</c>.</summary>
    public const string Library = "sherpa-onnx-c-api";

    /// <summary>Logical name of the ONNX Runtime shipped beside it.</summary>
    public const string OnnxRuntime = "onnxruntime";

    /// <summary>The npm package (and folder under <c>.native/npm</c>) the libraries come from.</summary>
    public const string NpmPackage = "sherpa-onnx-linux-x64@1.13.8";

    /// <summary>What fetches the libraries, for the error when they are missing.</summary>
    public const string InstallHint = "./softswitch setup (npm " + NpmPackage + ")";

    /// <summary>Zero bytes appended to every config struct passed by pointer, against fields a newer build appends.</summary>
    public const int ConfigPadding = 256;

    static SherpaOnnx()
    {
        EngineLibraries.Register(Describe(OnnxRuntime, "libonnxruntime.so", "npm/" + NpmPackage));
        EngineLibraries.Register(Describe(Library, "libsherpa-onnx-c-api.so", "npm/" + NpmPackage, OnnxRuntime));
    }

    /// <summary>The registry entry for one of the package's libraries (also used by tests with a folder that does not exist).</summary>
    /// <param name="logicalName">The logical name.</param>
    /// <param name="fileName">The file.</param>
    /// <param name="directory">The folder, relative to <c>.native</c>.</param>
    /// <param name="dependency">A library loaded first, or null.</param>
    /// <returns>The entry.</returns>
    public static EngineLibrary Describe(string logicalName, string fileName, string directory, string? dependency = null) =>
        new(logicalName, [fileName], [directory], InstallHint, dependency is null ? null : [dependency]);

    /// <summary>Runs the static constructor, which registers both libraries.</summary>
    public static void EnsureRegistered()
    {
    }

    /// <summary>Loads ONNX Runtime and the C API (call before the first P/Invoke).</summary>
    /// <exception cref="DllNotFoundException">Missing: the message names the file, the folder and <see cref="InstallHint"/>.</exception>
    public static void EnsureLoaded() => EngineLibraries.Load(Library);

    /// <summary>Copies a struct into zeroed native memory with <see cref="ConfigPadding"/> spare bytes; free with <see cref="Marshal.FreeHGlobal"/>.</summary>
    /// <typeparam name="T">A blittable config struct.</typeparam>
    /// <param name="value">The config.</param>
    /// <returns>The native copy.</returns>
    public static IntPtr AllocConfig<T>(in T value)
        where T : unmanaged
    {
        var size = Marshal.SizeOf<T>() + ConfigPadding;
        var pointer = Marshal.AllocHGlobal(size);
        Marshal.Copy(new byte[size], 0, pointer, size); // not a hot path: once per engine
        Marshal.StructureToPtr(value, pointer, fDeleteOld: false);
        return pointer;
    }

    [DllImport(Library, EntryPoint = "SherpaOnnxGetVersionStr")]
    public static extern IntPtr GetVersionStr();
}
