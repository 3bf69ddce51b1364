using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Softswitch.Media.Recording;

/// <summary>
/// Records one call to a two-channel 16 kHz PCM16 WAV file: the left channel is the caller (what the gateway received), the
/// right channel the gateway or agent (what it sent). The media clock calls <see cref="WriteTick"/> once per 20 ms tick, which
/// keeps both channels aligned to the clock; the tick is interleaved into a preallocated chunk buffer and full chunks go to a
/// background writer task, so the clock thread never waits for the disk and never allocates.
/// </summary>
/// <remarks>
/// <para>
/// Memory: a fixed pool of <see cref="CallRecordingOptions.ChunkCount"/> chunk buffers, rented at construction and returned
/// when the recording completes; the call is never held in memory. When the writer falls behind and every buffer is waiting for
/// the disk, a tick's audio is dropped, counted in <see cref="DroppedTicks"/>, and written as silence before the next chunk,
/// so the file keeps its length and the channels stay aligned with the clock.
/// </para>
/// <para>
/// Crash safety: after each chunk is appended, the writer rewrites the RIFF and data sizes, so a process that dies mid-call
/// leaves a playable file whose header covers every chunk written (at most one chunk, one second by default, is lost).
/// <see cref="RepairHeader(string)"/> fixes a header left behind a chunk by a crash between the two writes.
/// </para>
/// <para>
/// Threads: <see cref="WriteTick"/> is called from one thread at a time (the media clock's); <see cref="CompleteAsync"/> and
/// <see cref="DisposeAsync"/> may be called from any thread, at any time, any number of times, including concurrently with a
/// tick in progress. Completion takes effect between ticks: a tick that began before it is recorded whole, and any
/// <see cref="WriteTick"/> after it is ignored.
/// </para>
/// </remarks>
public sealed partial class CallRecording : IAsyncDisposable
{
    /// <summary>Channels in the file: left = caller, right = gateway/agent.</summary>
    public const int Channels = 2;

    /// <summary>Samples per channel in one tick (320: 20 ms at 16 kHz).</summary>
    public const int TickSamples = AudioFormat.FrameSamples;

    /// <summary>Bytes one tick adds to the file (1,280).</summary>
    public const int TickBytes = TickSamples * Channels * sizeof(short);

    private const uint MaxDataBytes = uint.MaxValue - WavFileWriter.HeaderLength; // RIFF caps a file at 4 GiB (about 18.6 h)

    private static readonly CallRecordingOptions s_defaultOptions = new();
    private static readonly byte[] s_silence = new byte[TickBytes * 50];

    private readonly Lock _lock = new();
    private readonly Stream _stream;
    private readonly ILogger _logger;
    private readonly int _ticksPerChunk;
    private readonly Chunk[] _chunks;
    private readonly ConcurrentQueue<Chunk> _free = new();
    private readonly Channel<Chunk> _filled;
    private readonly byte[] _header = new byte[WavFileWriter.HeaderLength]; // the writer's scratch for header rewrites
    private readonly Task _writer;

    // Producer state, guarded by _lock.
    private Chunk? _current;
    private long _pendingDroppedTicks;
    private bool _completing;

    // Set under _lock before the channel completes; read by the writer after it has drained the channel.
    private long _trailingSilenceTicks;

    private long _ticks;
    private long _droppedTicks;
    private long _flushedTicks;
    private long _dataBytes; // writer only
    private Exception? _writeError;

    /// <summary>
    /// Creates (or truncates) <paramref name="path"/>, creating its folder if needed, writes the WAV header and starts the
    /// background writer. Call at call setup, not on the media clock thread: it opens the file.
    /// </summary>
    /// <param name="path">The file; <see cref="RecordingPaths.For"/> makes one.</param>
    /// <param name="options">Buffering; defaults to 4 chunks of 1 s.</param>
    /// <param name="logger">Logger; defaults to none.</param>
    /// <exception cref="IOException">The file cannot be created.</exception>
    public CallRecording(string path, CallRecordingOptions? options = null, ILogger<CallRecording>? logger = null)
        : this(path, OpenFile, options, logger)
    {
    }

    /// <summary>Creates a recording that writes to a stream of the caller's choosing (tests, benchmarks).</summary>
    /// <param name="path">Name of the recording, for logs.</param>
    /// <param name="openStream">Opens the writable, seekable stream for <paramref name="path"/>; the recording disposes it.</param>
    /// <param name="options">Buffering.</param>
    /// <param name="logger">Logger.</param>
    internal CallRecording(string path, Func<string, Stream> openStream, CallRecordingOptions? options, ILogger? logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(openStream);
        options ??= s_defaultOptions;
        options.Validate();
        Path = path;
        _logger = logger ?? NullLogger.Instance;
        _ticksPerChunk = options.TicksPerChunk;
        _stream = openStream(path);
        try
        {
            if (!_stream.CanSeek || !_stream.CanWrite)
            {
                throw new ArgumentException("The recording stream must be writable and seekable.", nameof(openStream));
            }

            WavFile.WriteHeader(_header, AudioFormat.SampleRate, Channels, 0);
            _stream.Write(_header);
            _stream.Flush();
        }
        catch
        {
            _stream.Dispose();
            throw;
        }

        _chunks = new Chunk[options.ChunkCount];
        for (int i = 0; i < _chunks.Length; i++)
        {
            _chunks[i] = new Chunk(ArrayPool<byte>.Shared.Rent(_ticksPerChunk * TickBytes));
            _free.Enqueue(_chunks[i]);
        }

        _filled = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(options.ChunkCount) { SingleReader = true, SingleWriter = true });
        Log.RecordingStarted(_logger, path, options.ChunkCount, _ticksPerChunk);
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>Ticks recorded so far, dropped ones included: the file holds this many ticks once completed.</summary>
    public long TickCount => Volatile.Read(ref _ticks);

