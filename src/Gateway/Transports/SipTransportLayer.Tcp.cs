using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Softswitch.Sip;

namespace Softswitch.Gateway.Transports;

/// <summary>
/// SIP over TCP (RFC 3261 §18.1.1, §18.2.2, §18.3): a listener, and one connection per remote end point in either direction,
/// reused for every message to that end point.
/// </summary>
public sealed partial class SipTransportLayer
{
    private readonly ConcurrentDictionary<IPEndPoint, SipTcpConnection> _connections = new();
    private readonly Dictionary<IPEndPoint, TaskCompletionSource<SipTcpConnection?>> _connecting = [];
    private readonly Lock _connectLock = new();
    private Socket? _tcpListener;
    private Task? _acceptLoop;
    private long _nextConnectionId;

    internal SipTransportOptions Options => _options;

    internal TimeProvider TimeProvider => _timeProvider;

    internal Microsoft.Extensions.Logging.ILogger Logger => _logger;

    private void StartTcp(IPAddress bind, int port, bool fallbackToAnyPort)
    {
        var listener = new Socket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            try
            {
                listener.Bind(new IPEndPoint(bind, port));
            }
            catch (SocketException ex) when (fallbackToAnyPort && ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                listener.Bind(new IPEndPoint(bind, 0));
            }

            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _tcpListener = listener;
        _tcpLocal = (IPEndPoint)listener.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync(listener, _shutdown.Token);
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex) when (IsExpectedSocketError(ex.SocketErrorCode))
            {
                continue;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.ReceiveLoopFailed(_logger, SipTransportKind.Tcp, ex);
                break;
            }

            AddConnection(socket, (IPEndPoint)socket.RemoteEndPoint!, "accepted from");
        }
    }

    private SipTcpConnection AddConnection(Socket socket, IPEndPoint remote, string direction)
    {
        socket.NoDelay = true;
        var connection = new SipTcpConnection(this, socket, Interlocked.Increment(ref _nextConnectionId), remote);
        if (_connections.TryGetValue(remote, out var previous))
        {
            previous.Abort("replaced by a new connection");
        }

        _connections[remote] = connection;
        Log.ConnectionOpened(_logger, connection.Id, direction, remote);
        connection.Start();
        if (Volatile.Read(ref _disposed) != 0)
        {
            connection.Abort("transport shut down");
        }

        return connection;
    }

    /// <summary>Called by a connection once it has closed.</summary>
    internal void OnConnectionClosed(SipTcpConnection connection, string reason)
    {
        _connections.TryRemove(new KeyValuePair<IPEndPoint, SipTcpConnection>(connection.RemoteEndPoint, connection));
        Log.ConnectionClosed(_logger, connection.Id, connection.RemoteEndPoint, reason);
    }

    /// <summary>Called by a connection when it starts closing: it no longer takes new messages.</summary>
    internal void Unregister(SipTcpConnection connection) =>
        _connections.TryRemove(new KeyValuePair<IPEndPoint, SipTcpConnection>(connection.RemoteEndPoint, connection));

    /// <summary>Called by a connection's parse loop for each complete message.</summary>
    internal void OnStreamMessage(SipTcpConnection connection, SipMessage message) =>
        Deliver(message, new SipEndPoint(SipTransportKind.Tcp, connection.RemoteEndPoint), new SipEndPoint(SipTransportKind.Tcp, connection.LocalEndPoint), connection.Id);

    /// <summary>Called by a connection's parse loop for an unparsable stream; true when a 400 went out.</summary>
    internal bool OnStreamInvalid(SipTcpConnection connection, SipRequest? partial, string? reason, int length)
    {
        var answered = TryAnswerBadRequest(partial, reason, new SipEndPoint(SipTransportKind.Tcp, connection.RemoteEndPoint));
        SipMetrics.ParseFailure(SipTransportKind.Tcp, answered);
        Log.Dropped(_logger, length, SipTransportKind.Tcp, connection.RemoteEndPoint, reason ?? "invalid");
        return answered;
    }

    private ValueTask<bool> SendTcpAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken)
    {
        if (_connections.TryGetValue(destination.EndPoint, out var connection) && !connection.IsClosed)
        {
            return connection.SendAsync(message, cancellationToken);
        }

        return ConnectAndSendAsync(message, destination, cancellationToken);
    }

    private async ValueTask<bool> ConnectAndSendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken)
    {
        var remote = destination.EndPoint;
        TaskCompletionSource<SipTcpConnection?>? pending;
        var connectHere = false;
        lock (_connectLock)
        {
            if (_connections.TryGetValue(remote, out var existing) && !existing.IsClosed)
            {
                pending = null;
            }
            else if (!_connecting.TryGetValue(remote, out pending))
            {
                pending = new TaskCompletionSource<SipTcpConnection?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _connecting[remote] = pending;
                connectHere = true;
            }
        }

        if (pending is null)
        {
            return await SendTcpAsync(message, destination, cancellationToken).ConfigureAwait(false);
        }

        if (connectHere)
        {
            var connection = await ConnectAsync(remote).ConfigureAwait(false);
            lock (_connectLock)
            {
                _connecting.Remove(remote);
            }

            pending.TrySetResult(connection);
        }

        var ready = await pending.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (ready is null)
        {
            return false;
        }

        return await ready.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SipTcpConnection?> ConnectAsync(IPEndPoint remote)
    {
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var timeout = new CancellationTokenSource(_options.TcpConnectTimeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _shutdown.Token);
            await socket.ConnectAsync(remote, linked.Token).ConfigureAwait(false);
            return AddConnection(socket, remote, "connected to");
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Dispose();
            Log.ConnectFailed(_logger, remote, ex.Message);
            return null;
        }
    }
}
