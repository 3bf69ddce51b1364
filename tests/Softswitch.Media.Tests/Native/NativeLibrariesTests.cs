using Shouldly;
using Softswitch.Media.Native;
using Xunit;

namespace Softswitch.Media.Tests.Native;

public sealed class NativeLibrariesTests
{
    [Theory]
    [InlineData(NativeLibraries.SpeexDsp, "libspeexdsp.so.1", "libspeexdsp1")]
    [InlineData(NativeLibraries.EspeakNg, "libespeak-ng.so.1", "espeak-ng")]
    public void Describe_LogicalName_MapsToSonameAndPackage(string logicalName, string fileName, string package)
    {
        NativeLibraries.FileNameOf(logicalName).ShouldBe(fileName);
        NativeLibraries.PackageOf(logicalName).ShouldBe(package);
        NativeLibraries.IsAvailable(logicalName).ShouldBeTrue();
        NativeLibraries.Load(logicalName).ShouldNotBe(IntPtr.Zero);
    }

    [Fact]
    public void NotFound_NamesFileAndHowToInstall()
    {
        var exception = NativeLibraries.NotFound(NativeLibraries.SpeexDsp);
        exception.Message.ShouldContain("libspeexdsp.so.1");
        exception.Message.ShouldContain("./softswitch setup");
        exception.Message.ShouldContain("apt-get install libspeexdsp1");
    }

    [Fact]
    public void Describe_UnknownName_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => NativeLibraries.FileNameOf("no-such-codec"));
    }
}
