using Shouldly;
using Softswitch.Dialog.Native;
using Xunit;

namespace Softswitch.Dialog.Tests.Engines;

/// <summary>The Dialog assembly's native library registry: what it loads and what it says when a library is missing.</summary>
public sealed class EngineLibrariesTests
{
    [Fact]
    public void Missing_ErrorNamesFileFoldersAndInstallHint()
    {
        EngineLibraries.Register(new EngineLibrary("absent-test-lib", ["libabsent-test.so.9"], ["nowhere/lib"], "./softswitch setup"));
        EngineLibraries.IsAvailable("absent-test-lib").ShouldBeFalse();
        var error = Should.Throw<DllNotFoundException>(() => EngineLibraries.Load("absent-test-lib"));
        error.Message.ShouldContain("libabsent-test.so.9");
        error.Message.ShouldContain(Path.Combine(EngineLibraries.NativeRoot, "nowhere/lib"));
        error.Message.ShouldContain("./softswitch setup");
    }

    [Fact]
    public void SystemLibrary_LoadsThroughTheLoadersPath_AndMissingDependencyFailsFirst()
    {
        EngineLibraries.Register(new EngineLibrary("libc-test", ["libc.so.6"], [], "apt-get install libc6"));
        EngineLibraries.Load("libc-test").ShouldNotBe(IntPtr.Zero);

        EngineLibraries.Register(new EngineLibrary("needs-absent", ["libc.so.6"], [], "x", Dependencies: ["absent-dependency"]));
        EngineLibraries.Register(new EngineLibrary("absent-dependency", ["libabsent-dependency.so"], [], "apt-get install absent"));
        Should.Throw<DllNotFoundException>(() => EngineLibraries.Load("needs-absent")).Message.ShouldContain("libabsent-dependency.so");
    }

    [Fact]
    public void Unregistered_Refused() => Should.Throw<ArgumentOutOfRangeException>(() => EngineLibraries.Load("never-registered"));
}
