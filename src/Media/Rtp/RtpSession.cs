using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Softswitch.Media.Clock;
using Softswitch.Media.Codecs;
using Softswitch.Media.Playout;
using Softswitch.Media.Resampling;

namespace Softswitch.Media.Rtp;

/// <summary>
/// The RTP leg of one call (<see href="https://www.rfc-editor.org/rfc/rfc3550"/>, audio profile
/// <see href="https://www.rfc-editor.org/rfc/rfc3551"/>) carrying G.711 at 8 kHz, with 16 kHz PCM on the application side.
/// <para>
/// Inbound: one receive loop per socket with one reusable buffer validates each packet, drops malformed ones and other
/// payload types (counting them), optionally latches onto the peer's source address (symmetric RTP, RFC 4961), decodes,
/// resamples to 16 kHz and hands 20 ms frames of 320 samples to the <see cref="AudioSink"/>.
/// </para>
/// <para>
/// Outbound: audio given to <see cref="Enqueue"/> waits in a fixed ring allocated at setup; on every tick of the process-wide
/// <see cref="MediaClock"/> the session takes one frame (silence when the ring is empty), resamples it to 8 kHz, encodes and sends
/// one packet (RFC 3550 §5.1: sequence +1, timestamp +160, marker on the first packet of a talkspurt, RFC 3551 §4.1). Nothing
/// is sent before a remote end point is known, or while the direction or <see cref="Hold"/> forbids sending.
/// </para>
/// Receiving and sending allocate nothing per packet. Properties may be read and set from any thread.
/// </summary>
public sealed partial class RtpSession : IMediaClockListener, IAsyncDisposable, IDisposable
{
    private const int StateCreated = 0;
    private const int StateStarted = 1;
    private const int StateDisposed = 2;

    private readonly RtpPortLease _lease;
    private readonly Socket _socket;
    private readonly MediaClock _clock;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly PlayoutQueue _playout;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _stateLock = new();

    private volatile Remote? _remote;
    private volatile int _payloadType;
    private volatile MediaDirection _direction;
    private volatile bool _held;
    private volatile bool _latched;
    private volatile IAudioSink? _sink;
    private int _state;
    private Task? _receiveLoop;

