using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Softswitch.Gateway.Calls;
using Softswitch.Gateway.Timers;
using Softswitch.Gateway.Transactions;
using Softswitch.Gateway.Transports;
using Softswitch.Gateway.UserAgent;
using Softswitch.Media.Clock;
using Softswitch.Media.Rtp;

namespace Softswitch.Gateway;

/// <summary>
/// The SIP gateway of one process: UDP and TCP transports, one timer service, the transaction layer, the UAS core and the media
/// plane (one media clock, one RTP port range). New calls go to the <see cref="ICallHandler"/> it is given.
/// </summary>
public sealed class SipGateway : IAsyncDisposable
{
    private readonly SipOptions _options;
    private readonly MediaOptions _mediaOptions;
    private readonly ICallHandler _handler;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SipGateway> _logger;
    private SipTransportLayer? _transport;
    private SipTransactionLayer? _transactions;
    private SipTimerService? _timers;
    private MediaClock? _clock;
    private SipUserAgent? _userAgent;

    /// <summary>Creates the gateway; nothing binds until <see cref="StartAsync"/>.</summary>
    public SipGateway(SipOptions options, MediaOptions mediaOptions, ICallHandler handler, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        _options = options;
        _mediaOptions = mediaOptions;
        _handler = handler;
        _loggerFactory = loggerFactory;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<SipGateway>();
    }

    /// <summary>Where SIP over UDP listens (valid after start).</summary>
    public IPEndPoint UdpEndPoint => _transport?.UdpLocalEndPoint ?? throw new InvalidOperationException("The gateway has not started.");

    /// <summary>Where SIP over TCP listens (valid after start).</summary>
    public IPEndPoint TcpEndPoint => _transport?.TcpLocalEndPoint ?? throw new InvalidOperationException("The gateway has not started.");

    /// <summary>The address written in Via, Contact and SDP.</summary>
    public IPAddress AdvertisedAddress { get; private set; } = IPAddress.Loopback;

    /// <summary>Calls in progress.</summary>
    public int ActiveCalls => _userAgent?.ActiveCalls ?? 0;

    /// <summary>The calls in progress.</summary>
    public IReadOnlyCollection<ICall> Calls => _userAgent?.Calls ?? [];

    /// <summary>
    /// Places an outbound call: INVITE to <see cref="OutboundCallRequest.Target"/>, sent to <paramref name="destination"/>
    /// (the trunk's address; the target's host and port when null, which must then be an IP address). The call is returned at
    /// once; its <see cref="ICall.State"/>, <see cref="ICall.EndReason"/> and <see cref="ICall.FinalStatus"/> tell how it goes,
    /// and the request's handler runs once it is answered.
    /// </summary>
    /// <param name="request">What to call, as whom, how long to ring.</param>
    /// <param name="destination">The next hop, or null.</param>
    /// <param name="transport">UDP or TCP.</param>
    /// <returns>The call, or null when the gateway is at <see cref="SipOptions.MaxConcurrentCalls"/>.</returns>
    /// <exception cref="InvalidOperationException">The gateway has not started.</exception>
    /// <exception cref="ArgumentException">No destination was given and the target's host is not an IP address.</exception>
    public ICall? Originate(OutboundCallRequest request, IPEndPoint? destination = null, Transports.SipTransportKind transport = Transports.SipTransportKind.Udp)
    {
        ArgumentNullException.ThrowIfNull(request);
        var userAgent = _userAgent ?? throw new InvalidOperationException("The gateway has not started.");
        if (destination is null)
        {
            if (!IPAddress.TryParse(request.Target.Host.Trim('[', ']'), out var address))
            {
                throw new ArgumentException($"'{request.Target.Host}' is not an IP address: give the next hop.", nameof(destination));
            }

            destination = new IPEndPoint(address, request.Target.Port ?? 5060);
        }

        return userAgent.StartOutboundCall(request, new Transports.SipEndPoint(transport, destination));
    }

    /// <summary>Raised once per call after it ended (on the call's loop; handlers must return quickly).</summary>
    public event EventHandler<ICall>? CallEnded;

