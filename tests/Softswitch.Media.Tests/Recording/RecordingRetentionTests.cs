using System.Buffers.Binary;
using Shouldly;
using Softswitch.Gateway.Tests.Infrastructure;
using Softswitch.Media.Recording;
using Xunit;

namespace Softswitch.Media.Tests.Recording;

public sealed class RecordingRetentionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("softswitch-retention-").FullName;
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Sweep_DeletesOnlyOldRecordingsAndEmptyFolders()
    {
        string oldA = CreateFile("20241101/000001-a.wav", age: TimeSpan.FromDays(61), bytes: 1000);
        string oldB = CreateFile("20241101/000002-b.WAV", age: TimeSpan.FromDays(60), bytes: 2000);
        string oldC = CreateFile("20241201/000003-c.wav", age: TimeSpan.FromDays(31), bytes: 300);
        string young = CreateFile("20241201/000004-d.wav", age: TimeSpan.FromDays(29), bytes: 400);
        string notes = CreateFile("notes.txt", age: TimeSpan.FromDays(90), bytes: 10);
        string flat = CreateFile("old-flat.wav", age: TimeSpan.FromDays(90), bytes: 50);
        Directory.CreateDirectory(Path.Combine(_directory, "20241102", "nested")); // empty already

        var result = Retention(TimeSpan.FromDays(30)).Sweep();

        result.FilesDeleted.ShouldBe(4);
        result.BytesDeleted.ShouldBe(1000 + 2000 + 300 + 50);
        result.FoldersDeleted.ShouldBe(3); // 20241101, 20241102/nested, 20241102
        result.Failures.ShouldBe(0);
        File.Exists(oldA).ShouldBeFalse();
        File.Exists(oldB).ShouldBeFalse();
        File.Exists(oldC).ShouldBeFalse();
        File.Exists(flat).ShouldBeFalse();
        File.Exists(young).ShouldBeTrue();
        File.Exists(notes).ShouldBeTrue();
        Directory.Exists(Path.Combine(_directory, "20241101")).ShouldBeFalse();
        Directory.Exists(Path.Combine(_directory, "20241102")).ShouldBeFalse();
        Directory.Exists(Path.Combine(_directory, "20241201")).ShouldBeTrue();
        Directory.Exists(_directory).ShouldBeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0.0)]
    public void Sweep_KeepForever_DeletesNothing(double? days)
    {
        string old = CreateFile("20200101/000000-a.wav", age: TimeSpan.FromDays(3650), bytes: 10);
        Directory.CreateDirectory(Path.Combine(_directory, "20200102"));
        var retention = Retention(days is { } d ? TimeSpan.FromDays(d) : null);

        retention.KeepsForever.ShouldBeTrue();
        retention.Sweep().ShouldBe(default);
        File.Exists(old).ShouldBeTrue();
        Directory.Exists(Path.Combine(_directory, "20200102")).ShouldBeTrue();
    }

    [Fact]
    public void Sweep_MissingDirectory_DoesNothing()
    {
        var retention = new RecordingRetention(new RecordingRetentionOptions { Directory = Path.Combine(_directory, "none"), MaxAge = TimeSpan.FromDays(1) }, _time);
        retention.Sweep().ShouldBe(default);
    }

    [Fact]
    public async Task RunAsync_SweepsAtStartThenEveryInterval()
    {
        string first = CreateFile("20241101/a.wav", age: TimeSpan.FromDays(8), bytes: 10);
        using var cts = new CancellationTokenSource();
        var retention = Retention(TimeSpan.FromDays(7));
        Task run = retention.RunAsync(cts.Token);

        await Wait.UntilAsync(() => !File.Exists(first));
        string second = CreateFile("20241225/b.wav", age: TimeSpan.FromDays(6) + TimeSpan.FromMinutes(30), bytes: 10); // 7 days old in 23.5 h

        _time.Advance(TimeSpan.FromHours(23));
        await Task.Delay(50);
        File.Exists(second).ShouldBeTrue();

        _time.Advance(TimeSpan.FromHours(1)); // the hourly sweep at +24 h finds it 7 days and 30 minutes old
        await Wait.UntilAsync(() => !File.Exists(second));
        await Wait.UntilAsync(() => !Directory.Exists(Path.Combine(_directory, "20241225")));

        cts.Cancel();
        await run; // ends without throwing
    }

    [Fact]
    public async Task RunAsync_RepairsStaleHeadersAtStart_AndReturnsWhenKeepingForever()
    {
        string path = Path.Combine(_directory, "20241231", "235959-crashed.wav");
        await using (var recording = new CallRecording(path))
        {
            for (int t = 0; t < 60; t++)
            {
                recording.WriteTick(default, default);
            }
        }

        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.Position = 40;
            stream.Write(new byte[4]); // as if killed before the first header rewrite
        }

        DateTime lastWrite = _time.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(5);
        File.SetLastWriteTimeUtc(path, lastWrite);
        // A recording that started 10 s ago and has not rewritten its header yet: too recent to touch.
        string live = Path.Combine(_directory, "20250101", "000000-live.wav");
        Directory.CreateDirectory(Path.GetDirectoryName(live)!);
        WavFile.Write(live, 16000, 2, new short[640]);
        byte[] liveBytes = File.ReadAllBytes(live);
        BinaryPrimitives.WriteUInt32LittleEndian(liveBytes.AsSpan(40), 0);
        File.WriteAllBytes(live, liveBytes);
        File.SetLastWriteTimeUtc(live, _time.GetUtcNow().UtcDateTime - TimeSpan.FromSeconds(10));

        await Retention(null).RunAsync(CancellationToken.None);

        BinaryPrimitives.ReadUInt32LittleEndian(File.ReadAllBytes(path).AsSpan(40)).ShouldBe((uint)(60 * CallRecording.TickBytes));
        File.GetLastWriteTimeUtc(path).ShouldBe(lastWrite);
        File.ReadAllBytes(live).ShouldBe(liveBytes);
    }

    [Fact]
    public void RepairHeaders_NotAWav_CountsAFailure()
    {
        CreateFile("20241201/broken.wav", age: TimeSpan.FromDays(1), bytes: 20);
        var result = Retention(null).RepairHeaders();
        result.HeadersRepaired.ShouldBe(0);
        result.Failures.ShouldBe(1);
    }

    private RecordingRetention Retention(TimeSpan? maxAge) =>
        new(new RecordingRetentionOptions { Directory = _directory, MaxAge = maxAge }, _time);

    private string CreateFile(string relative, TimeSpan age, int bytes)
    {
        string path = Path.Combine(_directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[bytes]);
        File.SetLastWriteTimeUtc(path, (_time.GetUtcNow() - age).UtcDateTime);
        return path;
    }
}
