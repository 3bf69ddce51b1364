using System.Diagnostics;
using System.Diagnostics.Metrics;
using Softswitch.Sip;

namespace Softswitch.Gateway.Transports;

/// <summary>
/// Counters of the SIP transport and transaction layers on the <c>Softswitch.Gateway</c> meter. Tags: <c>transport</c>
/// (udp, tcp), <c>method</c> (known methods, else "other") and, for responses, <c>status</c> (1xx…6xx).
/// </summary>
internal static class SipMetrics
{
    /// <summary>The meter name shared by every Gateway counter.</summary>
    public const string MeterName = "Softswitch.Gateway";

    private static readonly Meter s_meter = new(MeterName);
    private static readonly Counter<long> s_received = s_meter.CreateCounter<long>("sip_messages_received", "{message}", "SIP messages received and parsed.");
    private static readonly Counter<long> s_sent = s_meter.CreateCounter<long>("sip_messages_sent", "{message}", "SIP messages handed to a socket.");
    private static readonly Counter<long> s_parseFailures = s_meter.CreateCounter<long>("sip_parse_failures", "{message}", "Received messages that did not parse (answered 400 or dropped).");
    private static readonly Counter<long> s_retransmissionsSent = s_meter.CreateCounter<long>("sip_retransmissions_sent", "{message}", "Requests and responses retransmitted by transactions (Timers A, E, G; re-sent responses).");
    private static readonly Counter<long> s_retransmissionsAbsorbed = s_meter.CreateCounter<long>("sip_retransmissions_absorbed", "{message}", "Retransmitted requests and responses absorbed by a transaction.");

    public static void Received(SipMessage message, SipTransportKind transport) => s_received.Add(1, Tags(message, transport));

    public static void Sent(SipMessage message, SipTransportKind transport) => s_sent.Add(1, Tags(message, transport));

    public static void ParseFailure(SipTransportKind transport, bool answered) =>
        s_parseFailures.Add(1, new KeyValuePair<string, object?>("transport", TransportTag(transport)), new KeyValuePair<string, object?>("answered", answered ? "true" : "false"));

    public static void RetransmissionSent(SipMessage message, SipTransportKind transport) => s_retransmissionsSent.Add(1, Tags(message, transport));

    public static void RetransmissionAbsorbed(SipMessage message, SipTransportKind transport) => s_retransmissionsAbsorbed.Add(1, Tags(message, transport));

    private static TagList Tags(SipMessage message, SipTransportKind transport)
    {
        var tags = new TagList { { "transport", TransportTag(transport) } };
        if (message is SipRequest request)
        {
            tags.Add("method", MethodTag(request.Method));
        }
        else if (message is SipResponse response)
        {
            tags.Add("method", MethodTag(response.CSeq.Method));
            tags.Add("status", StatusTag(response.StatusCode));
        }

        return tags;
    }

    private static string TransportTag(SipTransportKind transport) => transport switch
    {
        SipTransportKind.Udp => "udp",
        SipTransportKind.Tcp => "tcp",
        _ => "tls",
    };

    private static string StatusTag(int status) => (status / 100) switch
    {
        1 => "1xx",
        2 => "2xx",
        3 => "3xx",
        4 => "4xx",
        5 => "5xx",
        _ => "6xx",
    };

    // Known methods only: arbitrary tokens from the network must not blow up the tag cardinality.
    private static string MethodTag(string method) => method switch
    {
        SipMethods.Invite => SipMethods.Invite,
        SipMethods.Ack => SipMethods.Ack,
        SipMethods.Bye => SipMethods.Bye,
        SipMethods.Cancel => SipMethods.Cancel,
        SipMethods.Options => SipMethods.Options,
        SipMethods.Register => SipMethods.Register,
        SipMethods.Prack => SipMethods.Prack,
        SipMethods.Update => SipMethods.Update,
        SipMethods.Info => SipMethods.Info,
        SipMethods.Refer => SipMethods.Refer,
        SipMethods.Notify => SipMethods.Notify,
        SipMethods.Subscribe => SipMethods.Subscribe,
        SipMethods.Message => SipMethods.Message,
        _ => "other",
    };
}
