using System.Net;
using Microsoft.Extensions.Logging;
using Softswitch.Gateway.Timers;
using Softswitch.Gateway.Transactions;
using Softswitch.Gateway.Transports;
using Softswitch.Media.Clock;
using Softswitch.Media.Rtp;
using Softswitch.Sip;

namespace Softswitch.Gateway.Calls;

/// <summary>What every call of the gateway shares: the SIP layers, the media plane and the settings.</summary>
internal sealed class CallServices
{
    public required SipOptions Options { get; init; }

    public required MediaOptions MediaOptions { get; init; }

    public required SipTimerOptions TimerOptions { get; init; }

    public required SipTransportLayer Transport { get; init; }

    public required SipTransactionLayer Transactions { get; init; }

    public required SipTimerService Timers { get; init; }

    public required TimeProvider TimeProvider { get; init; }

    public required ICallHandler Handler { get; init; }

    public required RtpPortAllocator RtpPorts { get; init; }

    public required MediaClock MediaClock { get; init; }

    public required ILogger Logger { get; init; }

    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>The address and port we put in Via, Contact and SDP.</summary>
    public required IPEndPoint LocalEndPoint { get; init; }

    /// <summary>The address written in the SDP c= line.</summary>
    public required IPAddress AdvertisedRtpAddress { get; init; }

    /// <summary>Our Contact for a dialog reached over <paramref name="transport"/> (RFC 3261 §8.1.1.8).</summary>
    public SipNameAddress ContactFor(string? user, SipTransportKind transport)
    {
        var uri = new SipUri
        {
            Scheme = SipUriScheme.Sip,
            User = string.IsNullOrEmpty(user) ? null : user,
            Host = LocalEndPoint.Address.ToString(),
            Port = LocalEndPoint.Port,
        };
        if (transport == SipTransportKind.Tcp)
        {
            uri.Parameters.Set("transport", "tcp");
        }

        return new SipNameAddress { Uri = uri };
    }
}
