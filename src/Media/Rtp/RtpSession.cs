using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Softswitch.Media.Clock;
using Softswitch.Media.Codecs;
using Softswitch.Media.Dtmf;
using Softswitch.Media.Jitter;
using Softswitch.Media.Playout;
using Softswitch.Media.Recording;
using Softswitch.Media.Resampling;

namespace Softswitch.Media.Rtp;

/// <summary>
/// The RTP leg of one call (<see href="https://www.rfc-editor.org/rfc/rfc3550"/>, audio profile
/// <see href="https://www.rfc-editor.org/rfc/rfc3551"/>) in any codec of <see cref="AudioCodecs"/>, with 16 kHz PCM on the
/// application side.
/// <para>
/// Inbound: one receive loop per socket with one reusable buffer unprotects SRTP, validates each packet, latches onto the peer's
/// source (symmetric RTP, RFC 4961), and files it: audio into the <see cref="AdaptiveJitterBuffer"/>, RFC 4733 telephone-events
/// into the DTMF receiver, RFC 3389 comfort noise as the noise level, RTCP (multiplexed or on its own port) into the statistics.
/// On every tick of the process-wide <see cref="MediaClock"/> the session takes one 20 ms frame from the jitter buffer, decodes
/// it, or conceals a lost one (Opus in-band FEC when the next packet is there, else the codec's PLC), resamples it to 16 kHz and
/// hands it to the <see cref="AudioSink"/>.
/// </para>
/// <para>
/// Outbound, on the same tick: one 20 ms frame from the playout queue (silence when empty) is resampled to the codec's rate,
/// encoded and sent (RFC 3550 §5.1: sequence +1, timestamp + one frame, marker on the first packet of a talkspurt), unless a DTMF
/// event is being sent. RTCP sender or receiver reports go out every ~5 s. The optional <see cref="Recording"/> gets both frames
/// of each tick, so its channels stay aligned.
/// </para>
/// Receiving, ticking and sending allocate nothing per packet. Properties may be read and set from any thread.
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
    private readonly RtpSessionOptions _options;

    private volatile Remote? _remote;
    private volatile StreamState _stream;
    private volatile MediaDirection _direction;
    private volatile bool _held;
    private volatile bool _latched;
    private volatile IAudioSink? _sink;
    private volatile int _inputBandwidth = AudioFormat.SampleRate / 2;
    private volatile CallRecording? _recording;
    private int _state;
    private Task? _receiveLoop;
    private Task? _rtcpLoop;
    private UdpDrain? _rtpDrain;
    private UdpDrain? _rtcpDrain;

    /// <summary>Creates a session on a leased port pair; the session owns the lease and releases it on dispose.</summary>
    /// <param name="lease">Ports and bound sockets from <see cref="RtpPortAllocator.TryAllocate"/>.</param>
    /// <param name="clock">The process-wide media clock that paces playout and sending.</param>
    /// <param name="options">Initial codec, remote end point and other settings; defaults to PCMU, symmetric RTP, no remote yet.</param>
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

        _options = options;
        _lease = lease;
        _socket = lease.Socket;
        _clock = clock;
        _timeProvider = clock.TimeProvider;
        _logger = logger ?? NullLogger<RtpSession>.Instance;
        _direction = options.Direction;
        SymmetricRtp = options.SymmetricRtp;
        _playout = new PlayoutQueue(options.PlayoutCapacityFrames, AudioFormat.FrameSamples);
        _receivedAddress = new SocketAddress(_socket.AddressFamily);
        _rtcpReceivedAddress = new SocketAddress(_socket.AddressFamily);
        SpeexResampler.EnsureAvailable(); // fail at setup, naming the library, not on the first packet
        Ssrc = (uint)Random.Shared.NextInt64(0, 1L << 32);
        _sequence = (ushort)Random.Shared.Next(0, 1 << 16);
        _timestamp = (uint)Random.Shared.NextInt64(0, 1L << 32);
        _cname = Encoding.ASCII.GetBytes(options.CName ?? "softswitch@" + lease.LocalEndPoint.Address);
        _stream = new StreamState(RtpStreamSettings.Default with
        {
            Codec = options.PayloadType == RtpPayloadTypes.Pcma ? AudioCodecs.Pcma : AudioCodecs.Pcmu,
            PayloadType = options.PayloadType,
        });
        _stream.GetEncoder(options.ResamplerQuality);
        _stream.GetDecoder(options.ResamplerQuality);
        if (options.RemoteEndPoint is not null)
        {
            RemoteEndPoint = options.RemoteEndPoint;
        }
    }

    /// <summary>Raised on the media clock thread when the last queued frame has been sent. Handlers must return quickly.</summary>
    public event EventHandler? PlayoutDrained;

    /// <summary>
    /// Raised once per key press received as RFC 4733 events (receive thread) or found in the audio (media clock thread).
    /// Handlers must return quickly.
    /// </summary>
    public event EventHandler<DtmfDigit>? DtmfReceived;

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

    /// <summary>The current stream settings (codec, payload types, RTCP, SRTP).</summary>
    public RtpStreamSettings Settings => _stream.Settings;

    /// <summary>The codec in use.</summary>
    public AudioCodecInfo Codec => _stream.Settings.Codec;

    /// <summary>
    /// The highest audio frequency in what this leg plays out, in Hz: 8000 (16 kHz PCM, full band) unless a <c>MediaBridge</c>
    /// says it carries a narrowband leg's audio (4000 for G.711). The encoder is told on the next tick (see
    /// <see cref="IAudioEncoder.LimitInputBandwidth"/>): Opus then codes narrowband at less CPU.
    /// </summary>
    public int InputAudioBandwidth
    {
        get => _inputBandwidth;
        set => _inputBandwidth = Math.Clamp(value, 1000, AudioFormat.SampleRate / 2);
    }

    /// <summary>
    /// The audio payload type sent and accepted. Setting 0 or 8 switches to PCMU or PCMA (a shorthand for <see cref="Configure"/>).
    /// </summary>
    public int PayloadType
    {
        get => _stream.Settings.PayloadType;
        set
        {
            if (!G711.IsG711(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "PayloadType must be 0 (PCMU) or 8 (PCMA); use Configure for other codecs.");
            }

            Configure(_stream.Settings with { Codec = value == RtpPayloadTypes.Pcma ? AudioCodecs.Pcma : AudioCodecs.Pcmu, PayloadType = value });
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

    /// <summary>Receives inbound audio as 20 ms 16 kHz frames on the media clock thread; null discards it.</summary>
    public IAudioSink? AudioSink
    {
        get => _sink;
        set => _sink = value;
    }

    /// <summary>
    /// The dual-channel recording fed on every tick (caller left, us right), or null. The session does not own it: whoever sets
    /// it completes it when the call ends.
    /// </summary>
    public CallRecording? Recording
    {
        get => _recording;
        set => _recording = value;
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

    /// <summary>Valid RTP packets of the negotiated payload types (audio, events, CN) received from the accepted source.</summary>
    public long PacketsReceived => Volatile.Read(ref _packetsReceived);

    /// <summary>Payload octets of <see cref="PacketsReceived"/>.</summary>
    public long BytesReceived => Volatile.Read(ref _bytesReceived);

    /// <summary>Datagrams dropped as malformed RTP (RFC 3550 §A.1 checks).</summary>
    public long MalformedPackets => Volatile.Read(ref _malformedPackets);

    /// <summary>Valid packets ignored: a payload type not negotiated or, once latched, another source.</summary>
    public long IgnoredPackets => Volatile.Read(ref _ignoredPackets);

    /// <summary>SRTP and SRTCP packets dropped because authentication or the replay check failed.</summary>
    public long SrtpFailures => Volatile.Read(ref _srtpFailures);

    /// <summary>RTCP packets received (valid compound packets).</summary>
    public long RtcpPacketsReceived => Volatile.Read(ref _rtcpReceived);

    /// <summary>RTCP compound packets sent.</summary>
    public long RtcpPacketsSent => Volatile.Read(ref _rtcpSent);

    /// <summary>When the last accepted RTP packet arrived (for RTP inactivity timeouts); null before the first.</summary>
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
    /// Applies negotiated settings (after an offer/answer, or a re-INVITE that changes them): codec, payload types, RTCP, SRTP.
    /// Encoders and decoders are recreated only when the codec or its parameters change; the jitter buffer restarts.
    /// </summary>
    /// <param name="settings">The settings.</param>
    /// <exception cref="DllNotFoundException">The codec's native library is missing (the message names the Debian package).</exception>
    public void Configure(RtpStreamSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        lock (_tickLock)
        {
            StreamState current = _stream;
            if (current.Settings == settings)
            {
                return;
            }

            bool sameCodec = current.Settings.Codec == settings.Codec && current.Settings.CodecParameters == settings.CodecParameters;
            var next = new StreamState(settings);
            if (sameCodec)
            {
                next.AdoptCodecFrom(current);
            }
            else
            {
                current.DisposeCodec();
            }

            if (!ReferenceEquals(current.Settings.Srtp, settings.Srtp))
            {
                current.Settings.Srtp?.Dispose();
            }

            // Encoders, decoders and resamplers are made here, off the media clock thread (a codec's first use loads its library).
            next.GetEncoder(_options.ResamplerQuality);
            next.GetDecoder(_options.ResamplerQuality);
            lock (_receiveLock)
            {
                _stream = next;
                _dtmfReceiver = settings.TelephoneEventPayloadType is null ? null : new DtmfReceiver(settings.TelephoneEventClockRate);
                _comfortNoiseActive = false;
            }

            _dtmfSender = settings.TelephoneEventPayloadType is null ? null : new DtmfSender(settings.TelephoneEventClockRate);
            _inbandDetector?.Dispose();
            _inbandDetector = null;
        }
    }

    /// <summary>
    /// Queues 16 kHz mono audio of any length for playout, cut into 20 ms frames; all of it or nothing. A trailing partial frame
    /// is played (padded with silence) when nothing follows it.
    /// </summary>
    /// <param name="pcm16k">Samples at 16 kHz.</param>
    /// <returns>False, queuing nothing, when the queue lacks room (see <see cref="PlayoutCapacityFrames"/>).</returns>
    public bool Enqueue(ReadOnlySpan<short> pcm16k) => _playout.TryEnqueue(pcm16k);

    /// <summary>Drops the oldest queued frame (a bridge keeping its delay bounded).</summary>
    /// <returns>False when nothing was queued.</returns>
    public bool DropOldestPlayoutFrame() => _playout.TryDequeue(_dropScratch);

    /// <summary>Drops all queued audio at once (barge-in); the next tick sends silence.</summary>
    /// <returns>Frames dropped.</returns>
    public int ClearPlayout() => _playout.Clear();

    /// <summary>Suspends (true) or resumes (false) sending and delivery, keeping the negotiated <see cref="Direction"/>.</summary>
    /// <param name="onHold">True to suspend.</param>
    public void Hold(bool onHold) => _held = onHold;

    /// <summary>
    /// Joins the media clock, which from now on reads the RTP and RTCP sockets at each tick (receive loops where the platform
    /// cannot drain sockets that way). Starting twice has no effect.
    /// </summary>
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
            if (UdpDrain.IsSupported)
            {
                // The clock reads both sockets at each tick: no thread, no thread-pool hop per packet.
                _rtpDrain = new UdpDrain(_socket, ReceiveBufferSize, _receivedAddress);
                _rtcpDrain = new UdpDrain(_lease.RtcpSocket, ReceiveBufferSize, _rtcpReceivedAddress);
            }
            else
            {
                _receiveLoop = ReceiveLoopAsync(_socket, _receivedAddress, rtcpOnly: false, _stopping.Token);
                _rtcpLoop = ReceiveLoopAsync(_lease.RtcpSocket, _rtcpReceivedAddress, rtcpOnly: true, _stopping.Token);
            }
        }

        _clock.Register(this);
        Log.SessionStarted(_logger, LocalEndPoint, PayloadType, Ssrc);
        return Task.CompletedTask;
    }

    /// <summary>Sends an RTCP BYE, leaves the clock, closes the sockets and releases the ports without waiting for the receive loops.</summary>
    public void Dispose()
    {
        Task? loop;
        lock (_stateLock)
        {
            if (_state == StateDisposed)
            {
                return;
            }

            bool started = _state == StateStarted;
            _state = StateDisposed;
            loop = _receiveLoop;
            if (started)
            {
                lock (_tickLock)
                {
                    SendRtcpGoodbye();
                }
            }
        }

        _clock.Unregister(this);
        _stopping.Cancel();
        lock (_tickLock)
        {
            // a tick in progress finishes first; later ticks see the state and return
            _stream.DisposeCodec();
            _stream.Settings.Srtp?.Dispose();
            _inbandDetector?.Dispose();
        }

        _lease.Dispose();
        MediaMetrics.RecordQuality(GetQuality(), PacketsReceived);
        Log.SessionStopped(_logger, LocalEndPoint, PacketsReceived, PacketsSent, MalformedPackets);
    }

    /// <summary>As <see cref="Dispose"/>, then waits for the receive loops to end.</summary>
    /// <returns>A task that completes when the session is fully stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        Dispose();
        if (_receiveLoop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }

        if (_rtcpLoop is { } rtcp)
        {
            await rtcp.ConfigureAwait(false);
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

    /// <summary>Where to send: the end point as given and its serialized form for allocation-free SendTo.</summary>
    private sealed class Remote(IPEndPoint endPoint, SocketAddress address)
    {
        public IPEndPoint EndPoint { get; } = endPoint;

        public SocketAddress Address { get; } = address;
    }

    /// <summary>
    /// The negotiated settings with the codec objects that belong to them; replaced as a whole by <see cref="Configure"/> so the
    /// receive thread always sees a consistent set. The encoder and decoder are used on the clock thread under the tick lock.
    /// </summary>
    private sealed class StreamState(RtpStreamSettings settings)
    {
        public RtpStreamSettings Settings { get; } = settings;

        public int PayloadType { get; } = settings.PayloadType;

        public int TelephoneEventPayloadType { get; } = settings.TelephoneEventPayloadType ?? -1;

        public int ComfortNoisePayloadType { get; } = settings.ComfortNoisePayloadType ?? -1;

        public AdaptiveJitterBuffer Jitter { get; } = new(settings.Codec.ClockRate, TimeSpan.TicksPerSecond);

        public IAudioEncoder? Encoder { get; private set; }

        public IAudioDecoder? Decoder { get; private set; }

        /// <summary>The input bandwidth the encoder was last told (Hz); full band for a new encoder.</summary>
        public int EncoderBandwidth { get; set; } = AudioFormat.SampleRate / 2;

        /// <summary>16 kHz → codec rate, or null when the codec works at 16 kHz (G.722, Opus).</summary>
        public SpeexResampler? Downsampler { get; private set; }

        /// <summary>Codec rate → 16 kHz, or null when the codec works at 16 kHz.</summary>
        public SpeexResampler? Upsampler { get; private set; }

        public IAudioEncoder GetEncoder(int quality)
        {
            if (Encoder is null)
            {
                Encoder = Settings.Codec.CreateEncoder(Settings.CodecParameters);
                if (Encoder.SampleRate != AudioFormat.SampleRate)
                {
                    Downsampler = new SpeexResampler(AudioFormat.SampleRate, Encoder.SampleRate, quality);
                }
            }

            return Encoder;
        }

        public IAudioDecoder GetDecoder(int quality)
        {
            if (Decoder is null)
            {
                Decoder = Settings.Codec.CreateDecoder(Settings.CodecParameters);
                if (Decoder.SampleRate != AudioFormat.SampleRate)
                {
                    Upsampler = new SpeexResampler(Decoder.SampleRate, AudioFormat.SampleRate, quality);
                }
            }

            return Decoder;
        }

        public void AdoptCodecFrom(StreamState previous)
        {
            Encoder = previous.Encoder;
            EncoderBandwidth = previous.EncoderBandwidth;
            Decoder = previous.Decoder;
            Downsampler = previous.Downsampler;
            Upsampler = previous.Upsampler;
        }

        public void DisposeCodec()
        {
            Encoder?.Dispose();
            Decoder?.Dispose();
            Downsampler?.Dispose();
            Upsampler?.Dispose();
            Encoder = null;
            EncoderBandwidth = AudioFormat.SampleRate / 2;
            Decoder = null;
            Downsampler = null;
            Upsampler = null;
        }
    }
}
