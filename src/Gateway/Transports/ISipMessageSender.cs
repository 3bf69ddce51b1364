using Softswitch.Sip;

namespace Softswitch.Gateway.Transports;

/// <summary>
/// What the transaction layer needs from a transport: the seam that lets transaction tests run on an in-memory sender.
/// <see cref="SipTransportLayer"/> is the real implementation.
/// </summary>
internal interface ISipMessageSender
{
    /// <summary>Sends a message; false when sending failed. Never throws for network errors.</summary>
    ValueTask<bool> SendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken);

    /// <summary>Where responses to <paramref name="request"/> go (RFC 3261 §18.2.2, RFC 3581).</summary>
    SipEndPoint GetResponseDestination(SipInbound request);

    /// <summary>The host and port we write into the sent-by of our Via for <paramref name="transport"/> (RFC 3261 §18.1.1).</summary>
    (string Host, int Port) GetSentBy(SipTransportKind transport);
}
