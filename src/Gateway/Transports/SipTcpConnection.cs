using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Softswitch.Sip;

namespace Softswitch.Gateway.Transports;

/// <summary>
/// One SIP-over-TCP connection (RFC 3261 §18.3), shaped like Kestrel's <c>SocketConnection</c>: a receive loop fills the input
/// pipe, a parse loop frames messages out of it by Content-Length, and a send loop drains the output pipe into the socket.
/// Closed after <see cref="SipTransportOptions.TcpIdleTimeout"/> without traffic, on an unparsable stream (after a 400 when
/// possible) and when a message grows past <see cref="SipTransportOptions.MaxMessageSize"/>.
/// </summary>
internal sealed class SipTcpConnection
{
    private const int Open = 0;
    private const int Closing = 1;
    private const int Aborted = 2;
    private const int MinimumReadSize = 2048;

    // How long a closing connection may take to flush its queued output before it is aborted.
    private static readonly TimeSpan s_closeGrace = TimeSpan.FromSeconds(5);

    private static readonly TimerCallback s_onIdleTimer = static state => ((SipTcpConnection)state!).OnIdleTimer();
    private static readonly byte[] s_pong = "\r\n"u8.ToArray();

    private readonly SipTransportLayer _owner;
    private readonly Socket _socket;
    private readonly Pipe _input;
    private readonly Pipe _output;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _aborted = new();
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _idleTimer;
    private readonly TimeSpan _idleTimeout;
    private readonly int _maxMessageSize;
    private long _lastActivity;
    private int _state;
    private string _closeReason = "closed";