    /// <summary>Creates a session on a leased port; the session owns the lease and releases it on dispose.</summary>
    /// <param name="lease">Port and bound socket from <see cref="RtpPortAllocator.TryAllocate"/>.</param>
    /// <param name="clock">The process-wide media clock that paces sending.</param>
    /// <param name="options">Codec, remote end point and other settings; defaults to PCMU, symmetric RTP, no remote yet.</param>
    /// <param name="logger">Logger; defaults to none.</param>
    /// <exception cref="DllNotFoundException">libspeexdsp.so.1 is missing.</exception>
    public RtpSession(RtpPortLease lease, MediaClock clock, RtpSessionOptions? options = null, ILogger<RtpSession>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(clock);
        options ??= new RtpSessionOptions();
        if (!G711.IsG711(options.PayloadType))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PayloadType, "PayloadType must be 0 (PCMU) or 8 (PCMA).");
        }

        _lease = lease;
        _socket = lease.Socket;
        _clock = clock;
        _timeProvider = clock.TimeProvider;
        _logger = logger ?? NullLogger<RtpSession>.Instance;
        _payloadType = options.PayloadType;
        _direction = options.Direction;
        SymmetricRtp = options.SymmetricRtp;
        _playout = new PlayoutQueue(options.PlayoutCapacityFrames, AudioFormat.FrameSamples);
        _receivedAddress = new SocketAddress(_socket.AddressFamily);
        _resamplerQuality = options.ResamplerQuality;
        SpeexResampler.EnsureAvailable(); // fail at setup, naming the library, not on the first packet
        Ssrc = (uint)Random.Shared.NextInt64(0, 1L << 32);
        _sequence = (ushort)Random.Shared.Next(0, 1 << 16);
        _timestamp = (uint)Random.Shared.NextInt64(0, 1L << 32);
        if (options.RemoteEndPoint is not null)
        {
            RemoteEndPoint = options.RemoteEndPoint;
        }
    }

    /// <summary>Raised on the media clock thread when the last queued frame has been sent. Handlers must return quickly.</summary>
    public event EventHandler? PlayoutDrained;

    /// <summary>The local RTP end point, for the SDP c= and m= lines.</summary>
    public IPEndPoint LocalEndPoint => _lease.LocalEndPoint;

    /// <summary>Our SSRC (random, RFC 3550 §8).</summary>
    public uint Ssrc { get; }

    /// <summary>Whether symmetric RTP latching is on.</summary>
    public bool SymmetricRtp { get; }

    /// <summary>Whether the session has latched onto the source of received packets since <see cref="RemoteEndPoint"/> was last set.</summary>
    public bool IsLatched => _latched;

    /// <summary>
    /// Where packets are sent: the SDP address until symmetric RTP latches onto the peer's actual source. Setting it (after a
    /// new offer/answer) restarts latching.
    /// </summary>
    public IPEndPoint? RemoteEndPoint
    {
        get => _remote?.EndPoint;
        set
        {
            _remote = value is null ? null : CreateRemote(value);
            _latched = false;
        }
    }

    /// <summary>The payload type sent and accepted: 0 (PCMU) or 8 (PCMA).</summary>
    public int PayloadType
    {
        get => _payloadType;
        set
        {
            if (!G711.IsG711(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "PayloadType must be 0 (PCMU) or 8 (PCMA).");
            }

            _payloadType = value;
        }
    }

    /// <summary>Negotiated direction from our side (RFC 3264 §5.1); sending and delivery follow it.</summary>
    public MediaDirection Direction
    {
        get => _direction;
        set => _direction = value;
    }

    /// <summary>Whether <see cref="Hold"/> has suspended the media.</summary>
    public bool IsOnHold => _held;

    /// <summary>Receives inbound audio as 20 ms 16 kHz frames; null discards it.</summary>
    public IAudioSink? AudioSink
    {
        get => _sink;
        set => _sink = value;
    }

    /// <summary>Whether packets go out on the next tick: started, remote known, direction and hold allow sending.</summary>
    public bool IsSending => Volatile.Read(ref _state) == StateStarted && _remote is not null && CanSend;

    /// <summary>Whether nothing is waiting to be played.</summary>
    public bool IsPlayoutIdle => _playout.IsEmpty;

    /// <summary>20 ms frames waiting to be played.</summary>
    public int PlayoutQueuedFrames => _playout.Count;

    /// <summary>Capacity of the playout queue in frames.</summary>
    public int PlayoutCapacityFrames => _playout.CapacityFrames;

    /// <summary>Queued frames actually sent since the session was created (for trimming what the caller heard after barge-in).</summary>
    public long FramesPlayed => Volatile.Read(ref _framesPlayed);

    /// <summary>RTP packets sent.</summary>
    public long PacketsSent => Volatile.Read(ref _packetsSent);

    /// <summary>Payload octets sent (RFC 3550 §6.4.1 sender's octet count).</summary>
    public long BytesSent => Volatile.Read(ref _bytesSent);

    /// <summary>Valid RTP packets of the negotiated payload type received from the accepted source.</summary>
    public long PacketsReceived => Volatile.Read(ref _packetsReceived);

    /// <summary>Payload octets of <see cref="PacketsReceived"/>.</summary>
    public long BytesReceived => Volatile.Read(ref _bytesReceived);

    /// <summary>Datagrams dropped as malformed RTP (RFC 3550 §A.1 checks).</summary>
    public long MalformedPackets => Volatile.Read(ref _malformedPackets);

    /// <summary>Valid packets ignored: another payload type (comfort noise, events) or, once latched, another source.</summary>
    public long IgnoredPackets => Volatile.Read(ref _ignoredPackets);

    /// <summary>When the last accepted packet arrived (for RTP timeouts); null before the first.</summary>
    public DateTimeOffset? LastReceived
    {
        get
        {
            long ticks = Volatile.Read(ref _lastReceivedUtcTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    private bool CanSend => !_held && _direction is MediaDirection.SendRecv or MediaDirection.SendOnly;

    private bool CanReceive => !_held && _direction is MediaDirection.SendRecv or MediaDirection.RecvOnly;

    /// <summary>
    /// Queues 16 kHz mono audio of any length for playout, cut into 20 ms frames; all of it or nothing. A trailing partial frame
    /// is played (padded with silence) when nothing follows it.
    /// </summary>
    /// <param name="pcm16k">Samples at 16 kHz.</param>
    /// <returns>False, queuing nothing, when the queue lacks room (see <see cref="PlayoutCapacityFrames"/>).</returns>
    public bool Enqueue(ReadOnlySpan<short> pcm16k) => _playout.TryEnqueue(pcm16k);

    /// <summary>Drops all queued audio at once (barge-in); the next tick sends silence.</summary>
    /// <returns>Frames dropped.</returns>
    public int ClearPlayout() => _playout.Clear();

    /// <summary>Suspends (true) or resumes (false) sending and delivery, keeping the negotiated <see cref="Direction"/>.</summary>
    /// <param name="onHold">True to suspend.</param>
    public void Hold(bool onHold) => _held = onHold;

    /// <summary>Starts the receive loop and joins the media clock. Starting twice has no effect.</summary>
    /// <param name="cancellationToken">Not used beyond an early check: start completes synchronously.</param>
    /// <returns>A completed task.</returns>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_stateLock)
        {
            ObjectDisposedException.ThrowIf(_state == StateDisposed, this);
            if (_state == StateStarted)
            {
                return Task.CompletedTask;
            }

            _state = StateStarted;
            _receiveLoop = ReceiveLoopAsync(_stopping.Token);
        }

        _clock.Register(this);
        Log.SessionStarted(_logger, LocalEndPoint, _payloadType, Ssrc);
        return Task.CompletedTask;
    }

    /// <summary>Leaves the clock, closes the socket and releases the port without waiting for the receive loop to end.</summary>
    public void Dispose()
    {
        Task? loop;
        lock (_stateLock)
        {
            if (_state == StateDisposed)
            {
                return;
            }

            _state = StateDisposed;
            loop = _receiveLoop;
        }

        _clock.Unregister(this);
        _stopping.Cancel();
        lock (_sendLock)
        {
            _downsampler?.Dispose(); // a tick in progress finishes first; later ticks see the state and return
        }

        _lease.Dispose();
        if (loop is null)
        {
            ReleaseReceiveResources();
        }

        Log.SessionStopped(_logger, LocalEndPoint, PacketsReceived, PacketsSent, MalformedPackets);
    }

    /// <summary>As <see cref="Dispose"/>, then waits for the receive loop to end.</summary>
    /// <returns>A task that completes when the session is fully stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        Dispose();
        Task? loop = _receiveLoop;
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private Remote CreateRemote(IPEndPoint endPoint)
    {
        var target = endPoint;
        if (_socket.AddressFamily == AddressFamily.InterNetworkV6 && endPoint.AddressFamily == AddressFamily.InterNetwork)
        {
            target = new IPEndPoint(endPoint.Address.MapToIPv6(), endPoint.Port);
        }

        return new Remote(endPoint, target.Serialize());
    }

    // The cancellation source is disposed by DisposeAsync once the loop has ended (a sync Dispose leaves it to the GC).
    private void ReleaseReceiveResources() => _upsampler?.Dispose();

    /// <summary>Where to send: the end point as given and its serialized form for allocation-free SendTo.</summary>
    private sealed class Remote(IPEndPoint endPoint, SocketAddress address)
    {
        public IPEndPoint EndPoint { get; } = endPoint;

        public SocketAddress Address { get; } = address;
    }
}
