using System.Globalization;
using System.Net;

namespace Softswitch.Sip.Sdp;

/// <summary>
/// The offer/answer model for one audio stream (<see href="https://www.rfc-editor.org/rfc/rfc3264"/>): the local codecs in
/// preference order, RFC 4733 telephone-event, RFC 3389 comfort noise, RFC 5761 rtcp-mux, RFC 3605 a=rtcp, and SRTP keyed by SDES
/// (RFC 4568) on RTP/SAVP; every other stream is rejected with port 0 in the same position.
/// </summary>
public static class SdpNegotiator
{
    /// <summary>The telephone-event encoding name (<see href="https://www.rfc-editor.org/rfc/rfc4733#section-7.1.1"/>).</summary>
    public const string TelephoneEvent = "telephone-event";

    /// <summary>The comfort noise encoding name (<see href="https://www.rfc-editor.org/rfc/rfc3389#section-5"/>).</summary>
    public const string ComfortNoiseName = "CN";

    /// <summary>The static payload type of CN/8000 (RFC 3551 table 4).</summary>
    public const int ComfortNoisePayloadType = 13;

    /// <summary>The events we offer: DTMF 0-9, *, #, A-D (0-15) and flash (16).</summary>
    public const string TelephoneEventFormats = "0-16";

    /// <summary>The dynamic payload type of telephone-event/48000, offered beside a 48 kHz codec (Opus).</summary>
    public const int TelephoneEvent48kPayloadType = 110;

    /// <summary>Builds an offer for one audio stream from <paramref name="local"/> (<see href="https://www.rfc-editor.org/rfc/rfc3264#section-5"/>).</summary>
    /// <param name="local">The local capabilities.</param>
    /// <returns>The offer.</returns>
    public static SdpSession CreateOffer(SdpLocalCapabilities local)
    {
        ArgumentNullException.ThrowIfNull(local);
        var offer = NewSession(local);
        var secure = local.Srtp == SdpSrtpMode.Mandatory;
        var media = new SdpMedia("audio", local.RtpPort, secure ? "RTP/SAVP" : "RTP/AVP") { Ptime = local.Ptime, Direction = local.Direction };
        var has8k = false;
        var has48k = false;
        foreach (var codec in local.Codecs)
        {
            AddCodec(media, codec, codec.PayloadType);
            has8k |= codec.ClockRate == 8000;
            has48k |= codec.ClockRate == 48000;
        }

        if (local.TelephoneEvent)
        {
            AddTelephoneEvent(media, local.TelephoneEventPayloadType, 8000, TelephoneEventFormats);
            if (has48k)
            {
                AddTelephoneEvent(media, TelephoneEvent48kPayloadType, 48000, TelephoneEventFormats);
            }
        }

        if (local.ComfortNoise && has8k)
        {
            AddComfortNoise(media);
        }

        if (local.RtcpMux)
        {
            media.Attributes.Add(new SdpAttribute("rtcp-mux", null));
        }

        if (secure)
        {
            foreach (var crypto in local.SrtpOfferCryptos)
            {
                media.Attributes.Add(new SdpAttribute("crypto", crypto));
            }
        }

        offer.Media.Add(media);
        return offer;
    }