    /// <summary>Ticks whose audio was dropped because the writer fell behind; the file has silence in their place.</summary>
    public long DroppedTicks => Volatile.Read(ref _droppedTicks);

    /// <summary>Ticks (dropped ones included) appended to the file and covered by its header so far.</summary>
    public long FlushedTicks => Volatile.Read(ref _flushedTicks);

    /// <summary>Duration recorded so far (<see cref="TickCount"/> × 20 ms).</summary>
    public TimeSpan Duration => TimeSpan.FromMilliseconds(TickCount * (double)AudioFormat.FrameMilliseconds);

    /// <summary>Whether the recording has completed: all audio written, header final, file closed.</summary>
    public bool IsCompleted => _writer.IsCompleted;

    /// <summary>The error that stopped the writer (disk full, file removed), or null. Audio after it is not recorded.</summary>
    public Exception? WriteError => Volatile.Read(ref _writeError);

    /// <summary>
    /// Records one 20 ms tick. Call exactly once per media clock tick, from one thread at a time, so that both channels follow
    /// the clock. Never blocks on the disk and does not allocate. Ignored once <see cref="CompleteAsync"/> has been called.
    /// </summary>
    /// <param name="caller">What was received from the caller this tick: <see cref="TickSamples"/> samples, or empty for silence.</param>
    /// <param name="agent">What the gateway sent this tick: <see cref="TickSamples"/> samples, or empty for silence.</param>
    /// <exception cref="ArgumentException">A span is neither empty nor <see cref="TickSamples"/> long.</exception>
    public void WriteTick(ReadOnlySpan<short> caller, ReadOnlySpan<short> agent)
    {
        if ((!caller.IsEmpty && caller.Length != TickSamples) || (!agent.IsEmpty && agent.Length != TickSamples))
        {
            ThrowBadTickLength();
        }

        lock (_lock)
        {
            if (_completing)
            {
                return;
            }

            Volatile.Write(ref _ticks, _ticks + 1);
            Chunk? chunk = _current;
            if (chunk is null)
            {
                if (!_free.TryDequeue(out chunk))
                {
                    _pendingDroppedTicks++;
                    Volatile.Write(ref _droppedTicks, _droppedTicks + 1);
                    return;
                }

                chunk.LeadingSilenceTicks = _pendingDroppedTicks;
                chunk.Ticks = 0;
                _pendingDroppedTicks = 0;
                _current = chunk;
            }

            Span<short> frame = MemoryMarshal.Cast<byte, short>(chunk.Buffer.AsSpan(chunk.Ticks * TickBytes, TickBytes));
            Interleave(caller, frame);
            Interleave(agent, frame.Slice(1));
            if (!BitConverter.IsLittleEndian)
            {
                BinaryPrimitives.ReverseEndianness(frame, frame);
            }

            if (++chunk.Ticks == _ticksPerChunk)
            {
                _current = null;
                _filled.Writer.TryWrite(chunk); // cannot fail: the channel holds as many chunks as exist
            }
        }
    }

    /// <summary>
    /// Ends the recording: later ticks are ignored, the partly filled chunk and any dropped ticks are written, the header gets
    /// its final sizes and the file is closed. Idempotent and safe from any thread, concurrently with <see cref="WriteTick"/>.
    /// Write errors do not fault the task: they are logged and reported by <see cref="WriteError"/>.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; the recording still completes in the background.</param>
    /// <returns>A task that completes when the file is closed.</returns>
    public Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_completing)
            {
                _completing = true;
                if (_current is { } chunk)
                {
                    _current = null;
                    _filled.Writer.TryWrite(chunk);
                }

                _trailingSilenceTicks = _pendingDroppedTicks;
                _pendingDroppedTicks = 0;
                _filled.Writer.TryComplete();
            }
        }

        return _writer.WaitAsync(cancellationToken);
    }

    /// <summary>Same as <see cref="CompleteAsync"/>.</summary>
    /// <returns>A task that completes when the file is closed.</returns>
    public ValueTask DisposeAsync() => new(CompleteAsync());

    private static FileStream OpenFile(string path)
    {
        string? directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory); // a retention sweep may have removed an empty date folder
        }

        // Unbuffered: the writer appends whole chunks, and each write must reach the OS before the header claims it.
        return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous);
    }

    private static void Interleave(ReadOnlySpan<short> source, Span<short> frame)
    {
        if (source.IsEmpty)
        {
            for (int i = 0; i < TickSamples; i++)
            {
                frame[2 * i] = 0;
            }

            return;
        }

        source = source.Slice(0, TickSamples);
        for (int i = 0; i < source.Length; i++)
        {
            frame[2 * i] = source[i];
        }
    }

    [DoesNotReturn]
    private static void ThrowBadTickLength() =>
        throw new ArgumentException($"A tick is {TickSamples} samples per side, or empty for silence.");

    /// <summary>One preallocated chunk buffer and what the writer must know about it.</summary>
    private sealed class Chunk(byte[] buffer)
    {
        public byte[] Buffer { get; set; } = buffer;

        /// <summary>Ticks filled.</summary>
        public int Ticks { get; set; }

        /// <summary>Dropped ticks to write as silence before this chunk's audio.</summary>
        public long LeadingSilenceTicks { get; set; }
    }
}
