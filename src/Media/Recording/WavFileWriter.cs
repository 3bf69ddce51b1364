using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Softswitch.Media.Recording;

/// <summary>
/// Streams PCM16 audio to a RIFF/WAVE file. The header is written when the file opens, frames are appended as they come (the
/// call is never held in memory), and the RIFF and data sizes are patched on <see cref="Flush"/> and <see cref="Dispose"/>, so
/// the file is valid up to the last flush even when the process ends abruptly. Not thread-safe: one writer per file.
/// </summary>
public sealed class WavFileWriter : IDisposable
{
    /// <summary>Length of the canonical header written (RIFF, fmt and data chunk headers).</summary>
    public const int HeaderLength = 44;

    private readonly FileStream _stream;
    private long _dataBytes;
    private bool _disposed;

    /// <summary>Creates (or truncates) <paramref name="path"/> and writes the header.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="sampleRate">Sample rate in Hz. Defaults to 16000, the internal rate.</param>
    /// <param name="channels">1 (mono) or 2 (stereo, interleaved). Defaults to 1.</param>
    public WavFileWriter(string path, int sampleRate = AudioFormat.SampleRate, int channels = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 2);
        Path = path;
        SampleRate = sampleRate;
        Channels = channels;
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 16 * 1024);
        Span<byte> header = stackalloc byte[HeaderLength];
        WavFile.WriteHeader(header, sampleRate, channels, 0);
        _stream.Write(header);
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>Sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Channel count.</summary>
    public int Channels { get; }

    /// <summary>Sample frames written so far (one sample per channel each).</summary>
    public long FramesWritten => _dataBytes / (2 * Channels);

    /// <summary>Duration written so far.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)FramesWritten / SampleRate);

    /// <summary>Appends samples (interleaved when stereo). Does not allocate.</summary>
    /// <param name="samples">PCM16 samples; for stereo an even count, left first.</param>
    public void Write(ReadOnlySpan<short> samples)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (BitConverter.IsLittleEndian)
        {
            _stream.Write(MemoryMarshal.AsBytes(samples));
        }
        else
        {
            Span<byte> chunk = stackalloc byte[256];
            for (int i = 0; i < samples.Length; i += chunk.Length / 2)
            {
                int n = Math.Min(chunk.Length / 2, samples.Length - i);
                for (int j = 0; j < n; j++)
                {
                    BinaryPrimitives.WriteInt16LittleEndian(chunk.Slice(j * 2), samples[i + j]);
                }

                _stream.Write(chunk.Slice(0, n * 2));
            }
        }

        _dataBytes += samples.Length * 2L;
    }

    /// <summary>Appends two channels, interleaving them; the writer must be stereo and the spans of equal length.</summary>
    /// <param name="left">Left channel (for call recordings: the caller).</param>
    /// <param name="right">Right channel (for call recordings: the gateway's side).</param>
    public void WriteStereo(ReadOnlySpan<short> left, ReadOnlySpan<short> right)
    {
        if (Channels != 2)
        {
            throw new InvalidOperationException("WriteStereo needs a two-channel writer.");
        }

        ArgumentOutOfRangeException.ThrowIfNotEqual(right.Length, left.Length, nameof(right));
        Span<short> chunk = stackalloc short[128];
        for (int i = 0; i < left.Length; i += chunk.Length / 2)
        {
            int n = Math.Min(chunk.Length / 2, left.Length - i);
            for (int j = 0; j < n; j++)
            {
                chunk[2 * j] = left[i + j];
                chunk[(2 * j) + 1] = right[i + j];
            }

            Write(chunk.Slice(0, n * 2));
        }
    }

    /// <summary>Patches the RIFF and data sizes and flushes everything to the operating system.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        PatchSizes();
        _stream.Flush(flushToDisk: false);
    }

    /// <summary>Patches the sizes and closes the file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            PatchSizes();
        }
        finally
        {
            _stream.Dispose();
        }
    }

    private void PatchSizes()
    {
        // RIFF sizes are 32-bit (RIFF caps a file at 4 GiB); clamp rather than wrap.
        uint data = (uint)Math.Min(_dataBytes, uint.MaxValue - HeaderLength);
        Span<byte> size = stackalloc byte[4];
        long end = _stream.Position;
        BinaryPrimitives.WriteUInt32LittleEndian(size, data + HeaderLength - 8);
        _stream.Seek(4, SeekOrigin.Begin);
        _stream.Write(size);
        BinaryPrimitives.WriteUInt32LittleEndian(size, data);
        _stream.Seek(40, SeekOrigin.Begin);
        _stream.Write(size);
        _stream.Seek(end, SeekOrigin.Begin);
    }
}
