using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Softswitch.Gateway.Calls;
using Softswitch.Gateway.Transactions;
using Softswitch.Gateway.Transports;
using Softswitch.Sip;

namespace Softswitch.Gateway.UserAgent;

/// <summary>
/// The UAS core (RFC 3261 §8.2): checks each new request in the RFC's order (method, merged requests and loops,
/// Max-Forwards, Require, content), answers OPTIONS, starts a call per initial INVITE and hands in-dialog requests
/// to their call's loop. Runs on the transport's receive path, so it only checks and posts; calls do the work.
/// </summary>
internal sealed partial class SipUserAgent : ISipTransactionUser
{
    private readonly ConcurrentDictionary<string, SipCall> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ServerTransaction, SipCall> _pendingInvites = new();
    private readonly ConcurrentDictionary<string, string> _mergeKeys = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private int _activeCalls;

    public SipUserAgent(CallServices services)
    {
        Services = services;
        _logger = services.Logger;
    }

    /// <summary>Shared services the calls use.</summary>
    public CallServices Services { get; }

    /// <summary>Calls in progress.</summary>
    public int ActiveCalls => Volatile.Read(ref _activeCalls);

    /// <summary>A snapshot of the calls in progress.</summary>
    public IReadOnlyCollection<SipCall> Calls => _calls.Values.ToArray();

    public void OnRequest(ServerTransaction transaction)
    {
        try
        {
            Dispatch(transaction);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.RequestFailed(_logger, transaction.Request.Method, transaction.Request.CallId, ex);
            Respond(transaction, 500);
        }
    }

    public void OnAckWithoutTransaction(SipInbound ack)
    {
        var request = (SipRequest)ack.Message;
        if (request.To.Tag is { } tag && _calls.TryGetValue(DialogKey(request.CallId, tag), out var call))
        {
            call.Post(new AckEvent(ack));
        }
    }

    public void OnCancel(ServerTransaction inviteTransaction, SipInbound cancel)
    {
        if (_pendingInvites.TryGetValue(inviteTransaction, out var call))
        {
            call.Post(CancelEvent.Instance);
        }
    }

    public void OnTransactionTerminated(SipTransaction transaction, SipTransactionTerminationReason reason)
    {
        if (transaction is ServerTransaction server)
        {
            _pendingInvites.TryRemove(server, out _);
            if (server.Request.To.Tag is null)
            {
                _mergeKeys.TryRemove(new KeyValuePair<string, string>(MergeKey(server.Request), server.Branch));
            }
        }
    }

