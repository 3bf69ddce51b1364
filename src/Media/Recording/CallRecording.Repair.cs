using System.Buffers;
using System.Buffers.Binary;

namespace Softswitch.Media.Recording;

/// <summary>Repair of WAV headers left stale by a recording that never completed.</summary>
public sealed partial class CallRecording
{
    private const int RepairScanBytes = 4096;

    /// <summary>
    /// Fixes the RIFF and data sizes of a PCM WAV file whose header does not cover all of its audio (zero sizes, or sizes from
    /// before the last chunk), as a process killed mid-call can leave it: the data chunk is extended to the end of the file,
    /// rounded down to whole sample frames. A file whose sizes already match, or whose data chunk is followed by another chunk,
    /// is left alone. The file's last write time is kept, so retention still ages it from when it was recorded. Do not call it
    /// on a file a live <see cref="CallRecording"/> is writing.
    /// </summary>
    /// <param name="path">The WAV file.</param>
    /// <returns>True when the header was rewritten.</returns>
    /// <exception cref="InvalidDataException">Not a RIFF/WAVE file, or no fmt and data chunk in its first 4 KB.</exception>
    /// <exception cref="IOException">The file cannot be opened for writing.</exception>
    public static bool RepairHeader(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        DateTime lastWriteUtc = File.GetLastWriteTimeUtc(path);
        bool repaired;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
        {
            repaired = RepairHeader(stream);
        }

        if (repaired)
        {
            File.SetLastWriteTimeUtc(path, lastWriteUtc);
        }

        return repaired;
    }

    /// <summary>As <see cref="RepairHeader(string)"/>, on an open readable, writable and seekable stream.</summary>
    internal static bool RepairHeader(Stream stream)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(RepairScanBytes);
        try
        {
            stream.Position = 0;
            Span<byte> head = rented.AsSpan(0, stream.ReadAtLeast(rented.AsSpan(0, RepairScanBytes), RepairScanBytes, throwOnEndOfStream: false));
            if (head.Length < 12 || !head.Slice(0, 4).SequenceEqual("RIFF"u8) || !head.Slice(8, 4).SequenceEqual("WAVE"u8))
            {
                throw new InvalidDataException("Not a RIFF/WAVE file.");
            }

            int blockAlign = 0;
            int dataOffset = -1;
            int offset = 12;
            while (offset + 8 <= head.Length)
            {
                ReadOnlySpan<byte> id = head.Slice(offset, 4);
                uint size = BinaryPrimitives.ReadUInt32LittleEndian(head.Slice(offset + 4));
                int body = offset + 8;
                if (id.SequenceEqual("data"u8))
                {
                    dataOffset = body;
                    break;
                }

                if (id.SequenceEqual("fmt "u8) && size >= 16 && body + 16 <= head.Length)
                {
                    blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(head.Slice(body + 12));
                }

                long next = body + (long)size + (size & 1);
                if (next > head.Length)
                {
                    break;
                }

                offset = (int)next;
            }

            if (dataOffset < 0 || blockAlign <= 0)
            {
                throw new InvalidDataException("No fmt chunk followed by a data chunk in the first 4 KB.");
            }

            long length = stream.Length;
            long available = length - dataOffset;
            uint declaredData = BinaryPrimitives.ReadUInt32LittleEndian(head.Slice(dataOffset - 4));
            uint declaredRiff = BinaryPrimitives.ReadUInt32LittleEndian(head.Slice(4));
            if (declaredData > 0 && declaredData < available && IsChunkAt(stream, dataOffset + declaredData + (declaredData & 1), length))
            {
                return false; // audio followed by more chunks (LIST, id3): the sizes are not stale
            }

            long maxData = uint.MaxValue - (dataOffset - 8L);
            long dataBytes = Math.Min(available, maxData);
            dataBytes -= dataBytes % blockAlign;
            uint riff = (uint)(dataOffset - 8 + dataBytes);
            if (declaredData == dataBytes && declaredRiff == riff)
            {
                return false;
            }

            Span<byte> size4 = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(size4, riff);
            stream.Position = 4;
            stream.Write(size4);
            BinaryPrimitives.WriteUInt32LittleEndian(size4, (uint)dataBytes);
            stream.Position = dataOffset - 4;
            stream.Write(size4);
            stream.Flush();
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // Whether a plausible RIFF chunk header (four printable ASCII characters, a size that fits the file) starts at offset.
    private static bool IsChunkAt(Stream stream, long offset, long length)
    {
        if (offset + 8 > length)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[8];
        stream.Position = offset;
        stream.ReadExactly(header);
        foreach (byte b in header.Slice(0, 4))
        {
            if (b is < 0x20 or > 0x7E)
            {
                return false;
            }
        }

        return offset + 8 + BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(4)) <= length;
    }
}
