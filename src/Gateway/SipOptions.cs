using System.ComponentModel.DataAnnotations;

namespace Softswitch.Gateway;

/// <summary>SIP signalling settings, bound from the <c>Sip</c> configuration section.</summary>
public sealed class SipOptions
{
    /// <summary>Address the SIP listeners bind to. Defaults to <c>0.0.0.0</c> (all IPv4 interfaces).</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>
    /// Address written into Via, Contact and SDP when the listener binds to a wildcard address.
    /// Defaults to <c>null</c>: the first non-loopback IPv4 address of the machine, or 127.0.0.1 when there is none.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>UDP and TCP listening port. Defaults to 5060 (RFC 3261 §19.1.2); 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 5060;

    /// <summary>Most calls in progress at once; a new INVITE past it gets 503 with Retry-After. Defaults to 2,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxConcurrentCalls { get; set; } = 2000;

    /// <summary>Seconds given in Retry-After on 503 (RFC 3261 §20.33). Defaults to 5.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>Session interval we ask for when the caller names none (RFC 4028 §4). Defaults to 1,800 s, the RFC's recommendation.</summary>
    [Range(90, 86400)]
    public int SessionExpiresSeconds { get; set; } = 1800;

    /// <summary>Smallest session interval we accept; smaller requests get 422 (RFC 4028 §8). Defaults to 90 s, the RFC's minimum.</summary>
    [Range(90, 86400)]
    public int MinSessionExpiresSeconds { get; set; } = 90;

    /// <summary>Longest a call may last before the gateway hangs up with BYE. Defaults to 4 hours.</summary>
    public TimeSpan MaxCallDuration { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Value of the Server and User-Agent headers. Defaults to <c>Softswitch</c>.</summary>
    public string UserAgent { get; set; } = "Softswitch";

    /// <summary>Capacity of each call's event queue; a full queue answers new requests with 503. Defaults to 256.</summary>
    [Range(16, 65536)]
    public int CallEventQueueCapacity { get; set; } = 256;
}
