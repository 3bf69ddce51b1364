using Microsoft.Extensions.Logging;
using Softswitch.Media.Codecs;
using Softswitch.Media.Rtp;
using Softswitch.Media.Srtp;
using Softswitch.Sip.Sdp;

namespace Softswitch.Gateway.Calls;

/// <summary>
/// The media side of one call: the RTP session, what we offer and accept in SDP (codecs in the configured order, telephone-event,
/// comfort noise, rtcp-mux, SRTP with SDES keys), and turning an agreed offer/answer into the session's settings.
/// </summary>
internal sealed class CallMediaLeg : IAsyncDisposable, IDisposable
{
    private readonly CallServices _services;
    private readonly ulong _sessionId;
    private readonly IReadOnlyList<SdpCodec> _codecs;
    private readonly SdpSrtpMode _srtpMode;
    private readonly SrtpSuite[] _suites;
    private ulong _sessionVersion;
    private bool _started;
    private SdesCrypto[]? _offeredKeys;
    private string? _appliedLocalCrypto;
    private string? _appliedRemoteCrypto;

    private CallMediaLeg(CallServices services, RtpSession session, IReadOnlyList<string>? codecOrder)
    {
        _services = services;
        Session = session;
        _sessionId = (ulong)Random.Shared.NextInt64(1, long.MaxValue);
        _sessionVersion = _sessionId;
        var options = services.MediaOptions;
        _codecs = CodecsFor(codecOrder ?? options.Codecs, options);
        _srtpMode = Enum.Parse<SdpSrtpMode>(options.Srtp, ignoreCase: true);
        _suites = [.. options.SrtpSuites.Select(s => SrtpSuiteDescriptor.TryFromName(s, out var suite) ? suite.Suite : throw new InvalidOperationException("Unknown SRTP suite " + s))];
    }

    public RtpSession Session { get; }

    /// <summary>Leases an RTP port pair and creates the session; null when the port range is exhausted (answer 503).</summary>
    /// <param name="services">The call services.</param>
    /// <param name="codecOrder">The trunk's codec preference, or null for <see cref="MediaOptions.Codecs"/>.</param>
    /// <returns>The leg, or null.</returns>
    public static CallMediaLeg? TryAllocate(CallServices services, IReadOnlyList<string>? codecOrder = null)
    {
        var lease = services.RtpPorts.TryAllocate();
        if (lease is null)
        {
            return null;
        }

        var media = services.MediaOptions;
        var options = new RtpSessionOptions
        {
            SymmetricRtp = media.SymmetricRtp,
            InbandDtmf = media.InbandDtmf,
            RtcpInterval = TimeSpan.FromSeconds(media.RtcpIntervalSeconds),
        };
        var logger = services.LoggerFactory.CreateLogger<RtpSession>();
        return new CallMediaLeg(services, new RtpSession(lease, services.MediaClock, options, logger), codecOrder);
    }

    /// <summary>The SDP codecs for a preference order: known names only, G.729 only when switched on (then last if not listed).</summary>
    internal static IReadOnlyList<SdpCodec> CodecsFor(IEnumerable<string> order, MediaOptions options)
    {
        var codecs = new List<SdpCodec>();
        foreach (var name in order)
        {
            if (AudioCodecs.FindByName(name) is { } codec && (codec != AudioCodecs.G729 || options.G729) && AudioCodecs.IsAvailable(codec, out _)
                && !codecs.Exists(c => c.EncodingName == codec.EncodingName))
            {
                codecs.Add(ToSdp(codec, options));
            }
        }

        if (options.G729 && AudioCodecs.IsAvailable(AudioCodecs.G729, out _) && !codecs.Exists(c => c.EncodingName == AudioCodecs.G729.EncodingName))
        {
            codecs.Add(ToSdp(AudioCodecs.G729, options));
        }

        return codecs;
    }

    public SdpLocalCapabilities Capabilities()
    {
        var options = _services.MediaOptions;
        return new SdpLocalCapabilities(_services.AdvertisedRtpAddress, Session.LocalEndPoint.Port)
        {
            Codecs = _codecs,
            ComfortNoise = options.ComfortNoise,
            RtcpMux = options.RtcpMux,
            Srtp = _srtpMode,
            SrtpOfferCryptos = _srtpMode == SdpSrtpMode.Mandatory ? OfferKeys() : [],
            SrtpAnswerer = AnswerCrypto,
            Ptime = options.PtimeMs,
            SessionId = _sessionId,
            SessionVersion = _sessionVersion++,
            Username = "softswitch",
        };
    }

