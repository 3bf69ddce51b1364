using Softswitch.Sip;

namespace Softswitch.Gateway.Transports;

/// <summary>A received SIP message plus where it came from and which local socket or connection got it.</summary>
public sealed class SipInbound
{
    /// <summary>Creates the record of one received message.</summary>
    /// <param name="message">The parsed message (for requests, the top Via already carries <c>received</c>/<c>rport</c> where due).</param>
    /// <param name="source">The transport and address the message came from.</param>
    /// <param name="local">The local listener or connection end point that received it.</param>
    /// <param name="connectionId">The TCP connection's id; 0 for UDP.</param>
    public SipInbound(SipMessage message, SipEndPoint source, SipEndPoint local, long connectionId = 0)
    {
        ArgumentNullException.ThrowIfNull(message);
        Message = message;
        Source = source;
        Local = local;
        ConnectionId = connectionId;
    }

    /// <summary>The parsed message.</summary>
    public SipMessage Message { get; }

    /// <summary>Where the message came from (the packet's source address, not the Via).</summary>
    public SipEndPoint Source { get; }

    /// <summary>The local end point that received the message.</summary>
    public SipEndPoint Local { get; }

    /// <summary>Id of the TCP connection the message arrived on; 0 for UDP.</summary>
    public long ConnectionId { get; }
}
