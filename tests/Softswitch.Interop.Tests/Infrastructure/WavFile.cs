using System.Buffers.Binary;

namespace Softswitch.Interop.Tests.Infrastructure;

/// <summary>Writes and reads the plain 16-bit PCM WAV files the peers use.</summary>
internal static class WavFile
{
    private const int HeaderSize = 44;

    /// <summary>Writes <paramref name="samples"/> as a mono 16-bit PCM WAV file.</summary>
    /// <param name="path">File to create.</param>
    /// <param name="samples">The samples.</param>
    /// <param name="sampleRate">Samples per second.</param>
    public static void Write(string path, ReadOnlySpan<short> samples, int sampleRate)
    {
        var data = samples.Length * 2;
        var bytes = new byte[HeaderSize + data];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + data);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], data);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(span[(HeaderSize + (i * 2))..], samples[i]);
        }

        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Writes <paramref name="duration"/> of silence.</summary>
    /// <param name="path">File to create.</param>
    /// <param name="duration">Length of the file.</param>
    /// <param name="sampleRate">Samples per second.</param>
    public static void WriteSilence(string path, TimeSpan duration, int sampleRate) =>
        Write(path, new short[(int)(duration.TotalSeconds * sampleRate)], sampleRate);

    /// <summary>Number of samples in a mono 16-bit WAV file, from its size (0 when it holds only a header).</summary>
    /// <param name="path">The file.</param>
    public static long SampleCount(string path) => Math.Max(0, new FileInfo(path).Length - HeaderSize) / 2;
}
