using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Softswitch.Sip;

namespace Softswitch.Gateway.Transports;

/// <summary>
/// The SIP transport layer (RFC 3261 §18, <see href="https://www.rfc-editor.org/rfc/rfc3261#section-18"/>): one UDP socket with
/// one reusable receive buffer, and a TCP listener plus client connections framed with Pipelines (one receive, one parse and one
/// send loop per connection). Received messages go to <see cref="MessageReceived"/>; the top Via of requests gets
/// <c>received</c> and <c>rport</c> (§18.2.1, RFC 3581). Unparsable but answerable requests get 400; the rest is dropped and counted.
/// </summary>
public sealed partial class SipTransportLayer : IAsyncDisposable, ISipMessageSender
{
    private readonly SipTransportOptions _options;
    private readonly ILogger<SipTransportLayer> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _shutdown = new();
    private string _sentByHost = "127.0.0.1";
    private IPEndPoint? _udpLocal;
    private IPEndPoint? _tcpLocal;
    private int _disposed;

    /// <summary>Creates the transports; nothing binds until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Bind address, ports and limits.</param>
    /// <param name="logger">The transport's logger.</param>
    /// <param name="timeProvider">Clock for TCP idle and connect timeouts.</param>
    public SipTransportLayer(SipTransportOptions options, ILogger<SipTransportLayer> logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _logger = logger;
        _timeProvider = timeProvider;
    }

    /// <summary>The bound UDP end point (the real port when <see cref="SipTransportOptions.UdpPort"/> was 0). Valid after start.</summary>
    public IPEndPoint UdpLocalEndPoint => _udpLocal ?? throw NotStarted();

    /// <summary>The bound TCP listener end point. Valid after start.</summary>
    public IPEndPoint TcpLocalEndPoint => _tcpLocal ?? throw NotStarted();

    /// <summary>
    /// Receives every parsed message, on the receive path (UDP loop or a TCP connection's parse loop): it must not block.
    /// Set once, by the transaction layer, before <see cref="StartAsync"/>.
    /// </summary>
    public Action<SipInbound>? MessageReceived { get; set; }

    /// <summary>Open TCP connections, either direction.</summary>
    public int TcpConnectionCount => _connections.Count;

    /// <summary>Binds the UDP socket and the TCP listener and starts their loops.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes once both listen.</returns>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_udpLocal is not null)
        {
            throw new InvalidOperationException("The transport has already started.");
        }

        var bind = _options.BindAddress;
        var advertised = _options.AdvertisedAddress ?? (IsWildcard(bind) ? (bind.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback) : bind);
        _sentByHost = advertised.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + advertised + "]" : advertised.ToString();

        StartUdp(new IPEndPoint(bind, _options.UdpPort));
        var tcpPort = _options.TcpPort == 0 && _options.UdpPort == 0 ? _udpLocal!.Port : _options.TcpPort;
        StartTcp(bind, tcpPort, fallbackToAnyPort: _options.TcpPort == 0);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Sends a request or response. TCP reuses an open connection to <paramref name="destination"/> (including one the peer
    /// opened), else connects. Never throws for network errors.
    /// </summary>
    /// <param name="message">The message to serialise and send.</param>
    /// <param name="destination">Transport and address of the next hop.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns><see langword="false"/> when sending failed (no route, connection refused, reset, shut down).</returns>
    public ValueTask<bool> SendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Volatile.Read(ref _disposed) != 0)
        {
            return ValueTask.FromResult(false);
        }

        if (_logger.IsEnabled(LogLevel.Trace))
        {
            Log.MessageSent(_logger, destination, Encoding.UTF8.GetString(message.ToBytes()));
        }