    /// <summary>
    /// Answers <paramref name="offer"/> (<see href="https://www.rfc-editor.org/rfc/rfc3264#section-6"/>): accepts the first
    /// audio RTP stream (RTP/AVP, or RTP/SAVP with an acceptable a=crypto when SRTP is allowed) with a codec we support, choosing
    /// the offered codec that comes first in <see cref="SdpLocalCapabilities.Codecs"/>, keeping the offered payload types of the
    /// codec, telephone-event (preferably at the codec's clock rate) and CN; answers the direction (sendonly → recvonly,
    /// recvonly → sendonly, inactive → inactive, combined with <see cref="SdpLocalCapabilities.Direction"/>); echoes ptime and
    /// rtcp-mux; rejects every other m-line with port 0.
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
        SdpAnswerResult? accepted = null;
        for (var i = 0; i < offer.Media.Count; i++)
        {
            var offered = offer.Media[i];
            if (accepted is null && IsAudio(offered))
            {
                var secure = IsSecureProtocol(offered.Protocol);
                string? localCrypto = null;
                string? remoteCrypto = null;
                if (!IsAudioRtp(offered))
                {
                    reason = "unsupported transport " + offered.Protocol;
                }
                else if (secure && local.Srtp == SdpSrtpMode.Off)
                {
                    reason = "SRTP not enabled";
                }
                else if (!secure && local.Srtp == SdpSrtpMode.Mandatory)
                {
                    reason = "SRTP required";
                }
                else if (secure && !TryAnswerCrypto(offered, local, out localCrypto, out remoteCrypto))
                {
                    reason = "no common SRTP crypto suite";
                }
                else if (SelectCodec(offered, local.Codecs) is not { } selected)
                {
                    reason = "no common codec";
                }
                else
                {
                    var (pt, codec) = selected;
                    var answered = new SdpMedia(offered.Media, local.RtpPort, offered.Protocol) { Ptime = offered.Ptime ?? local.Ptime };
                    AddCodec(answered, codec, pt);
                    int? te = null;
                    var teClock = codec.ClockRate;
                    if (local.TelephoneEvent)
                    {
                        te = offered.FindPayloadType(TelephoneEvent, codec.ClockRate);
                        if (te is null && codec.ClockRate != 8000)
                        {
                            te = offered.FindPayloadType(TelephoneEvent, 8000);
                            teClock = 8000;
                        }
                    }

                    if (te is { } tePt)
                    {
                        AddTelephoneEvent(answered, tePt, teClock, offered.GetFmtp(tePt) ?? "0-15");
                    }

                    int? cn = null;
                    if (local.ComfortNoise && codec.ClockRate == 8000 && offered.FindPayloadType(ComfortNoiseName, 8000) is { } cnPt)
                    {
                        cn = cnPt;
                        AddComfortNoise(answered, cnPt);
                    }

                    var mux = local.RtcpMux && offered.GetAttribute("rtcp-mux") is not null;
                    if (mux)
                    {
                        answered.Attributes.Add(new SdpAttribute("rtcp-mux", null));
                    }

                    if (localCrypto is not null)
                    {
                        answered.Attributes.Add(new SdpAttribute("crypto", localCrypto));
                    }

                    var connection = offer.ConnectionFor(offered);
                    var remoteDirection = RemoteDirection(offered.Direction, connection);
                    answered.Direction = Intersect(Reverse(remoteDirection), local.Direction);
                    var remote = EndPoint(connection, offered.Port);
                    accepted = new SdpAnswerResult
                    {
                        Accepted = true,
                        Answer = answer,
                        MediaIndex = i,
                        RemoteEndPoint = remote,
                        SelectedPayloadType = pt,
                        SelectedCodec = codec.RtpMap(pt),
                        RemoteFmtp = offered.GetFmtp(pt),
                        TelephoneEventPayloadType = te,
                        TelephoneEventClockRate = teClock,
                        ComfortNoisePayloadType = cn,
                        RtcpMux = mux,
                        RemoteRtcpEndPoint = RtcpEndPoint(offered, connection, remote, mux),
                        IsSecure = secure,
                        RemoteCrypto = remoteCrypto,
                        LocalCrypto = localCrypto,
                        Direction = remoteDirection,
                        Ptime = answered.Ptime,
                    };
                    answer.Media.Add(answered);
                    continue;
                }
            }

            answer.Media.Add(Rejected(offered));
        }

