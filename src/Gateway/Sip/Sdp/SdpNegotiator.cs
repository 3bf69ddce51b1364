using System.Globalization;
using System.Net;

namespace Softswitch.Sip.Sdp;

/// <summary>
/// The offer/answer model for one audio stream (<see href="https://www.rfc-editor.org/rfc/rfc3264"/>): G.711 (PCMU, PCMA) and
/// RFC 4733 telephone-event; every other stream is rejected with port 0 in the same position.
/// </summary>
public static class SdpNegotiator
{
    /// <summary>The telephone-event encoding name (<see href="https://www.rfc-editor.org/rfc/rfc4733#section-7.1.1"/>).</summary>
    public const string TelephoneEvent = "telephone-event";

    /// <summary>The events we offer: DTMF 0-9, *, #, A-D (0-15) and flash (16).</summary>
    public const string TelephoneEventFormats = "0-16";

    /// <summary>Builds an offer for one audio stream from <paramref name="local"/> (<see href="https://www.rfc-editor.org/rfc/rfc3264#section-5"/>).</summary>
    /// <param name="local">The local capabilities.</param>
    /// <returns>The offer.</returns>
    public static SdpSession CreateOffer(SdpLocalCapabilities local)
    {
        ArgumentNullException.ThrowIfNull(local);
        var offer = NewSession(local);
        var media = new SdpMedia("audio", local.RtpPort, "RTP/AVP") { Ptime = local.Ptime, Direction = local.Direction };
        foreach (var pt in local.Codecs)
        {
            media.Formats.Add(pt);
            if (SdpRtpMap.ForStaticPayloadType(pt) is { } map)
            {
                media.Attributes.Add(new SdpAttribute("rtpmap", map.ToString()));
            }
        }

        if (local.TelephoneEvent)
        {
            AddTelephoneEvent(media, local.TelephoneEventPayloadType, TelephoneEventFormats);
        }

        offer.Media.Add(media);
        return offer;
    }

    /// <summary>
    /// Answers <paramref name="offer"/> (<see href="https://www.rfc-editor.org/rfc/rfc3264#section-6"/>): accepts the first
    /// audio RTP/AVP stream with a codec we support, choosing the first offered codec we support and keeping the offered
    /// telephone-event payload type; answers the direction (sendonly → recvonly, recvonly → sendonly, inactive → inactive,
    /// combined with <see cref="SdpLocalCapabilities.Direction"/>); echoes ptime; rejects every other m-line with port 0.
    /// </summary>
    /// <param name="offer">The remote offer.</param>
    /// <param name="local">The local capabilities.</param>
    /// <returns>The result; <see cref="SdpAnswerResult.Accepted"/> is false (answer 488) when no audio stream is acceptable.</returns>
    public static SdpAnswerResult Answer(SdpSession offer, SdpLocalCapabilities local)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        var answer = NewSession(local);
        var reason = "no audio stream offered";
        var chosen = -1;
        SdpAnswerResult? accepted = null;
        for (var i = 0; i < offer.Media.Count; i++)
        {
            var offered = offer.Media[i];
            SdpMedia answered;
            if (chosen < 0 && IsAudioRtp(offered))
            {
                var pt = SelectCodec(offered, local.Codecs);
                if (pt is { } selected)
                {
                    chosen = i;
                    answered = new SdpMedia(offered.Media, local.RtpPort, offered.Protocol) { Ptime = offered.Ptime ?? local.Ptime };
                    answered.Formats.Add(selected);
                    answered.Attributes.Add(new SdpAttribute("rtpmap", offered.GetRtpMap(selected)!.ToString()));
                    var te = local.TelephoneEvent ? offered.FindPayloadType(TelephoneEvent, 8000) : null;
                    if (te is { } tePt)
                    {
                        AddTelephoneEvent(answered, tePt, offered.GetFmtp(tePt) ?? "0-15");
                    }

                    var connection = offer.ConnectionFor(offered);
                    var remoteDirection = RemoteDirection(offered.Direction, connection);
                    answered.Direction = Intersect(Reverse(remoteDirection), local.Direction);
                    accepted = new SdpAnswerResult
                    {
                        Accepted = true,
                        Answer = answer,
                        MediaIndex = i,
                        RemoteEndPoint = EndPoint(connection, offered.Port),
                        SelectedPayloadType = selected,
                        TelephoneEventPayloadType = te,
                        Direction = remoteDirection,
                        Ptime = answered.Ptime,
                    };
                    answer.Media.Add(answered);
                    continue;
                }

                reason = "no common codec";
            }

            answer.Media.Add(Rejected(offered));
        }

