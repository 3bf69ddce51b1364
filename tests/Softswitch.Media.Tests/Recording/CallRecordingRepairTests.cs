using System.Buffers.Binary;
using Shouldly;
using Softswitch.Media.Recording;
using Xunit;

namespace Softswitch.Media.Tests.Recording;

public sealed class CallRecordingRepairTests : IDisposable
{
    private const int Ticks = 75;
    private const int DataBytes = Ticks * CallRecording.TickBytes;

    private readonly string _directory = Directory.CreateTempSubdirectory("softswitch-repair-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task RepairHeader_ZeroSizes_CoversTheWholeFileAndKeepsLastWriteTime()
    {
        string path = await RecordAsync("zero.wav");
        short[] expected = WavFile.Read(path).Samples;
        SetSizes(path, riff: 0, data: 0);
        var lastWrite = new DateTime(2024, 6, 1, 12, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, lastWrite);

        CallRecording.RepairHeader(path).ShouldBeTrue();

        AssertSizes(path, DataBytes);
        File.GetLastWriteTimeUtc(path).ShouldBe(lastWrite);
        var (rate, channels, samples) = WavFile.Read(path);
        (rate, channels).ShouldBe((16000, 2));
        samples.ShouldBe(expected);
        CallRecording.RepairHeader(path).ShouldBeFalse(); // already right: not rewritten
    }

    [Fact]
    public async Task RepairHeader_StaleSizesFromAnEarlierChunk_ExtendsData()
    {
        string path = await RecordAsync("stale.wav");
        SetSizes(path, riff: 36 + (50 * CallRecording.TickBytes), data: 50 * CallRecording.TickBytes);
        WavFile.Read(path).Samples.Length.ShouldBe(50 * CallRecording.TickSamples * 2);

        CallRecording.RepairHeader(path).ShouldBeTrue();

        AssertSizes(path, DataBytes);
        WavFile.Read(path).Samples.Length.ShouldBe(Ticks * CallRecording.TickSamples * 2);
    }

    [Fact]
    public async Task RepairHeader_PartialSampleFrameAtTheEnd_RoundsDown()
    {
        string path = await RecordAsync("torn.wav");
        using (var stream = new FileStream(path, FileMode.Append))
        {
            stream.Write([1, 2, 3]);
        }

        SetSizes(path, riff: 0, data: 0);
        CallRecording.RepairHeader(path).ShouldBeTrue();
        AssertSizes(path, DataBytes);
    }

    [Fact]
    public async Task RepairHeader_DataFollowedByAnotherChunk_LeftAlone()
    {
        string path = await RecordAsync("tagged.wav");
        using (var stream = new FileStream(path, FileMode.Append))
        {
            stream.Write([.. "LIST"u8, 4, 0, 0, 0, .. "INFO"u8]);
        }

        CallRecording.RepairHeader(path).ShouldBeFalse();
        BinaryPrimitives.ReadUInt32LittleEndian(File.ReadAllBytes(path).AsSpan(40)).ShouldBe((uint)DataBytes);
    }

    [Fact]
    public void RepairHeader_NotAWav_Throws()
    {
        string path = Path.Combine(_directory, "text.wav");
        File.WriteAllText(path, "not a recording at all, just some text");
        Should.Throw<InvalidDataException>(() => CallRecording.RepairHeader(path));
    }

    private static void SetSizes(string path, int riff, int data)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(size, riff);
        stream.Position = 4;
        stream.Write(size);
        BinaryPrimitives.WriteInt32LittleEndian(size, data);
        stream.Position = 40;
        stream.Write(size);
    }

    private static void AssertSizes(string path, int dataBytes)
    {
        byte[] file = File.ReadAllBytes(path);
        BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4)).ShouldBe((uint)(36 + dataBytes));
        BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(40)).ShouldBe((uint)dataBytes);
    }

    private async Task<string> RecordAsync(string name)
    {
        string path = Path.Combine(_directory, name);
        short[] tone = Signals.Sine(440, 16000, CallRecording.TickSamples);
        await using var recording = new CallRecording(path);
        for (int t = 0; t < Ticks; t++)
        {
            recording.WriteTick(tone, t % 2 == 0 ? tone : default);
        }

        await recording.CompleteAsync();
        return path;
    }
}
