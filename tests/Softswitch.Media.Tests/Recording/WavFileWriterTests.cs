using System.Buffers.Binary;
using Shouldly;
using Softswitch.Media.Recording;
using Xunit;

namespace Softswitch.Media.Tests.Recording;

public sealed class WavFileWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("softswitch-wav-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void WriteAndDispose_Mono_RoundTrips()
    {
        string path = Path.Combine(_directory, "mono.wav");
        short[] tone = Signals.Sine(1000, 16000, 16000);
        using (var writer = new WavFileWriter(path))
        {
            for (int offset = 0; offset < tone.Length; offset += 320)
            {
                writer.Write(tone.AsSpan(offset, 320));
            }

            writer.FramesWritten.ShouldBe(16000);
            writer.Duration.ShouldBe(TimeSpan.FromSeconds(1));
        }

        var (rate, channels, samples) = WavFile.Read(path);
        rate.ShouldBe(16000);
        channels.ShouldBe(1);
        samples.ShouldBe(tone);
        new FileInfo(path).Length.ShouldBe(44 + 32000);
    }

    [Fact]
    public void Header_IsCanonicalPcm16()
    {
        string path = Path.Combine(_directory, "header.wav");
        using (var writer = new WavFileWriter(path, 8000, 2))
        {
            writer.Write([1, 2, 3, 4]);
        }

        byte[] file = File.ReadAllBytes(path);
        file.Length.ShouldBe(52);
        System.Text.Encoding.ASCII.GetString(file, 0, 4).ShouldBe("RIFF");
        BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4)).ShouldBe(44u);
        System.Text.Encoding.ASCII.GetString(file, 8, 8).ShouldBe("WAVEfmt ");
        BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(20)).ShouldBe((ushort)1);
        BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(22)).ShouldBe((ushort)2);
        BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(24)).ShouldBe(8000u);
        BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(28)).ShouldBe(32000u);
        BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(32)).ShouldBe((ushort)4);
        BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(34)).ShouldBe((ushort)16);
        System.Text.Encoding.ASCII.GetString(file, 36, 4).ShouldBe("data");
        BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(40)).ShouldBe(8u);
    }

    [Fact]
    public void WriteStereo_InterleavesChannels()
    {
        string path = Path.Combine(_directory, "stereo.wav");
        short[] left = Signals.Sine(500, 16000, 1000);
        short[] right = Signals.Sine(1500, 16000, 1000);
        using (var writer = new WavFileWriter(path, 16000, 2))
        {
            writer.WriteStereo(left, right);
            writer.FramesWritten.ShouldBe(1000);
        }

        var (_, channels, samples) = WavFile.Read(path);
        channels.ShouldBe(2);
        samples.Length.ShouldBe(2000);
        for (int i = 0; i < 1000; i++)
        {
            samples[2 * i].ShouldBe(left[i]);
            samples[(2 * i) + 1].ShouldBe(right[i]);
        }
    }

    [Fact]
    public void Flush_WithoutDispose_LeavesAValidFileUpToTheFlush()
    {
        string path = Path.Combine(_directory, "abrupt.wav");
        short[] first = Signals.Sine(1000, 16000, 8000);
        var writer = new WavFileWriter(path);
        try
        {
            writer.Write(first);
            writer.Flush();
            writer.Write(new short[10000]); // written after the last flush, as if the process died now

            // Read while the writer is still open, as a crash would leave it.
            var (rate, channels, samples) = WavFile.Read(path);
            rate.ShouldBe(16000);
            channels.ShouldBe(1);
            samples.ShouldBe(first);
        }
        finally
        {
            writer.Dispose();
        }

        WavFile.Read(path).Samples.Length.ShouldBe(18000);
    }

    [Fact]
    public void Read_UnpatchedHeader_TakesRestOfFile()
    {
        string path = Path.Combine(_directory, "unpatched.wav");
        WavFile.Write(path, 16000, 1, [5, 6, 7]);
        byte[] file = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(40), 0);
        WavFile.Parse(file).Samples.ShouldBe(new short[] { 5, 6, 7 });
    }

    [Fact]
    public void Parse_SkipsUnknownChunks()
    {
        byte[] file =
        [
            .. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8,
            .. "LIST"u8, 3, 0, 0, 0, 1, 2, 3, 0, // odd size, padded
            .. "fmt "u8, 16, 0, 0, 0, 1, 0, 1, 0, 0x40, 0x1F, 0, 0, 0x80, 0x3E, 0, 0, 2, 0, 16, 0,
            .. "data"u8, 4, 0, 0, 0, 0xFF, 0x7F, 0x00, 0x80,
        ];
        var (rate, channels, samples) = WavFile.Parse(file);
        rate.ShouldBe(8000);
        channels.ShouldBe(1);
        samples.ShouldBe(new short[] { short.MaxValue, short.MinValue });
    }

    [Fact]
    public void Parse_NotPcm16_Throws()
    {
        Should.Throw<InvalidDataException>(() => WavFile.Parse("RIFF\0\0\0\0WAVX"u8));
        byte[] eightBit =
        [
            .. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8,
            .. "fmt "u8, 16, 0, 0, 0, 1, 0, 1, 0, 0x40, 0x1F, 0, 0, 0x40, 0x1F, 0, 0, 1, 0, 8, 0,
            .. "data"u8, 1, 0, 0, 0, 0x80,
        ];
        Should.Throw<InvalidDataException>(() => WavFile.Parse(eightBit));
    }
}
