using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Softswitch.Admin.Auth;
using Softswitch.Admin.Calls;
using Softswitch.Admin.Model;
using Softswitch.Admin.Persistence;
using Softswitch.Dialog;
using Softswitch.Gateway;
using Softswitch.Gateway.Calls;

namespace Softswitch.Admin.Http;

/// <summary>
/// <c>/api/v1/calls</c> (live calls: list, one, hang up; one call's events and transcript; its recording with range requests),
/// <c>/api/v1/history</c> (call records with filters and cursor pagination) and the WebSocket event streams
/// <c>/api/v1/events</c> (every call) and <c>/api/v1/calls/{id}/events</c> (one call; a plain GET there lists the stored events).
/// </summary>
internal static class CallEndpoints
{
    /// <summary>A live call as listed.</summary>
    public sealed record LiveCallView(string CallId, string From, string To, string State, DateTimeOffset StartedAt, string? RouteId, string? AgentId, int? AgentVersion, string? QueueId, string? Codec);

    public static void Map(RouteGroupBuilder api)
    {
        var calls = api.MapGroup("/calls").WithTags("Calls");
        calls.MapGet("/", ListLive).RequireAuthorization(ApiPolicies.Viewer);
        calls.MapPost("/", OriginateAsync).RequireAuthorization(ApiPolicies.Editor);
        calls.MapGet("/{id}", GetAsync).RequireAuthorization(ApiPolicies.Viewer);
        calls.MapPost("/{id}/hangup", HangupAsync).RequireAuthorization(ApiPolicies.Editor);
        calls.MapPost("/{id}/transfer", TransferAsync).RequireAuthorization(ApiPolicies.Editor);
        calls.MapGet("/{id}/events", EventsAsync).RequireAuthorization(ApiPolicies.Viewer);
        calls.MapGet("/{id}/transcript", TranscriptAsync).RequireAuthorization(ApiPolicies.Viewer);
        calls.MapGet("/{id}/recording", RecordingAsync).RequireAuthorization(ApiPolicies.Viewer);
        api.MapGet("/history", HistoryAsync).WithTags("Calls").RequireAuthorization(ApiPolicies.Viewer);
        api.MapGet("/events", static (HttpContext context, CallEventHub hub) => StreamAsync(context, hub, callId: null)).WithTags("Calls").RequireAuthorization(ApiPolicies.Viewer);
    }

    private static IEnumerable<LiveCallView> ListLive(SipGateway gateway, CallEventRecorder recorder) =>
        gateway.Calls.Select(c =>
        {
            var record = recorder.Live(c.CallId);
            return new LiveCallView(c.CallId, c.Caller, c.Called, c.State.ToString().ToLowerInvariant(), c.StartedAt, record?.RouteId, record?.AgentId, record?.AgentVersion, record?.QueueId, CodecOf(c));
        });

