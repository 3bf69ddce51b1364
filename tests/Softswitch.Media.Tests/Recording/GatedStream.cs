namespace Softswitch.Media.Tests.Recording;

/// <summary>
/// A seekable write stream over another whose asynchronous writes wait for a gate the test opens and closes, to make a
/// recording's writer fall behind on demand; it can also fail every asynchronous write.
/// </summary>
internal sealed class GatedStream(Stream inner) : Stream
{
    private volatile TaskCompletionSource _gate = NewOpenGate();
    private int _pendingWrites;

    public Exception? FailWith { get; set; }

    /// <summary>Asynchronous writes started and not finished (waiting at the gate or in progress).</summary>
    public int PendingWrites => Volatile.Read(ref _pendingWrites);

    public override bool CanRead => false;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public void SetClosed(bool closed)
    {
        if (closed)
        {
            _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        else
        {
            _gate.TrySetResult();
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _pendingWrites);
        try
        {
            await _gate.Task.WaitAsync(cancellationToken);
            if (FailWith is { } failure)
            {
                throw failure;
            }

            await inner.WriteAsync(buffer, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _pendingWrites);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value) => inner.SetLength(value);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private static TaskCompletionSource NewOpenGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }
}