    /// <summary>Applies an agreed offer/answer to the session: codec, events, CN, RTCP, SRTP keys, remote address, direction.</summary>
    /// <param name="result">The accepted result.</param>
    public void Apply(SdpAnswerResult result)
    {
        var current = Session.Settings;
        var settings = current;
        if (result.SelectedCodec is { } map && AudioCodecs.Find(map.EncodingName, map.ClockRate) is { } codec)
        {
            var options = _services.MediaOptions;
            settings = current with
            {
                Codec = codec,
                PayloadType = result.SelectedPayloadType,
                CodecParameters = CodecParametersFor(result.RemoteFmtp, options),
                TelephoneEventPayloadType = result.TelephoneEventPayloadType,
                TelephoneEventClockRate = result.TelephoneEventClockRate,
                ComfortNoisePayloadType = result.ComfortNoisePayloadType,
                RtcpMux = result.RtcpMux,
                RemoteRtcpEndPoint = result.RemoteRtcpEndPoint,
                Srtp = SrtpFor(result, current.Srtp),
            };
            if (settings.CodecParameters.RemoteFmtp.Count == current.CodecParameters.RemoteFmtp.Count
                && settings.CodecParameters.RemoteFmtp.All(p => current.CodecParameters.RemoteFmtp.TryGetValue(p.Key, out var v) && v == p.Value))
            {
                settings = settings with { CodecParameters = current.CodecParameters }; // same fmtp: keep the codec state
            }
        }

        Session.Configure(settings);
        if (result.RemoteEndPoint is { } remote)
        {
            Session.RemoteEndPoint = remote;
        }

        // result.Direction is the remote side's; ours is its mirror (RFC 3264 §6.1).
        Session.Direction = SdpNegotiator.Reverse(result.Direction) switch
        {
            SdpDirection.SendOnly => MediaDirection.SendOnly,
            SdpDirection.RecvOnly => MediaDirection.RecvOnly,
            SdpDirection.Inactive => MediaDirection.Inactive,
            _ => MediaDirection.SendRecv,
        };
        Session.Hold(result.RemoteEndPoint is null);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        await Session.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => Session.DisposeAsync();

    public void Dispose() => Session.Dispose();

    private static SdpCodec ToSdp(AudioCodecInfo codec, MediaOptions options)
    {
        var fmtp = codec.Fmtp;
        if (codec == AudioCodecs.Opus)
        {
            fmtp = "useinbandfec=" + (options.OpusFec ? "1" : "0") + ";usedtx=" + (options.OpusDtx ? "1" : "0") + ";stereo=0;maxplaybackrate=16000";
        }

        return new SdpCodec(codec.EncodingName, codec.ClockRate, codec.PayloadType, codec.Channels > 1 ? codec.Channels : null, fmtp);
    }

    private static CodecParameters CodecParametersFor(string? remoteFmtp, MediaOptions options) => new()
    {
        RemoteFmtp = CodecParameters.ParseFmtp(remoteFmtp),
        OpusBitrate = options.OpusBitrate,
        OpusComplexity = options.OpusComplexity,
        OpusDtx = options.OpusDtx,
        OpusInbandFec = options.OpusFec,
    };

    private IReadOnlyList<string> OfferKeys()
    {
        _offeredKeys ??= [.. _suites.Select((suite, i) => SdesCrypto.Generate(i + 1, suite))];
        return [.. _offeredKeys.Select(k => k.Format())];
    }

    private string? AnswerCrypto(IReadOnlyList<string> offered)
    {
        if (_appliedRemoteCrypto is not null && offered.Contains(_appliedRemoteCrypto) && _appliedLocalCrypto is not null)
        {
            return _appliedLocalCrypto; // a re-offer with the same key: keep ours (RFC 4568 §7.1.4 allows reuse)
        }

        return SdesNegotiation.TryAnswer(offered, _suites, out _, out var local) ? local.Format() : null;
    }

    private SrtpSession? SrtpFor(SdpAnswerResult result, SrtpSession? current)
    {
        if (!result.IsSecure || result.LocalCrypto is null || result.RemoteCrypto is null)
        {
            _appliedLocalCrypto = _appliedRemoteCrypto = null;
            return null;
        }

        if (current is not null && result.LocalCrypto == _appliedLocalCrypto && result.RemoteCrypto == _appliedRemoteCrypto)
        {
            return current; // same keys: keep the contexts (and their replay windows and rollover counters)
        }

        if (!SdesCrypto.TryParse(result.LocalCrypto, out var local, out _) || !SdesCrypto.TryParse(result.RemoteCrypto, out var remote, out _))
        {
            return null;
        }

        _appliedLocalCrypto = result.LocalCrypto;
        _appliedRemoteCrypto = result.RemoteCrypto;
        return new SrtpSession(local, remote);
    }
}
