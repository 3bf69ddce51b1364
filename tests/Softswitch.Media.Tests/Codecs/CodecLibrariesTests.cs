using Shouldly;
using Softswitch.Media.Native;
using Xunit;

namespace Softswitch.Media.Tests.Codecs;

public sealed class CodecLibrariesTests
{
    [Theory]
    [InlineData(NativeLibraries.Opus, "libopus.so.0", "libopus0")]
    [InlineData(NativeLibraries.SpanDsp, "libspandsp.so.2", "libspandsp2")]
    [InlineData(NativeLibraries.Bcg729, "libbcg729.so.0", "libbcg729-0")]
    public void CodecLibrary_IsInstalledAndNamedWithItsPackage(string logicalName, string fileName, string package)
    {
        NativeLibraries.FileNameOf(logicalName).ShouldBe(fileName);
        NativeLibraries.PackageOf(logicalName).ShouldBe(package);
        NativeLibraries.IsAvailable(logicalName).ShouldBeTrue();
    }

    [Theory]
    [InlineData(NativeLibraries.Opus, "libopus.so.0", "libopus0")]
    [InlineData(NativeLibraries.SpanDsp, "libspandsp.so.2", "libspandsp2")]
    [InlineData(NativeLibraries.Bcg729, "libbcg729.so.0", "libbcg729-0")]
    public void NotFound_CodecLibrary_NamesFileAndPackage(string logicalName, string fileName, string package)
    {
        var exception = NativeLibraries.NotFound(logicalName);
        exception.Message.ShouldContain(fileName);
        exception.Message.ShouldContain("apt-get install " + package);
    }
}