        return accepted ?? new SdpAnswerResult { Accepted = false, Reason = reason };
    }

    /// <summary>
    /// Processes the answer to our <paramref name="offer"/> (<see href="https://www.rfc-editor.org/rfc/rfc3264#section-7"/>):
    /// learns the remote address, port, codec, telephone-event and CN payload types, rtcp-mux, SRTP keys, direction and ptime of
    /// the audio stream.
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

            SdpRtpMap? selected = null;
            foreach (var pt in answered.Formats)
            {
                var map = answered.GetRtpMap(pt);
                if (map is null || IsAuxiliary(map.EncodingName))
                {
                    continue;
                }

                if (offered.FindPayloadType(map.EncodingName, map.ClockRate) is not null)
                {
                    selected = map;
                    break;
                }
            }

            if (selected is null)
            {
                return new SdpAnswerResult { Accepted = false, Reason = "answer selected no offered codec" };
            }

            var secure = IsSecureProtocol(answered.Protocol);
            string? remoteCrypto = null;
            string? localCrypto = null;
            if (secure)
            {
                remoteCrypto = answered.GetAttribute("crypto")?.Value;
                var tag = CryptoTag(remoteCrypto);
                foreach (var attribute in offered.Attributes)
                {
                    if (attribute.Name == "crypto" && tag is not null && CryptoTag(attribute.Value) == tag)
                    {
                        localCrypto = attribute.Value;
                        break;
                    }
                }

                if (remoteCrypto is null || localCrypto is null)
                {
                    return new SdpAnswerResult { Accepted = false, Reason = "SRTP answer without a matching a=crypto" };
                }
            }

            var te = answered.FindPayloadType(TelephoneEvent, selected.ClockRate);
            var teClock = selected.ClockRate;
            if (te is null && selected.ClockRate != 8000)
            {
                te = answered.FindPayloadType(TelephoneEvent, 8000);
                teClock = 8000;
            }

            var connection = answer.ConnectionFor(answered);
            var remote = EndPoint(connection, answered.Port);
            var mux = offered.GetAttribute("rtcp-mux") is not null && answered.GetAttribute("rtcp-mux") is not null;
            return new SdpAnswerResult
            {
                Accepted = true,
                MediaIndex = i,
                RemoteEndPoint = remote,
                SelectedPayloadType = selected.PayloadType,
                SelectedCodec = selected,
                RemoteFmtp = answered.GetFmtp(selected.PayloadType),
                TelephoneEventPayloadType = te,
                TelephoneEventClockRate = teClock,
                ComfortNoisePayloadType = selected.ClockRate == 8000 ? answered.FindPayloadType(ComfortNoiseName, 8000) : null,
                RtcpMux = mux,
                RemoteRtcpEndPoint = RtcpEndPoint(answered, connection, remote, mux),
                IsSecure = secure,
                RemoteCrypto = remoteCrypto,
                LocalCrypto = localCrypto,
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

    private static bool IsAudio(SdpMedia media) =>
        media.Port != 0 && string.Equals(media.Media, "audio", StringComparison.OrdinalIgnoreCase);

    private static bool IsAudioRtp(SdpMedia media) =>
        IsAudio(media) && media.Protocol.ToUpperInvariant() is "RTP/AVP" or "RTP/AVPF" or "RTP/SAVP" or "RTP/SAVPF";

    private static bool IsSecureProtocol(string protocol) => protocol.ToUpperInvariant() is "RTP/SAVP" or "RTP/SAVPF";

    private static bool IsAuxiliary(string encodingName) =>
        string.Equals(encodingName, TelephoneEvent, StringComparison.OrdinalIgnoreCase)
        || string.Equals(encodingName, ComfortNoiseName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The offered payload type of the codec that comes first in <paramref name="codecs"/>, with that codec.</summary>
    private static (int PayloadType, SdpCodec Codec)? SelectCodec(SdpMedia offered, IReadOnlyList<SdpCodec> codecs)
    {
        foreach (var codec in codecs)
        {
            foreach (var pt in offered.Formats)
            {
                if (offered.GetRtpMap(pt) is { } map && codec.Matches(map))
                {
                    return (pt, codec);
                }
            }
        }

        return null;
    }

    private static bool TryAnswerCrypto(SdpMedia offered, SdpLocalCapabilities local, out string? localCrypto, out string? remoteCrypto)
    {
        localCrypto = null;
        remoteCrypto = null;
        var offeredCryptos = new List<string>();
        foreach (var attribute in offered.Attributes)
        {
            if (attribute.Name == "crypto" && attribute.Value is { Length: > 0 } value)
            {
                offeredCryptos.Add(value);
            }
        }

        if (offeredCryptos.Count == 0 || local.SrtpAnswerer is null || local.SrtpAnswerer(offeredCryptos) is not { } answer)
        {
            return false;
        }

        var tag = CryptoTag(answer);
        foreach (var value in offeredCryptos)
        {
            if (CryptoTag(value) == tag)
            {
                localCrypto = answer;
                remoteCrypto = value;
                return true;
            }
        }

        return false;
    }

    private static string? CryptoTag(string? crypto)
    {
        if (crypto is null)
        {
            return null;
        }

        var space = crypto.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? crypto[..space] : null;
    }

    private static IPEndPoint? RtcpEndPoint(SdpMedia media, SdpConnection? connection, IPEndPoint? rtp, bool mux)
    {
        if (rtp is null)
        {
            return null;
        }

        if (mux)
        {
            return rtp;
        }

        // a=rtcp:port [nettype addrtype address] (RFC 3605 §2.1)
        if (media.GetAttribute("rtcp")?.Value is { } value)
        {
            var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536)
            {
                var address = parts.Length == 4 && IPAddress.TryParse(parts[3], out var explicitAddress) ? explicitAddress : rtp.Address;
                return new IPEndPoint(address, port);
            }
        }

        return connection is null ? null : new IPEndPoint(rtp.Address, rtp.Port + 1 > 65535 ? rtp.Port : rtp.Port + 1);
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

    private static void AddCodec(SdpMedia media, SdpCodec codec, int payloadType)
    {
        media.Formats.Add(payloadType);
        media.Attributes.Add(new SdpAttribute("rtpmap", codec.RtpMap(payloadType).ToString()));
        if (codec.Fmtp is { Length: > 0 } fmtp)
        {
            media.Attributes.Add(new SdpAttribute("fmtp", payloadType.ToString(CultureInfo.InvariantCulture) + " " + fmtp));
        }
    }

    private static void AddComfortNoise(SdpMedia media, int payloadType = ComfortNoisePayloadType)
    {
        media.Formats.Add(payloadType);
        media.Attributes.Add(new SdpAttribute("rtpmap", new SdpRtpMap(payloadType, ComfortNoiseName, 8000).ToString()));
    }

    private static void AddTelephoneEvent(SdpMedia media, int payloadType, int clockRate, string events)
    {
        media.Formats.Add(payloadType);
        media.Attributes.Add(new SdpAttribute("rtpmap", new SdpRtpMap(payloadType, TelephoneEvent, clockRate).ToString()));
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