    public SipTcpConnection(SipTransportLayer owner, Socket socket, long id, IPEndPoint remote)
    {
        _owner = owner;
        _socket = socket;
        Id = id;
        RemoteEndPoint = remote;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        var options = owner.Options;
        _maxMessageSize = options.MaxMessageSize;
        _idleTimeout = options.TcpIdleTimeout;
        _timeProvider = owner.TimeProvider;
        _input = new Pipe(new PipeOptions(pauseWriterThreshold: 2L * _maxMessageSize + MinimumReadSize, resumeWriterThreshold: _maxMessageSize, useSynchronizationContext: false));
        _output = new Pipe(new PipeOptions(pauseWriterThreshold: 1024 * 1024, resumeWriterThreshold: 512 * 1024, useSynchronizationContext: false));
        _idleTimer = _timeProvider.CreateTimer(s_onIdleTimer, this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public long Id { get; }

    public IPEndPoint RemoteEndPoint { get; }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>True once closing has begun; new messages then go over a new connection.</summary>
    public bool IsClosed => Volatile.Read(ref _state) != Open;

    /// <summary>Completes when all three loops have ended.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start()
    {
        Touch();
        if (_idleTimeout > TimeSpan.Zero && _idleTimeout != Timeout.InfiniteTimeSpan)
        {
            _idleTimer.Change(_idleTimeout, Timeout.InfiniteTimeSpan);
        }

        var token = _aborted.Token;
        Completion = Task.WhenAll(DoReceiveAsync(token), DoProcessAsync(token), DoSendAsync(token));
    }

    /// <summary>Queues a message on the output pipe. False when the connection is closing or closed.</summary>
    public ValueTask<bool> SendAsync(SipMessage message, CancellationToken cancellationToken)
    {
        if (IsClosed)
        {
            return ValueTask.FromResult(false);
        }

        if (!_writeLock.Wait(0, CancellationToken.None))
        {
            return SendSlowAsync(message, cancellationToken);
        }

        var release = true;
        try
        {
            if (IsClosed)
            {
                return ValueTask.FromResult(false);
            }

            Write(message);
            var flush = _output.Writer.FlushAsync(cancellationToken);
            if (flush.IsCompletedSuccessfully)
            {
                return ValueTask.FromResult(Flushed(flush.GetAwaiter().GetResult(), message));
            }

            release = false;
            return AwaitFlushAsync(flush, message);
        }
        finally
        {
            if (release)
            {
                _writeLock.Release();
            }
        }
    }

    /// <summary>Closes at once: pending output is discarded.</summary>
    public void Abort(string reason)
    {
        var previous = Interlocked.Exchange(ref _state, Aborted);
        if (previous == Aborted)
        {
            return;
        }

        if (previous == Open)
        {
            _closeReason = reason;
        }

        _owner.OnConnectionClosed(this, _closeReason);
        _idleTimer.Dispose();
        _aborted.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already reset by the peer.
        }

        _socket.Dispose();
    }

    private async ValueTask<bool> SendSlowAsync(SipMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        try
        {
            if (IsClosed)
            {
                return false;
            }

            Write(message);
            var result = await _output.Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return Flushed(result, message);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async ValueTask<bool> AwaitFlushAsync(ValueTask<FlushResult> flush, SipMessage message)
    {
        try
        {
            return Flushed(await flush.ConfigureAwait(false), message);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void Write(SipMessage message)
    {
        var length = message.GetSerializedLength();
        var span = _output.Writer.GetSpan(length);
        var written = message.WriteTo(span);
        _output.Writer.Advance(written);
    }

    private bool Flushed(FlushResult result, SipMessage message)
    {
        if (result.IsCompleted || result.IsCanceled)
        {
            return false;
        }

        Touch();
        SipMetrics.Sent(message, SipTransportKind.Tcp);
        return true;
    }

    private async Task DoReceiveAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        Exception? error = null;
        try
        {
            while (true)
            {
                var memory = _input.Writer.GetMemory(MinimumReadSize);
                var received = await _socket.ReceiveAsync(memory, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (received == 0)
                {
                    break; // FIN from the peer.
                }

                _input.Writer.Advance(received);
                Touch();
                var flush = await _input.Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (SocketException ex) when (IsExpected(ex.SocketErrorCode))
        {
            _closeReason = "connection reset";
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // Aborted locally.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            error = ex;
            Log.ConnectionFailed(_owner.Logger, Id, ex);
        }
        finally
        {
            await _input.Writer.CompleteAsync(error).ConfigureAwait(false);
        }
    }

    private async Task DoProcessAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        var reason = "closed by the peer";
        try
        {
            while (true)
            {
                var result = await _input.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                var close = ProcessBuffer(ref buffer);
                _input.Reader.AdvanceTo(buffer.Start, buffer.End);
                if (close is not null)
                {
                    reason = close;
                    break;
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            reason = "aborted";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            reason = "receive failed";
            Log.ConnectionFailed(_owner.Logger, Id, ex);
        }
        finally
        {
            await _input.Reader.CompleteAsync().ConfigureAwait(false);
            await BeginCloseAsync(reason).ConfigureAwait(false);
        }
    }

    /// <summary>Parses every complete message at the start of <paramref name="buffer"/>; returns a close reason or null.</summary>
    private string? ProcessBuffer(ref ReadOnlySequence<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            // RFC 5626 §3.5.1 keep-alive: answer a CRLFCRLF ping with a CRLF pong; a lone CRLF waits for more.
            var reader = new SequenceReader<byte>(buffer);
            var crlf = reader.AdvancePastAny((byte)'\r', (byte)'\n');
            if (crlf > 0)
            {
                if (reader.End && crlf < 4)
                {
                    return null;
                }

                if (crlf >= 4)
                {
                    _ = SendPongAsync();
                }

                buffer = buffer.Slice(crlf);
                continue;
            }

            var length = (int)Math.Min(buffer.Length, _maxMessageSize);
            var slice = buffer.Slice(0, length);
            byte[]? rented = null;
            SipParseStatus status;
            SipMessage? message;
            int consumed;
            string? reason;
            SipRequest? partial;
            try
            {
                ReadOnlySpan<byte> span;
                if (slice.IsSingleSegment)
                {
                    span = slice.FirstSpan;
                }
                else
                {
                    rented = ArrayPool<byte>.Shared.Rent(length);
                    slice.CopyTo(rented);
                    span = rented.AsSpan(0, length);
                }

                status = SipParser.TryParse(span, isStream: true, out message, out consumed, out reason, out partial);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }

            switch (status)
            {
                case SipParseStatus.Complete when message is not null && consumed > 0:
                    buffer = buffer.Slice(consumed);
                    _owner.OnStreamMessage(this, message);
                    break;
                case SipParseStatus.Incomplete when buffer.Length < _maxMessageSize:
                    return null;
                case SipParseStatus.Incomplete:
                    _owner.OnStreamInvalid(this, partial, "message too large", length);
                    buffer = buffer.Slice(buffer.End);
                    return "message too large";
                default:
                    _owner.OnStreamInvalid(this, partial, reason, length);
                    buffer = buffer.Slice(buffer.End);
                    return "invalid message: " + reason;
            }
        }

        return null;
    }

    private async Task SendPongAsync()
    {
        try
        {
            await _writeLock.WaitAsync(_aborted.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            return;
        }

        try
        {
            if (!IsClosed)
            {
                _output.Writer.Write(s_pong);
                await _output.Writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task DoSendAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            while (true)
            {
                var result = await _output.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (result.IsCanceled)
                {
                    break;
                }

                foreach (var segment in buffer)
                {
                    await _socket.SendAsync(segment, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                }

                _output.Reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (SocketException ex) when (IsExpected(ex.SocketErrorCode))
        {
            _closeReason = "connection reset";
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // Aborted locally.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.ConnectionFailed(_owner.Logger, Id, ex);
        }
        finally
        {
            await _output.Reader.CompleteAsync().ConfigureAwait(false);
            Abort(_closeReason);
        }
    }

    /// <summary>Stops taking new messages, lets the send loop flush what is queued, then closes.</summary>
    private async Task BeginCloseAsync(string reason)
    {
        if (Interlocked.CompareExchange(ref _state, Closing, Open) != Open)
        {
            return;
        }

        _closeReason = reason;
        _owner.Unregister(this);
        try
        {
            _idleTimer.Change(s_closeGrace, Timeout.InfiniteTimeSpan); // A peer that stops reading must not keep us half-closed.
        }
        catch (ObjectDisposedException)
        {
            // Aborted meanwhile.
        }

        await _writeLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await _output.Writer.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void OnIdleTimer()
    {
        switch (Volatile.Read(ref _state))
        {
            case Closing:
                Abort("close timed out");
                return;
            case Aborted:
                return;
        }

        var idle = _timeProvider.GetElapsedTime(Volatile.Read(ref _lastActivity));
        if (idle >= _idleTimeout)
        {
            _ = BeginCloseAsync("idle for " + _idleTimeout.TotalSeconds + " s");
            return;
        }

        try
        {
            _idleTimer.Change(_idleTimeout - idle, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Closed meanwhile.
        }
    }

    private void Touch() => Volatile.Write(ref _lastActivity, _timeProvider.GetTimestamp());

    private static bool IsExpected(SocketError error) => error is SocketError.ConnectionReset or SocketError.ConnectionAborted
        or SocketError.OperationAborted or SocketError.Shutdown or SocketError.TimedOut or SocketError.NotConnected or SocketError.Interrupted;
}