        return accepted ?? new SdpAnswerResult { Accepted = false, Reason = reason };
    }

    /// <summary>
    /// Processes the answer to our <paramref name="offer"/> (<see href="https://www.rfc-editor.org/rfc/rfc3264#section-7"/>):
    /// learns the remote address, port, codec, telephone-event payload type, direction and ptime of the audio stream.
    /// </summary>
    /// <param name="offer">Our offer.</param>
    /// <param name="answer">The remote answer.</param>
    /// <returns>The result; not accepted when the answer rejects the audio stream or picks a codec we did not offer.</returns>
    public static SdpAnswerResult ProcessAnswer(SdpSession offer, SdpSession answer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Media.Count != offer.Media.Count)
        {
            return new SdpAnswerResult { Accepted = false, Reason = "answer has a different number of m-lines" };
        }

        for (var i = 0; i < answer.Media.Count; i++)
        {
            var offered = offer.Media[i];
            var answered = answer.Media[i];
            if (!IsAudioRtp(offered) || !IsAudioRtp(answered))
            {
                continue;
            }

            int? selected = null;
            foreach (var pt in answered.Formats)
            {
                var map = answered.GetRtpMap(pt);
                if (map is null || string.Equals(map.EncodingName, TelephoneEvent, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (offered.FindPayloadType(map.EncodingName, map.ClockRate) is not null)
                {
                    selected = pt;
                    break;
                }
            }

            if (selected is null)
            {
                return new SdpAnswerResult { Accepted = false, Reason = "answer selected no offered codec" };
            }

            var connection = answer.ConnectionFor(answered);
            return new SdpAnswerResult
            {
                Accepted = true,
                MediaIndex = i,
                RemoteEndPoint = EndPoint(connection, answered.Port),
                SelectedPayloadType = selected.Value,
                TelephoneEventPayloadType = answered.FindPayloadType(TelephoneEvent, 8000),
                Direction = RemoteDirection(answered.Direction, connection),
                Ptime = answered.Ptime,
            };
        }

        return new SdpAnswerResult { Accepted = false, Reason = "answer rejected the audio stream" };
    }

    /// <summary>The direction seen from the other side: sendonly ↔ recvonly.</summary>
    /// <param name="direction">A direction.</param>
    /// <returns>The reverse direction.</returns>
    public static SdpDirection Reverse(SdpDirection direction) => direction switch
    {
        SdpDirection.SendOnly => SdpDirection.RecvOnly,
        SdpDirection.RecvOnly => SdpDirection.SendOnly,
        _ => direction,
    };

    /// <summary>The direction allowed by both: sends only if both send, receives only if both receive.</summary>
    /// <param name="a">One direction.</param>
    /// <param name="b">The other direction.</param>
    /// <returns>The intersection.</returns>
    public static SdpDirection Intersect(SdpDirection a, SdpDirection b)
    {
        var send = CanSend(a) && CanSend(b);
        var receive = CanReceive(a) && CanReceive(b);
        return (send, receive) switch
        {
            (true, true) => SdpDirection.SendRecv,
            (true, false) => SdpDirection.SendOnly,
            (false, true) => SdpDirection.RecvOnly,
            _ => SdpDirection.Inactive,
        };
    }

    private static bool CanSend(SdpDirection direction) => direction is SdpDirection.SendRecv or SdpDirection.SendOnly;

    private static bool CanReceive(SdpDirection direction) => direction is SdpDirection.SendRecv or SdpDirection.RecvOnly;

    /// <summary>c=0.0.0.0 (RFC 2543 hold, RFC 3264 §8.4) means the remote side does not receive.</summary>
    private static SdpDirection RemoteDirection(SdpDirection direction, SdpConnection? connection) =>
        connection is { IsHold: true } ? Intersect(direction, SdpDirection.SendOnly) : direction;

    private static IPEndPoint? EndPoint(SdpConnection? connection, int port) =>
        port != 0 && connection is { IsHold: false } && connection.TryGetIPAddress(out var address) ? new IPEndPoint(address, port) : null;

    private static bool IsAudioRtp(SdpMedia media) =>
        media.Port != 0 && string.Equals(media.Media, "audio", StringComparison.OrdinalIgnoreCase)
        && (string.Equals(media.Protocol, "RTP/AVP", StringComparison.OrdinalIgnoreCase) || string.Equals(media.Protocol, "RTP/AVPF", StringComparison.OrdinalIgnoreCase));

    /// <summary>The first offered payload type whose encoding is one of <paramref name="codecs"/>.</summary>
    private static int? SelectCodec(SdpMedia offered, IReadOnlyList<int> codecs)
    {
        foreach (var pt in offered.Formats)
        {
            if (offered.GetRtpMap(pt) is not { } map)
            {
                continue;
            }

            foreach (var codec in codecs)
            {
                if (SdpRtpMap.ForStaticPayloadType(codec) is { } supported && supported.ClockRate == map.ClockRate
                    && string.Equals(supported.EncodingName, map.EncodingName, StringComparison.OrdinalIgnoreCase))
                {
                    return pt;
                }
            }
        }

        return null;
    }

    private static SdpMedia Rejected(SdpMedia offered)
    {
        var rejected = new SdpMedia(offered.Media, 0, offered.Protocol) { FormatText = offered.FormatText, Direction = SdpDirection.Inactive };
        rejected.Formats.AddRange(offered.Formats);
        if (rejected.FormatText is null && rejected.Formats.Count == 0)
        {
            rejected.FormatText = "0";
        }

        return rejected;
    }

    private static void AddTelephoneEvent(SdpMedia media, int payloadType, string events)
    {
        media.Formats.Add(payloadType);
        media.Attributes.Add(new SdpAttribute("rtpmap", new SdpRtpMap(payloadType, TelephoneEvent, 8000).ToString()));
        media.Attributes.Add(new SdpAttribute("fmtp", payloadType.ToString(CultureInfo.InvariantCulture) + " " + events));
    }

    private static SdpSession NewSession(SdpLocalCapabilities local)
    {
        var connection = SdpConnection.For(local.Address);
        return new SdpSession
        {
            Origin = new SdpOrigin(local.Username, local.SessionId.ToString(CultureInfo.InvariantCulture), local.SessionVersion, "IN", connection.AddressType, connection.Address),
            SessionName = local.SessionName,
            Connection = connection,
        };
    }
}