        switch (destination.Transport)
        {
            case SipTransportKind.Udp:
                return SendUdpAsync(message, destination, cancellationToken);
            case SipTransportKind.Tcp:
                return SendTcpAsync(message, destination, cancellationToken);
            default:
                Log.TransportUnavailable(_logger, destination.Transport, destination);
                return ValueTask.FromResult(false);
        }
    }

    /// <inheritdoc/>
    public (string Host, int Port) GetSentBy(SipTransportKind transport) =>
        (_sentByHost, transport == SipTransportKind.Udp ? UdpLocalEndPoint.Port : TcpLocalEndPoint.Port);

    /// <summary>Closes the sockets and every connection, and waits for the loops to end.</summary>
    /// <returns>A task that completes when everything is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        _udpSocket?.Dispose();
        _tcpListener?.Dispose();
        var connections = _connections.Values.ToArray();
        foreach (var connection in connections)
        {
            connection.Abort("transport shut down");
        }

        var loops = new List<Task>(2 + connections.Length);
        if (_udpLoop is not null)
        {
            loops.Add(_udpLoop);
        }

        if (_acceptLoop is not null)
        {
            loops.Add(_acceptLoop);
        }

        foreach (var connection in connections)
        {
            loops.Add(connection.Completion);
        }

        await Task.WhenAll(loops).ConfigureAwait(false);
        _shutdown.Dispose();
    }

    /// <summary>Hands a parsed message to <see cref="MessageReceived"/>, fixing the top Via of requests first.</summary>
    private void Deliver(SipMessage message, SipEndPoint source, SipEndPoint local, long connectionId)
    {
        if (message is SipRequest request)
        {
            AddReceivedAndRport(request, source.EndPoint);
        }

        SipMetrics.Received(message, source.Transport);
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            Log.MessageReceived(_logger, source, Encoding.UTF8.GetString(message.ToBytes()));
        }

        var handler = MessageReceived;
        if (handler is null)
        {
            return;
        }

        try
        {
            handler(new SipInbound(message, source, local, connectionId));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.HandlerFailed(_logger, source, ex);
        }
    }

    /// <summary>
    /// Answers an unparsable request that still carries what a response needs (Via, From, To, Call-ID, CSeq): 400 naming the
    /// problem, or 505/416/513 where <see cref="SipParseErrors.StatusCodeFor"/> says so. Never answers an ACK.
    /// </summary>
    private bool TryAnswerBadRequest(SipRequest? partial, string? reason, SipEndPoint source)
    {
        if (partial is null || partial.Method == SipMethods.Ack)
        {
            return false;
        }

        try
        {
            AddReceivedAndRport(partial, source.EndPoint);
            var status = SipParseErrors.StatusCodeFor(reason);
            var response = SipResponse.CreateFor(partial, status, reasonPhrase: status == 400 ? BadRequestPhrase(reason) : null);
            var destination = source.Transport == SipTransportKind.Udp ? GetUdpResponseDestination(partial.TopVia, source.EndPoint) : source;
            Log.AnsweredBadRequest(_logger, source.EndPoint, reason ?? "invalid");
            _ = SendAsync(response, destination, CancellationToken.None).AsTask();
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
        {
            // The partial request lacked something after all; drop.
            return false;
        }
    }

    private static string BadRequestPhrase(string? reason)
    {
        if (string.IsNullOrEmpty(reason))
        {
            return "Bad Request";
        }

        Span<char> clean = stackalloc char[Math.Min(reason.Length, 100)];
        for (var i = 0; i < clean.Length; i++)
        {
            var c = reason[i];
            clean[i] = c is '\r' or '\n' || char.IsControl(c) ? ' ' : c;
        }

        return string.Concat("Bad Request (", clean, ")");
    }

    private static bool IsWildcard(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    private static bool IsExpectedSocketError(SocketError error) => error is SocketError.ConnectionReset or SocketError.ConnectionAborted
        or SocketError.ConnectionRefused or SocketError.OperationAborted or SocketError.Shutdown or SocketError.HostUnreachable
        or SocketError.NetworkUnreachable or SocketError.HostDown or SocketError.TimedOut or SocketError.NotConnected
        or SocketError.MessageSize or SocketError.Interrupted or SocketError.AddressNotAvailable or SocketError.NoBufferSpaceAvailable;

    private static InvalidOperationException NotStarted() => new("The transport has not started.");
}
