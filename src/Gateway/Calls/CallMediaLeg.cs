using Microsoft.Extensions.Logging;
using Softswitch.Media.Rtp;
using Softswitch.Sip.Sdp;

namespace Softswitch.Gateway.Calls;

/// <summary>
/// The RTP leg of a call, seen from the SIP side: allocates the port the SDP names, turns each offer/answer result into the
/// session's remote address, codec and direction, and keeps the SDP origin's session id and version (RFC 3264 §8).
/// </summary>
internal sealed class CallMediaLeg : IAsyncDisposable, IDisposable
{
    private readonly CallServices _services;
    private readonly ulong _sessionId;
    private ulong _sessionVersion;
    private bool _started;

    private CallMediaLeg(CallServices services, RtpSession session)
    {
        _services = services;
        Session = session;
        _sessionId = (ulong)Random.Shared.NextInt64(1, long.MaxValue);
        _sessionVersion = _sessionId;
    }

    /// <summary>The RTP session.</summary>
    public RtpSession Session { get; }

    /// <summary>Allocates a port and creates the session, or returns null when the port range is exhausted (the call gets 503).</summary>
    public static CallMediaLeg? TryAllocate(CallServices services)
    {
        var lease = services.RtpPorts.TryAllocate();
        if (lease is null)
        {
            return null;
        }

        var options = new RtpSessionOptions { SymmetricRtp = services.MediaOptions.SymmetricRtp };
        var logger = services.LoggerFactory.CreateLogger<RtpSession>();
        return new CallMediaLeg(services, new RtpSession(lease, services.MediaClock, options, logger));
    }

    /// <summary>What we can offer or accept, with a new SDP version each time our description may change.</summary>
    public SdpLocalCapabilities Capabilities() => new(_services.AdvertisedRtpAddress, Session.LocalEndPoint.Port)
    {
        Ptime = _services.MediaOptions.PtimeMs,
        SessionId = _sessionId,
        SessionVersion = _sessionVersion++,
        Username = "softswitch",
    };

    /// <summary>Points the session at what the offer/answer settled.</summary>
    public void Apply(SdpAnswerResult result)
    {
        if (result.SelectedPayloadType is 0 or 8)
        {
            Session.PayloadType = result.SelectedPayloadType;
        }

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

    /// <summary>Starts sending and receiving (idempotent).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        await Session.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Session.DisposeAsync();

    /// <inheritdoc/>
    public void Dispose() => Session.Dispose();
}
