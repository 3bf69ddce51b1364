using Softswitch.Sip;

namespace Softswitch.Gateway.Dialogs;

/// <summary>
/// The state of one dialog as its UAS holds it: identifiers, sequence numbers, remote target and route set.
/// Owned by its call's loop, so it needs no locks.
/// <see href="https://www.rfc-editor.org/rfc/rfc3261#section-12.1.1"/>
/// </summary>
internal sealed class SipDialog
{
    private uint _localCSeq;

    private SipDialog(string callId, string localTag, string? remoteTag, SipNameAddress localParty, SipNameAddress remoteParty,
        SipUri remoteTarget, IReadOnlyList<string> routeSet, uint remoteCSeq, uint? localCSeq = null)
    {
        CallId = callId;
        LocalTag = localTag;
        RemoteTag = remoteTag;
        LocalParty = localParty;
        RemoteParty = remoteParty;
        RemoteTarget = remoteTarget;
        RouteSet = routeSet;
        RemoteCSeq = remoteCSeq;
        _localCSeq = localCSeq ?? (uint)Random.Shared.Next(1, 1 << 16);
    }

    /// <summary>Call-ID of the dialog.</summary>
    public string CallId { get; }

    /// <summary>Our tag (the To tag of the INVITE's responses).</summary>
    public string LocalTag { get; }

    /// <summary>The caller's tag (the From tag of the INVITE).</summary>
    public string? RemoteTag { get; }

    /// <summary>Our party: the INVITE's To, with our tag.</summary>
    public SipNameAddress LocalParty { get; }

    /// <summary>The caller's party: the INVITE's From.</summary>
    public SipNameAddress RemoteParty { get; }

    /// <summary>Where in-dialog requests go: the caller's Contact, updated by target-refresh requests (§12.2.2).</summary>
    public SipUri RemoteTarget { get; private set; }

    /// <summary>Record-Route values of the INVITE, in order (the UAS keeps them as they are, §12.1.1).</summary>
    public IReadOnlyList<string> RouteSet { get; }

    /// <summary>Highest CSeq number seen from the caller.</summary>
    public uint RemoteCSeq { get; private set; }

    private volatile bool _confirmed;

    /// <summary>True once the ACK for our 2xx arrived (written by the call's loop, readable from any thread).</summary>
    public bool IsConfirmed
    {
        get => _confirmed;
        set => _confirmed = value;
    }

    /// <summary>Creates the UAS side of a dialog from the INVITE that establishes it (§12.1.1).</summary>
    public static SipDialog CreateUas(SipRequest invite, string localTag)
    {
        var localParty = invite.To.Clone();
        localParty.Tag = localTag;
        var contact = invite.Contacts.Count > 0 ? invite.Contacts[0].Uri : invite.From.Uri;
        var routes = invite.Headers.GetValues(SipHeaderNames.RecordRoute);
        return new SipDialog(invite.CallId, localTag, invite.From.Tag, localParty, invite.From.Clone(), contact.Clone(), routes.ToArray(), invite.CSeq.Number);
    }

    /// <summary>Our side of a dialog we are establishing with <paramref name="invite"/>, before any response has a To tag.</summary>
    public static SipDialog CreateUacEarly(SipRequest invite) =>
        new(invite.CallId, invite.From.Tag!, null, invite.From.Clone(), invite.To.Clone(), invite.RequestUri.Clone(), [], 0, invite.CSeq.Number);

    /// <summary>
    /// The UAC side of a dialog established by a 2xx to our INVITE (§12.1.2): the remote tag and target from the response, the
    /// route set from its Record-Route in reverse order, our CSeq going on from the INVITE's.
    /// </summary>
    public static SipDialog CreateUac(SipRequest invite, SipResponse response)
    {
        var target = response.Contacts.Count > 0 ? response.Contacts[0].Uri.Clone() : invite.RequestUri.Clone();
        var routes = response.Headers.GetValues(SipHeaderNames.RecordRoute).ToArray();
        Array.Reverse(routes);
        return new SipDialog(invite.CallId, invite.From.Tag!, response.To.Tag, invite.From.Clone(), response.To.Clone(), target, routes, 0, invite.CSeq.Number)
        {
            IsConfirmed = true,
        };
    }

    /// <summary>The ACK for a 2xx to our INVITE (§13.2.2.4): inside the dialog, with the INVITE's CSeq number.</summary>
    public SipRequest CreateAck(uint inviteCSeq, SipNameAddress contact, string userAgent)
    {
        var request = new SipRequest(SipMethods.Ack, RemoteTarget.Clone());
        request.Headers.Add(SipHeaderNames.From, LocalParty.ToString());
        request.Headers.Add(SipHeaderNames.To, RemoteParty.ToString());
        request.Headers.Add(SipHeaderNames.CallId, CallId);
        request.Headers.Add(SipHeaderNames.CSeq, new SipCSeq(inviteCSeq, SipMethods.Ack).ToString());
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        foreach (var route in RouteSet)
        {
            request.Headers.Add(SipHeaderNames.Route, route);
        }

        request.Headers.Add(SipHeaderNames.Contact, contact.ToString());
        request.Headers.Add(SipHeaderNames.UserAgent, userAgent);
        return request;
    }

    /// <summary>
    /// Checks the CSeq of an in-dialog request (§12.2.2): lower than the last one seen means out of order (500),
    /// except for ACK and CANCEL which reuse the INVITE's number.
    /// </summary>
    public bool AcceptRemoteCSeq(SipRequest request)
    {
        if (request.Method is SipMethods.Ack or SipMethods.Cancel)
        {
            return true;
        }

        if (request.CSeq.Number <= RemoteCSeq)
        {
            return false;
        }

        RemoteCSeq = request.CSeq.Number;
        return true;
    }

    /// <summary>A target-refresh request (re-INVITE, UPDATE) replaces the remote target with its Contact (§12.2.2).</summary>
    public void RefreshTarget(SipRequest request)
    {
        if (request.Contacts.Count > 0 && !request.Contacts[0].IsWildcard)
        {
            RemoteTarget = request.Contacts[0].Uri.Clone();
        }
    }

    /// <summary>Builds a request inside the dialog (§12.2.1.1), loose routing: the Route set is the Record-Route values in their order.</summary>
    public SipRequest CreateRequest(string method, SipNameAddress contact, string userAgent)
    {
        var request = new SipRequest(method, RemoteTarget.Clone());
        request.Headers.Add(SipHeaderNames.From, LocalParty.ToString());
        request.Headers.Add(SipHeaderNames.To, RemoteParty.ToString());
        request.Headers.Add(SipHeaderNames.CallId, CallId);
        request.Headers.Add(SipHeaderNames.CSeq, new SipCSeq(++_localCSeq, method).ToString());
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        foreach (var route in RouteSet)
        {
            request.Headers.Add(SipHeaderNames.Route, route);
        }

        request.Headers.Add(SipHeaderNames.Contact, contact.ToString());
        request.Headers.Add(SipHeaderNames.UserAgent, userAgent);
        return request;
    }

    /// <summary>The URI the next hop is resolved from: the first Route when there is a route set, else the remote target (§8.1.2).</summary>
    public SipUri NextHopUri()
    {
        if (RouteSet.Count > 0 && SipNameAddress.TryParse(RouteSet[0], out var route))
        {
            return route.Uri;
        }

        return RemoteTarget;
    }
}