    // A call is listed from its INVITE on; its media leg (and so its codec) comes a moment later.
    private static string? CodecOf(ICall call)
    {
        try
        {
            return call.Media.Codec.EncodingName;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static async Task<IResult> GetAsync(string id, SipGateway gateway, CallEventRecorder recorder, CallRecordRepository history, CancellationToken ct)
    {
        if (recorder.Live(id) is { } live)
        {
            return TypedResults.Ok(live);
        }

        return await history.GetAsync(id, ct).ConfigureAwait(false) is { } record ? TypedResults.Ok(record) : ApiResults.NotFound("call", id);
    }

    private static async Task<IResult> HangupAsync(string id, SipGateway gateway, CancellationToken ct)
    {
        var call = gateway.Calls.FirstOrDefault(c => c.CallId == id);
        if (call is null)
        {
            return ApiResults.NotFound("live call", id);
        }

        await call.HangupAsync(ct).ConfigureAwait(false);
        return TypedResults.Accepted($"/api/v1/calls/{id}");
    }

    /// <summary>What <c>POST /api/v1/calls</c> takes: a number and a trunk (or a SIP URI), the agent that talks, how long to ring.</summary>
    public sealed record OriginateRequest(string? Number, string? TrunkId, string? Target, string? AgentId, string? CallerId, int? RingSeconds);

    /// <summary>Places an outbound call answered by an agent's published version; 202 at once, then the call's events and record.</summary>
    private static async Task<IResult> OriginateAsync(
        HttpRequest request,
        SipGateway gateway,
        TrunkRepository trunks,
        DialplanCallRouter router,
        CallEventRecorder recorder,
        Softswitch.Dialog.Flows.GreetAndRecordCallHandler flow,
        CancellationToken ct)
    {
        var (body, problem) = await ApiResults.ReadAsync<OriginateRequest>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var byNumber = !string.IsNullOrWhiteSpace(body!.Number) || !string.IsNullOrWhiteSpace(body.TrunkId);
        if (byNumber == !string.IsNullOrWhiteSpace(body.Target))
        {
            errors["number"] = ["give number and trunkId, or target (a sip: URI)"];
        }
        else if (byNumber)
        {
            if (body.Number is null || !System.Text.RegularExpressions.Regex.IsMatch(body.Number, @"^\+?[0-9*#]{1,32}$"))
            {
                errors["number"] = ["must be digits (with * or #), optionally after +, at most 32"];
            }

            if (string.IsNullOrWhiteSpace(body.TrunkId))
            {
                errors["trunkId"] = ["is required with number"];
            }
        }

        Softswitch.Sip.SipUri? direct = null;
        if (!string.IsNullOrWhiteSpace(body.Target) && (!Softswitch.Sip.SipUri.TryParse(body.Target, out direct) || direct.Scheme != Softswitch.Sip.SipUriScheme.Sip))
        {
            errors["target"] = ["is not a sip: URI"];
        }

        if (string.IsNullOrWhiteSpace(body.AgentId))
        {
            errors["agentId"] = ["is required"];
        }

        if (body.CallerId is { } callerId && !System.Text.RegularExpressions.Regex.IsMatch(callerId, @"^[A-Za-z0-9+._-]{1,32}$"))
        {
            errors["callerId"] = ["must be 1-32 letters, digits or + . _ -"];
        }

        if (body.RingSeconds is < 1 or > 300)
        {
            errors["ringSeconds"] = ["must be 1-300"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var agent = await router.PublishedProfileAsync(body.AgentId!, ct).ConfigureAwait(false);
        if (agent is null)
        {
            return ApiResults.NotFound("published agent", body.AgentId!);
        }

        var transport = Softswitch.Gateway.Transports.SipTransportKind.Udp;
        Softswitch.Sip.SipUri target;
        if (byNumber)
        {
            var trunk = await trunks.GetAsync(body.TrunkId!, ct).ConfigureAwait(false);
            if (trunk is null)
            {
                return ApiResults.NotFound("trunk", body.TrunkId!);
            }

            if (trunk.Transport == TrunkTransport.Tls)
            {
                return TypedResults.Problem(detail: $"Trunk {trunk.Id} uses TLS, which outbound calls do not support yet.", statusCode: StatusCodes.Status501NotImplemented);
            }

            transport = trunk.Transport == TrunkTransport.Tcp ? Softswitch.Gateway.Transports.SipTransportKind.Tcp : transport;
            target = Softswitch.Sip.SipUri.Parse($"sip:{body.Number}@{trunk.Addresses[0]}");
        }
        else
        {
            target = direct!;
        }

        // The next hop is the target's host and port: the trunk's first address, or the URI given.
        var nextHop = await ResolveAsync(target.Host, target.Port ?? 5060, ct).ConfigureAwait(false);
        if (nextHop is null)
        {
            return TypedResults.Problem(detail: $"{target.Host} does not resolve.", statusCode: StatusCodes.Status502BadGateway);
        }

        var call = gateway.Originate(
            new OutboundCallRequest(target, body.CallerId ?? "softswitch", TimeSpan.FromSeconds(body.RingSeconds ?? 30), new OutboundAgentCallHandler(flow, agent, recorder)),
            nextHop,
            transport);
        if (call is null)
        {
            return TypedResults.Problem(detail: "The gateway is at its call limit (Sip:MaxConcurrentCalls).", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        recorder.OnOriginated(call, body.TrunkId, agent);
        _ = call.Completion.ContinueWith(_ => recorder.OnEnded(call), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return TypedResults.Accepted($"/api/v1/calls/{call.CallId}", new { callId = call.CallId, target = target.ToString(), trunkId = body.TrunkId, agentId = agent.AgentId, agentVersion = agent.Version, state = "calling" });
    }

    private static async Task<System.Net.IPEndPoint?> ResolveAsync(string host, int port, CancellationToken ct)
    {
        if (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return new System.Net.IPEndPoint(literal, port);
        }

        try
        {
            var addresses = await System.Net.Dns.GetHostAddressesAsync(host, System.Net.Sockets.AddressFamily.InterNetwork, ct).ConfigureAwait(false);
            return addresses.Length > 0 ? new System.Net.IPEndPoint(addresses[0], port) : null;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return null;
        }
    }

    /// <summary>What <c>POST /api/v1/calls/{id}/transfer</c> takes: a SIP URI or a queue (whose first member is called).</summary>
    public sealed record TransferRequest(string? Target, string? QueueId);

    /// <summary>Blind transfer (REFER) of a live call; 202 at once, the outcome comes as <c>transfer.ended</c> on the call's events.</summary>
    private static async Task<IResult> TransferAsync(
        string id,
        HttpRequest request,
        SipGateway gateway,
        QueueRepository queues,
        CallEventRecorder recorder,
        Microsoft.Extensions.Hosting.IHostApplicationLifetime lifetime,
        CancellationToken ct)
    {
        var (body, problem) = await ApiResults.ReadAsync<TransferRequest>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.Target) == string.IsNullOrWhiteSpace(body.QueueId))
        {
            return ApiResults.Invalid("target", "give either target (a sip: or sips: URI) or queueId");
        }

        Softswitch.Sip.SipUri? target;
        string? queueId = null;
        if (!string.IsNullOrWhiteSpace(body.QueueId))
        {
            var queue = await queues.GetAsync(body.QueueId, ct).ConfigureAwait(false);
            if (queue is null)
            {
                return ApiResults.NotFound("queue", body.QueueId);
            }

            if (queue.Members.Count == 0 || !Softswitch.Sip.SipUri.TryParse(queue.Members[0], out target))
            {
                return ApiResults.Invalid("queueId", "the queue has no member to transfer to");
            }

            queueId = queue.Id;
        }
        else if (!Softswitch.Sip.SipUri.TryParse(body.Target, out target) || target.Scheme is not (Softswitch.Sip.SipUriScheme.Sip or Softswitch.Sip.SipUriScheme.Sips))
        {
            return ApiResults.Invalid("target", "is not a sip: or sips: URI");
        }

        var call = gateway.Calls.FirstOrDefault(c => c.CallId == id);
        if (call is null)
        {
            return ApiResults.NotFound("live call", id);
        }

        if (call.State != CallState.Answered)
        {
            return ApiResults.Conflict($"the call is {call.State.ToString().ToLowerInvariant()}: only an answered call can be transferred");
        }

        var targetText = target.ToString();
        recorder.OnTransferStarted(call, targetText, queueId);
        _ = Task.Run(async () =>
        {
            var result = await call.TransferAsync(target, lifetime.ApplicationStopping).ConfigureAwait(false);
            recorder.OnTransferEnded(call, result);
        }, CancellationToken.None).ContinueWith(static _ => { }, TaskScheduler.Default);
        return TypedResults.Accepted($"/api/v1/calls/{id}/events", new { callId = id, target = targetText, queueId, state = "transferring" });
    }

    private static async Task<IResult> EventsAsync(string id, HttpContext context, CallEventHub hub, CallRecordRepository history, CancellationToken ct)
    {
        if (context.WebSockets.IsWebSocketRequest)
        {
            await StreamAsync(context, hub, id).ConfigureAwait(false);
            return TypedResults.Empty;
        }

        return TypedResults.Ok((await history.ListEventsAsync(id, ct).ConfigureAwait(false)).Select(EventView));
    }

    private static async Task<IResult> TranscriptAsync(string id, CallRecordRepository history, CancellationToken ct) =>
        TypedResults.Ok(await history.ListTranscriptAsync(id, ct).ConfigureAwait(false));

    private static async Task<IResult> RecordingAsync(string id, CallEventRecorder recorder, CallRecordRepository history, IOptions<DialogOptions> dialog, CancellationToken ct)
    {
        var path = recorder.Live(id)?.RecordingPath ?? (await history.GetAsync(id, ct).ConfigureAwait(false))?.RecordingPath;
        if (path is null)
        {
            return ApiResults.NotFound("recording of call", id);
        }

        // Only files under the recordings folder are served, whatever a record says.
        var root = Path.GetFullPath(dialog.Value.RecordingsDirectory) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(path);
        if (!full.StartsWith(root, StringComparison.Ordinal) || !File.Exists(full))
        {
            return ApiResults.NotFound("recording of call", id);
        }

        return TypedResults.PhysicalFile(full, "audio/wav", Path.GetFileName(full), enableRangeProcessing: true);
    }

    private static async Task<IResult> HistoryAsync(
        DateTimeOffset? from,
        DateTimeOffset? to,
        string? number,
        string? outcome,
        string? agent,
        string? trunk,
        CallDirection? direction,
        string? cursor,
        int? limit,
        CallRecordRepository history,
        CancellationToken ct)
    {
        if (limit is < 1 or > CallHistoryQuery.MaxLimit)
        {
            return ApiResults.Invalid("limit", $"must be 1-{CallHistoryQuery.MaxLimit}");
        }

        try
        {
            return TypedResults.Ok(await history.QueryAsync(new CallHistoryQuery(from, to, number, outcome, agent, trunk, direction, cursor, limit ?? 50), ct).ConfigureAwait(false));
        }
        catch (ArgumentException)
        {
            return ApiResults.Invalid("cursor", "is not a cursor this API returned");
        }
    }

    /// <summary>A call event as the API shows it, stored or streamed alike: its data as JSON, not as a string.</summary>
    public sealed record CallEventView(string CallId, long Sequence, DateTimeOffset At, string Type, JsonElement Data);

    private static CallEventView EventView(CallEventRecord callEvent)
    {
        using var data = JsonDocument.Parse(callEvent.Data);
        return new CallEventView(callEvent.CallId, callEvent.Sequence, callEvent.At, callEvent.Type, data.RootElement.Clone());
    }

    /// <summary>Streams events as JSON text messages until the client closes or the gateway stops.</summary>
    private static async Task StreamAsync(HttpContext context, CallEventHub hub, string? callId)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await ApiResults.Invalid("Upgrade", "this endpoint is a WebSocket: connect with ws:// and the API key header").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using var subscription = hub.Subscribe(callId);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var stopping = stop.Token;

        // The client closing ends the wait for the next event too.
        var closed = ReceiveUntilCloseAsync(socket, stopping).ContinueWith(_ => stop.Cancel(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        try
        {
            while (await subscription.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                while (subscription.Reader.TryRead(out var callEvent))
                {
                    var json = JsonSerializer.SerializeToUtf8Bytes(EventView(callEvent), ModelJson.Options);
                    await socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, stopping).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }

        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).ConfigureAwait(false);
        }

        await closed.ConfigureAwait(false);
    }

    private static async Task ReceiveUntilCloseAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[256];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
    }
}
