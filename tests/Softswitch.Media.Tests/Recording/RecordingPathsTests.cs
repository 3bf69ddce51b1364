using Shouldly;
using Softswitch.Media.Recording;
using Xunit;

namespace Softswitch.Media.Tests.Recording;

public sealed class RecordingPathsTests : IDisposable
{
    private static readonly DateTimeOffset s_start = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("softswitch-paths-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void For_CallId_DateFolderAndTimePrefixedNameCreated()
    {
        string path = RecordingPaths.For(_directory, s_start, "a84b4c76e66710@pc33.atlanta.com");

        path.ShouldBe(Path.Combine(_directory, "20250304", "050607-a84b4c76e66710_pc33.atlanta.com.wav"));
        Directory.Exists(Path.Combine(_directory, "20250304")).ShouldBeTrue();
        File.Exists(path).ShouldBeFalse();
    }

    [Fact]
    public void For_StartWithOffset_UsesItsOwnOffset()
    {
        var local = new DateTimeOffset(2025, 12, 31, 23, 30, 0, TimeSpan.FromHours(-5));
        Path.GetFileName(Path.GetDirectoryName(RecordingPaths.For(_directory, local, "x"))).ShouldBe("20251231");
    }

    [Theory]
    [InlineData("../../etc/passwd", ".._.._etc_passwd")]
    [InlineData("..\\..\\windows\\win.ini", ".._.._windows_win.ini")]
    [InlineData("/abs/path", "_abs_path")]
    [InlineData("a:b*c?d\"e<f>g|h\0i", "a_b_c_d_e_f_g_h_i")]
    [InlineData("通话😀id", "___id")]
    [InlineData("", "call")]
    [InlineData("Ok.call-id_1", "Ok.call-id_1")]
    public void For_HostileCallId_StaysInTheDateFolder(string callId, string expected)
    {
        string path = RecordingPaths.For(_directory, s_start, callId);

        Path.GetFileName(path).ShouldBe("050607-" + expected + ".wav");
        Path.GetDirectoryName(path).ShouldBe(Path.Combine(_directory, "20250304"));
        Path.GetFullPath(path).ShouldStartWith(_directory + Path.DirectorySeparatorChar);
    }

    [Fact]
    public void SanitizeCallId_VeryLong_CappedWithHashThatKeepsIdsDistinct()
    {
        string a = new string('a', 500) + "1";
        string b = new string('a', 500) + "2";

        string sa = RecordingPaths.SanitizeCallId(a);
        string sb = RecordingPaths.SanitizeCallId(b);

        sa.Length.ShouldBe(RecordingPaths.MaxCallIdLength);
        sb.Length.ShouldBe(RecordingPaths.MaxCallIdLength);
        sa.ShouldNotBe(sb);
        sa.ShouldMatch("^a{55}-[0-9a-f]{8}$");
        RecordingPaths.SanitizeCallId(a).ShouldBe(sa); // stable
        RecordingPaths.SanitizeCallId(new string('b', 64)).ShouldBe(new string('b', 64)); // exactly the cap: kept whole
    }

    [Fact]
    public void For_VeryLongUnicodeCallId_FileNameIsShortAndSafe()
    {
        string path = RecordingPaths.For(_directory, s_start, string.Concat(Enumerable.Repeat("呼叫/../", 200)));
        string name = Path.GetFileName(path);
        name.Length.ShouldBe("050607-".Length + RecordingPaths.MaxCallIdLength + ".wav".Length);
        name.ShouldMatch("^[A-Za-z0-9._-]+$");
        File.WriteAllBytes(path, []); // the file system accepts it
    }

    [Fact]
    public void For_FileExists_AppendsACounter()
    {
        string first = RecordingPaths.For(_directory, s_start, "dup");
        File.WriteAllBytes(first, []);
        string second = RecordingPaths.For(_directory, s_start, "dup");
        File.WriteAllBytes(second, []);
        string third = RecordingPaths.For(_directory, s_start, "dup");

        Path.GetFileName(second).ShouldBe("050607-dup-2.wav");
        Path.GetFileName(third).ShouldBe("050607-dup-3.wav");
    }
}
