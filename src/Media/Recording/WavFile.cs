using System.Buffers.Binary;

namespace Softswitch.Media.Recording;

/// <summary>Reads and writes whole PCM16 WAV files (prompts, tests); use <see cref="WavFileWriter"/> to record a call.</summary>
public static class WavFile
{
    private const ushort FormatPcm = 1;
    private const ushort FormatExtensible = 0xFFFE;

    /// <summary>
    /// Reads a PCM16 WAV file (format 1 or WAVE_FORMAT_EXTENSIBLE with PCM), skipping unknown chunks. A recording still being
    /// written can be read: it holds the audio up to the writer's last flush.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>Its sample rate, channel count and interleaved samples.</returns>
    /// <exception cref="InvalidDataException">Not a RIFF/WAVE file, or not 16-bit PCM.</exception>
    public static (int SampleRate, int Channels, short[] Samples) Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return Parse(bytes);
    }

    /// <summary>Parses a PCM16 WAV image already in memory.</summary>
    /// <param name="file">The file's bytes.</param>
    /// <returns>Its sample rate, channel count and interleaved samples.</returns>
    /// <exception cref="InvalidDataException">Not a RIFF/WAVE file, or not 16-bit PCM.</exception>
    public static (int SampleRate, int Channels, short[] Samples) Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length < 12 || !file.Slice(0, 4).SequenceEqual("RIFF"u8) || !file.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException("Not a RIFF/WAVE file.");
        }

        int sampleRate = 0;
        int channels = 0;
        int offset = 12;
        while (offset + 8 <= file.Length)
        {
            ReadOnlySpan<byte> id = file.Slice(offset, 4);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(offset + 4));
            int body = offset + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + 16 > file.Length)
                {
                    throw new InvalidDataException("Truncated fmt chunk.");
                }

                ushort format = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(body));
                channels = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(body + 2));
                sampleRate = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(body + 4));
                ushort bits = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(body + 14));
                if (format is not (FormatPcm or FormatExtensible) || bits != 16 || channels < 1)
                {
                    throw new InvalidDataException($"Only 16-bit PCM is supported (format {format}, {bits} bits, {channels} channels).");
                }
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (sampleRate == 0)
                {
                    throw new InvalidDataException("data chunk before fmt chunk.");
                }

                // A writer that never patched its sizes leaves 0 (or 0xFFFFFFFF): take the rest of the file.
                long available = file.Length - body;
                long length = size == 0 || size > available ? available : size;
                ReadOnlySpan<byte> data = file.Slice(body, (int)(length & ~1L));
                var samples = new short[data.Length / 2];
                for (int i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(data.Slice(i * 2));
                }

                return (sampleRate, channels, samples);
            }

            long next = body + (long)size + (size & 1);
            if (next > file.Length)
            {
                break;
            }

            offset = (int)next;
        }

        throw new InvalidDataException("No data chunk.");
    }

    /// <summary>Writes a whole PCM16 WAV file.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <param name="channels">1 or 2.</param>
    /// <param name="samples">Interleaved samples.</param>
    public static void Write(string path, int sampleRate, int channels, ReadOnlySpan<short> samples)
    {
        using var writer = new WavFileWriter(path, sampleRate, channels);
        writer.Write(samples);
    }

    /// <summary>Writes the canonical 44-byte header for PCM16.</summary>
    internal static void WriteHeader(Span<byte> header, int sampleRate, int channels, uint dataBytes)
    {
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(4), dataBytes + WavFileWriter.HeaderLength - 8);
        "WAVE"u8.CopyTo(header.Slice(8));
        "fmt "u8.CopyTo(header.Slice(12));
        BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(20), FormatPcm);
        BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(22), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(24), (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(28), (uint)(sampleRate * channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(32), (ushort)(channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(34), 16);
        "data"u8.CopyTo(header.Slice(36));
        BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(40), dataBytes);
    }
}