    private void Dispatch(ServerTransaction transaction)
    {
        var request = transaction.Request;

        // §8.2.1: method inspection.
        if (!SipCapabilities.AllowedMethods.Contains(request.Method))
        {
            var status = SipCapabilities.KnownButNotAllowed.Contains(request.Method) ? 405 : 501;
            Respond(transaction, status, r => r.Headers.Add(SipHeaderNames.Allow, SipCapabilities.Allow));
            return;
        }

        // §8.2.2.2 merged requests and Via loops.
        if (request.To.Tag is null && IsMergedOrLooped(transaction))
        {
            Respond(transaction, 482);
            return;
        }

        // Max-Forwards: a request that has run out of hops is not served (§16.3 step 3, applied at the UAS as well). OPTIONS is answered anyway.
        if (request.MaxForwards == 0 && request.Method != SipMethods.Options)
        {
            Respond(transaction, 483);
            return;
        }

        // §8.2.2.3 Require.
        if (request.Method != SipMethods.Ack && request.Method != SipMethods.Cancel && SipCapabilities.UnsupportedRequirements(request) is { } unsupported)
        {
            Respond(transaction, 420, r => r.Headers.Add(SipHeaderNames.Unsupported, string.Join(", ", unsupported)));
            return;
        }

        // §8.2.3 content: we take SDP only (INFO bodies are checked by the call: DTMF relay types or 415; NOTIFY carries sipfrag).
        if (!request.Body.IsEmpty && request.ContentType is { } contentType && !IsSdp(contentType) && request.Method is not (SipMethods.Bye or SipMethods.Info or SipMethods.Notify))
        {
            Respond(transaction, 415, r => r.Headers.Add(SipHeaderNames.Accept, SipCapabilities.Accept));
            return;
        }

        // §8.2.3 / §21.4.7: our answers to INVITE carry SDP; a caller whose Accept rules it out gets 406.
        if (request.Method == SipMethods.Invite && request.Headers.Contains(SipHeaderNames.Accept) && !AcceptsSdp(request))
        {
            Respond(transaction, 406, r => r.Headers.Add(SipHeaderNames.Accept, SipCapabilities.Accept));
            return;
        }

        if (request.To.Tag is { } toTag)
        {
            if (_calls.TryGetValue(DialogKey(request.CallId, toTag), out var call))
            {
                if (!call.Post(new RequestEvent(transaction)))
                {
                    Respond(transaction, 503, r => r.Headers.Add(SipHeaderNames.RetryAfter, Services.Options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }

                return;
            }

            if (request.Method == SipMethods.Options)
            {
                RespondOptions(transaction);
                return;
            }

            Respond(transaction, 481);
            return;
        }

        switch (request.Method)
        {
            case SipMethods.Invite:
                StartCall(transaction);
                break;
            case SipMethods.Options:
                RespondOptions(transaction);
                break;
            default:
                // BYE, PRACK, UPDATE outside any dialog we know.
                Respond(transaction, 481);
                break;
        }
    }

    private void StartCall(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (Interlocked.Increment(ref _activeCalls) > Services.Options.MaxConcurrentCalls)
        {
            Interlocked.Decrement(ref _activeCalls);
            Log.Overloaded(_logger, request.CallId, Services.Options.MaxConcurrentCalls);
            RespondOverloaded(transaction);
            return;
        }

        var outcome = SipCall.TryCreate(this, transaction, out var call);
        if (call is null)
        {
            Interlocked.Decrement(ref _activeCalls);
            Respond(transaction, outcome.StatusCode, outcome.Decorate);
            return;
        }

        _calls[DialogKey(call.CallId, call.LocalTag)] = call;
        _pendingInvites[transaction] = call;
        call.Start();
    }

    /// <summary>Called by a call's loop when it has ended.</summary>
    internal void OnCallEnded(SipCall call)
    {
        _calls.TryRemove(DialogKey(call.CallId, call.LocalTag), out _);
        if (call.InviteTransaction is { } invite)
        {
            _pendingInvites.TryRemove(invite, out _);
        }

        Interlocked.Decrement(ref _activeCalls);
        try
        {
            CallEnded?.Invoke(this, call);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // an observer's failure is not the call's
        }
    }

    /// <summary>Raised once per call after it ended, with its end reason, media quality and digits recorded.</summary>
    public event EventHandler<ICall>? CallEnded;

    /// <summary>Called by a call once its INVITE got a final response, so a late CANCEL no longer finds it.</summary>
    internal void OnInviteCompleted(SipCall call)
    {
        if (call.InviteTransaction is { } invite)
        {
            _pendingInvites.TryRemove(invite, out _);
        }
    }

    /// <summary>
    /// Starts an outbound call (RFC 3261 §13.2: we are the UAC): the call registers its dialog key at once so that requests from
    /// the callee reach it, and counts against <see cref="SipOptions.MaxConcurrentCalls"/> like an inbound one.
    /// </summary>
    /// <returns>The call, or null when the gateway is at its call limit.</returns>
    internal SipCall? StartOutboundCall(OutboundCallRequest request, SipEndPoint destination)
    {
        if (Interlocked.Increment(ref _activeCalls) > Services.Options.MaxConcurrentCalls)
        {
            Interlocked.Decrement(ref _activeCalls);
            return null;
        }

        var call = SipCall.CreateOutbound(this, request, destination);
        _calls[DialogKey(call.CallId, call.LocalTag)] = call;
        call.Start();
        return call;
    }

    private bool IsMergedOrLooped(ServerTransaction transaction)
    {
        var request = transaction.Request;
        var local = Services.LocalEndPoint;
        foreach (var via in request.Vias)
        {
            // We never forward requests, so our own sent-by in any Via means the request came back to us.
            if (string.Equals(via.Host, local.Address.ToString(), StringComparison.OrdinalIgnoreCase) && (via.Port ?? 5060) == local.Port)
            {
                return true;
            }
        }

        var key = MergeKey(request);
        var existing = _mergeKeys.GetOrAdd(key, transaction.Branch);
        return !string.Equals(existing, transaction.Branch, StringComparison.Ordinal);
    }

    private void RespondOptions(ServerTransaction transaction)
    {
        Respond(transaction, 200, SipCapabilities.AddTo);
    }

    private void RespondOverloaded(ServerTransaction transaction) =>
        Respond(transaction, 503, r => r.Headers.Add(SipHeaderNames.RetryAfter, Services.Options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Sends a final response through the server transaction, with a fresh To tag when the request has none.</summary>
    internal void Respond(ServerTransaction transaction, int status, Action<SipResponse>? decorate = null)
    {
        var request = transaction.Request;
        _ = SendAsync(transaction, CreateResponse(request, status, request.To.Tag is null ? NewTag() : null, decorate));
    }

    /// <summary>Our response to <paramref name="request"/> (§8.2.6): the RFC's copied headers, our Server header, then <paramref name="decorate"/>.</summary>
    internal SipResponse CreateResponse(SipRequest request, int status, string? toTag, Action<SipResponse>? decorate)
    {
        var response = SipResponse.CreateFor(request, status, toTag);
        response.Headers.Add(SipHeaderNames.Server, Services.Options.UserAgent);
        decorate?.Invoke(response);
        return response;
    }

    private async Task SendAsync(ServerTransaction transaction, SipResponse response)
    {
        try
        {
            await transaction.SendResponseAsync(response, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.ResponseFailed(_logger, response.StatusCode, transaction.Request.CallId, ex);
        }
    }

    private static bool AcceptsSdp(SipRequest request)
    {
        foreach (var value in request.Headers.GetValues(SipHeaderNames.Accept))
        {
            var type = value.AsSpan();
            var semicolon = type.IndexOf(';');
            type = (semicolon < 0 ? type : type[..semicolon]).Trim();
            if (type.Length == 0 || type.Equals("application/sdp", StringComparison.OrdinalIgnoreCase) ||
                type.Equals("application/*", StringComparison.OrdinalIgnoreCase) || type.Equals("*/*", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSdp(string contentType) =>
        contentType.AsSpan().Trim().StartsWith("application/sdp", StringComparison.OrdinalIgnoreCase);

    private static string MergeKey(SipRequest request) =>
        string.Concat(request.From.Tag, "|", request.CallId, "|", request.CSeq.ToString());

    internal static string DialogKey(string callId, string localTag) => string.Concat(callId, "|", localTag);

    /// <summary>A new random tag (RFC 3261 §19.3: at least 32 bits of randomness).</summary>
    internal static string NewTag() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
}