    /// <summary>Binds the SIP listeners and starts the media clock.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the gateway listens.</returns>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var bind = IPAddress.Parse(_options.BindAddress);
        AdvertisedAddress = _options.AdvertisedAddress is { } advertised ? IPAddress.Parse(advertised) : ChooseAdvertisedAddress(bind);
        var transportOptions = new SipTransportOptions
        {
            BindAddress = bind,
            UdpPort = _options.Port,
            TcpPort = _options.Port,
            AdvertisedAddress = AdvertisedAddress,
        };
        _timers = new SipTimerService(_timeProvider);
        _transport = new SipTransportLayer(transportOptions, _loggerFactory.CreateLogger<SipTransportLayer>(), _timeProvider);
        var timerOptions = new SipTimerOptions();
        var userAgentBox = new UserAgentBox();
        _transactions = new SipTransactionLayer(_transport, _timers, timerOptions, userAgentBox, _loggerFactory.CreateLogger<SipTransactionLayer>());
        await _transport.StartAsync(cancellationToken).ConfigureAwait(false);

        _clock = new MediaClock(TimeProvider.System); // media runs on the wall clock, whatever drives signalling timers
        _clock.Start();
        var rtpBind = IPAddress.Parse(_mediaOptions.RtpBindAddress ?? _options.BindAddress);
        var services = new CallServices
        {
            Options = _options,
            MediaOptions = _mediaOptions,
            TimerOptions = timerOptions,
            Transport = _transport,
            Transactions = _transactions,
            Timers = _timers,
            TimeProvider = _timeProvider,
            Handler = _handler,
            RtpPorts = new RtpPortAllocator(rtpBind, _mediaOptions.RtpPortMin, _mediaOptions.RtpPortMax),
            MediaClock = _clock,
            Logger = _loggerFactory.CreateLogger("Softswitch.Gateway.Calls"),
            LoggerFactory = _loggerFactory,
            LocalEndPoint = new IPEndPoint(AdvertisedAddress, _transport.UdpLocalEndPoint.Port),
            AdvertisedRtpAddress = bind.Equals(IPAddress.Any) ? AdvertisedAddress : rtpBind,
        };
        _userAgent = new SipUserAgent(services);
        _userAgent.CallEnded += (_, call) => CallEnded?.Invoke(this, call);
        userAgentBox.Target = _userAgent;
        Log.Listening(_logger, _transport.UdpLocalEndPoint, _transport.TcpLocalEndPoint, AdvertisedAddress);
    }

    /// <summary>Ends every call (BYE when answered, 503 before), waits up to <paramref name="grace"/> for them, then closes the sockets.</summary>
    /// <param name="grace">How long to wait for calls to end.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the gateway has stopped.</returns>
    public async Task StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        if (_userAgent is { } userAgent)
        {
            var calls = userAgent.Calls;
            foreach (var call in calls)
            {
                await call.TerminateAsync(CallEndReason.Shutdown, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                // Leave the BYE transactions time to complete before the sockets close.
                await Task.WhenAll(calls.Select(c => c.Completion)).WaitAsync(grace, cancellationToken).ConfigureAwait(false);
                await Task.WhenAll(calls.Select(c => c.ByeCompletion)).WaitAsync(grace, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Log.StopTimedOut(_logger, userAgent.ActiveCalls);
            }
        }

        await DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_transactions is not null)
        {
            await _transactions.DisposeAsync().ConfigureAwait(false);
            _transactions = null;
        }

        if (_transport is not null)
        {
            await _transport.DisposeAsync().ConfigureAwait(false);
        }

        _clock?.Dispose();
        _clock = null;
        _timers?.Dispose();
        _timers = null;
    }

    private static IPAddress ChooseAdvertisedAddress(IPAddress bind)
    {
        if (!bind.Equals(IPAddress.Any))
        {
            return bind;
        }

        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }

            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                if (unicast.Address.AddressFamily == AddressFamily.InterNetwork)
                {
                    return unicast.Address;
                }
            }
        }

        return IPAddress.Loopback;
    }

    /// <summary>Breaks the construction cycle: the transaction layer needs its user before the user (which needs the layer) exists.</summary>
    private sealed class UserAgentBox : ISipTransactionUser
    {
        public SipUserAgent? Target { get; set; }

        public void OnRequest(ServerTransaction transaction) => Target?.OnRequest(transaction);

        public void OnAckWithoutTransaction(SipInbound ack) => Target?.OnAckWithoutTransaction(ack);

        public void OnCancel(ServerTransaction inviteTransaction, SipInbound cancel) => Target?.OnCancel(inviteTransaction, cancel);

        public void OnTransactionTerminated(SipTransaction transaction, SipTransactionTerminationReason reason) =>
            Target?.OnTransactionTerminated(transaction, reason);
    }
}
