using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Shouldly;
using Softswitch.Admin.Auth;
using Softswitch.Interop.Tests.Infrastructure;
using Xunit;

namespace Softswitch.Interop.Tests.Gateway;

/// <summary>
/// The admin API steering real calls from sipp: a route changed through the API routes the next call by the new rule, and a
/// newly published agent version answers the next call while the call in progress keeps the version it started with.
/// </summary>
[Trait("Category", "Interop")]
public sealed class GatewayAdminRoutingTests
{
    private static string Definition(string greeting) => $$$"""
        {"name":"Sales","greeting":"{{{greeting}}}","systemPrompt":"You sell.","language":"en-US","voice":"en",
         "stt":{"engine":"pocketsphinx","options":{},"fallbacks":[]},"llm":{"engine":"scripted","options":{},"fallbacks":[]},
         "tts":{"engine":"espeak-ng","options":{},"fallbacks":[]},"tools":[],"limits":{"maxCallSeconds":600,"silenceTimeoutMs":8000,"noInputReprompts":2}}
        """;

    [Fact]
    public async Task RouteChangedThroughApi_NextSippCallRoutedByNewRule()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var directory = TestDirectory.Create(nameof(RouteChangedThroughApi_NextSippCallRoutedByNewRule));
        await using var gateway = await GatewayHost.StartAsync(Path.Combine(directory.Path, "data"), new Dictionary<string, string?> { ["Dialog:RingTime"] = "00:00:00" });
        using var api = await gateway.AdminClientAsync(ApiRole.Editor);

        await CreatePublishedAgentAsync(api, "sales", "Welcome to sales.");
        await CreatePublishedAgentAsync(api, "support", "Welcome to support.");
        const string Route = """{"id":"main","name":"main number","priority":10,"enabled":true,"match":{"called":{"kind":"prefix","value":"5000"}},"timeZone":"UTC","target":{"kind":"agent","agentId":"sales"}}""";
        (await api.PostAsync("/api/v1/routes", Json(Route))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var first = await CallAsync(gateway, directory, "50001", cancellation.Token);
        first["routeId"]!.ToString().ShouldBe("main");
        first["agentId"]!.ToString().ShouldBe("sales");
        first["outcome"]!.ToString().ShouldBe("answered");

        // The route now sends the same number to another agent; no restart.
        var read = await api.GetAsync("/api/v1/routes/main");
        var update = new HttpRequestMessage(HttpMethod.Put, "/api/v1/routes/main") { Content = Json(Route.Replace("\"agentId\":\"sales\"", "\"agentId\":\"support\"", StringComparison.Ordinal)) };
        update.Headers.IfMatch.Add(new EntityTagHeaderValue(read.Headers.ETag!.Tag));
        (await api.SendAsync(update)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var second = await CallAsync(gateway, directory, "50002", cancellation.Token);
        second["routeId"]!.ToString().ShouldBe("main");
        second["agentId"]!.ToString().ShouldBe("support");

        // And a number no route matches goes to the default flow, saying why.
        var unmatched = await CallAsync(gateway, directory, "7777", cancellation.Token);
        unmatched["routeId"].ShouldBeNull();
        unmatched["routeReason"]!.ToString().ShouldContain("no route matched");
        directory.MarkSucceeded();
    }

    [Fact]
    public async Task NewAgentVersionPublished_NextCallUsesIt_CallInProgressKeepsItsVersion()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var directory = TestDirectory.Create(nameof(NewAgentVersionPublished_NextCallUsesIt_CallInProgressKeepsItsVersion));
        await using var gateway = await GatewayHost.StartAsync(Path.Combine(directory.Path, "data"), new Dictionary<string, string?> { ["Dialog:RingTime"] = "00:00:00" });
        using var api = await gateway.AdminClientAsync(ApiRole.Editor);

        await CreatePublishedAgentAsync(api, "sales", "Welcome to sales, version one.");
        (await api.PostAsync("/api/v1/routes", Json("""{"id":"all","name":"everything","priority":1,"enabled":true,"match":{"called":{"kind":"prefix","value":"10"}},"timeZone":"UTC","target":{"kind":"agent","agentId":"sales"}}"""))).StatusCode.ShouldBe(HttpStatusCode.Created);

        // A long call (6 s) starts on version 1.
        var longCall = new SippRunner(Path.Combine(directory.Path, "long")).RunAsync(
            new SippOptions { BuiltInScenario = "uac", Target = $"127.0.0.1:{gateway.SipPort}", Service = "100", Calls = 1, ExtraArguments = ["-d", "6000"] },
            cancellation.Token);
        var live = await WaitForLiveCallAsync(api, cancellation.Token);
        live["agentVersion"]!.GetValue<int>().ShouldBe(1);
        var longCallId = live["callId"]!.ToString();

        // Version 2 is published while it talks.
        (await api.PostAsync("/api/v1/agents/sales/versions", Json("""{"from":1}"""))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var draft = await api.GetAsync("/api/v1/agents/sales/versions/2");
        var edit = new HttpRequestMessage(HttpMethod.Put, "/api/v1/agents/sales/versions/2") { Content = Json(Definition("Welcome to sales, version two.")) };
        edit.Headers.IfMatch.Add(new EntityTagHeaderValue(draft.Headers.ETag!.Tag));
        (await api.SendAsync(edit)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.PostAsync("/api/v1/agents/sales/versions/2/publish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var next = await CallAsync(gateway, directory, "101", cancellation.Token);
        next["agentVersion"]!.GetValue<int>().ShouldBe(2);

        // The first call is still on version 1, and ends on it.
        (await BodyAsync(await api.GetAsync($"/api/v1/calls/{longCallId}")))["agentVersion"]!.GetValue<int>().ShouldBe(1);
        (await longCall).Succeeded.ShouldBeTrue();
        var ended = await WaitForRecordAsync(api, longCallId, cancellation.Token);
        ended["agentVersion"]!.GetValue<int>().ShouldBe(1);
        ended["outcome"]!.ToString().ShouldBe("answered");

        // Both calls' events say which version answered them.
        var events = (JsonArray)await BodyAsync(await api.GetAsync($"/api/v1/calls/{longCallId}/events"));
        events.Select(e => e!["type"]!.ToString()).ShouldContain("call.routed");
        directory.MarkSucceeded();
    }

    [Fact]
    public async Task EventStreams_HangupThroughApi_RecordingByRange()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var directory = TestDirectory.Create(nameof(EventStreams_HangupThroughApi_RecordingByRange));
        await using var gateway = await GatewayHost.StartAsync(Path.Combine(directory.Path, "data"), new Dictionary<string, string?> { ["Dialog:RingTime"] = "00:00:00" });
        using var api = await gateway.AdminClientAsync(ApiRole.Editor);
        var key = api.DefaultRequestHeaders.Authorization!.Parameter!;

        // Without a key the stream is refused like the REST API.
        using (var anonymous = new System.Net.WebSockets.ClientWebSocket())
        {
            var refused = await Should.ThrowAsync<System.Net.WebSockets.WebSocketException>(() => anonymous.ConnectAsync(WebSocketUri(gateway, "/api/v1/events"), cancellation.Token));
            refused.Message.ShouldContain("401");
        }

        using var all = await ConnectAsync(gateway, "/api/v1/events", key, cancellation.Token);

        // sipp waits for the gateway's BYE, which the API's hang-up sends.
        var call = new SippRunner(Path.Combine(directory.Path, "call")).RunAsync(
            new SippOptions { ScenarioFile = "uac_wait_bye.xml", Target = $"127.0.0.1:{gateway.SipPort}", Service = "300", Calls = 1 },
            cancellation.Token);
        var started = await ReceiveAsync(all, cancellation.Token);
        started["type"]!.ToString().ShouldBe("call.started");
        var callId = started["callId"]!.ToString();
        started["data"]!["to"]!.ToString().ShouldBe("300");

        using var one = await ConnectAsync(gateway, $"/api/v1/calls/{callId}/events", key, cancellation.Token);
        var live = await WaitForLiveCallAsync(api, cancellation.Token, requireAgent: false);
        live["callId"]!.ToString().ShouldBe(callId);
        (await api.PostAsync($"/api/v1/calls/{callId}/hangup", null, cancellation.Token)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await call).Succeeded.ShouldBeTrue();

        var types = new List<string> { started["type"]!.ToString() };
        long lastSequence = started["sequence"]!.GetValue<long>();
        while (types[^1] != "call.ended")
        {
            var next = await ReceiveAsync(all, cancellation.Token);
            next["callId"]!.ToString().ShouldBe(callId);
            next["sequence"]!.GetValue<long>().ShouldBeGreaterThan(lastSequence);
            lastSequence = next["sequence"]!.GetValue<long>();
            types.Add(next["type"]!.ToString());
        }

        types.ShouldBe(["call.started", "call.routed", "call.answered", "call.recording", "call.ended"], ignoreOrder: false);
        // The one-call stream, opened mid-call, saw the end too; the stored events are the same ones.
        var fromOne = new List<string>();
        while (fromOne.Count == 0 || fromOne[^1] != "call.ended")
        {
            fromOne.Add((await ReceiveAsync(one, cancellation.Token))["type"]!.ToString());
        }

        var stored = (JsonArray)await BodyAsync(await api.GetAsync($"/api/v1/calls/{callId}/events", cancellation.Token));
        stored.Select(e => e!["type"]!.ToString()).ShouldBe(types);

        // The recording, whole and by range.
        var record = await WaitForRecordAsync(api, callId, cancellation.Token);
        var whole = await api.GetByteArrayAsync($"/api/v1/calls/{callId}/recording", cancellation.Token);
        Encoding.ASCII.GetString(whole, 0, 4).ShouldBe("RIFF");
        var range = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/calls/{callId}/recording");
        range.Headers.Range = new RangeHeaderValue(8, 15);
        var partial = await api.SendAsync(range, cancellation.Token);
        partial.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        Encoding.ASCII.GetString(await partial.Content.ReadAsByteArrayAsync(cancellation.Token)).ShouldBe("WAVEfmt ");
        partial.Content.Headers.ContentRange!.Length.ShouldBe(whole.Length);
        (await api.GetAsync("/api/v1/calls/no-such-call/recording", cancellation.Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        record["outcome"]!.ToString().ShouldBe("answered");

        // /metrics counted the call and its SIP messages.
        using var anonymousClient = new HttpClient { BaseAddress = gateway.HttpBaseAddress };
        var metrics = await anonymousClient.GetStringAsync("/metrics", cancellation.Token);
        metrics.ShouldContain("softswitch_calls_ended_total{outcome=\"answered\"} 1\n");
        metrics.ShouldContain("softswitch_calls_active 0\n");
        metrics.ShouldMatch("sip_messages_received_total\\{method=\"INVITE\",transport=\"udp\"\\} [1-9]");
        metrics.ShouldMatch("sip_messages_sent_total\\{method=\"BYE\",transport=\"udp\"\\} [1-9]");
        metrics.ShouldContain("softswitch_media_rtp_packets_out_total ");
        metrics.ShouldContain("http_server_request_duration_seconds_bucket{");
        directory.MarkSucceeded();
    }

    [Fact]
    public async Task TransferThroughApi_SippAcceptsReferAndNotifies_CallEndsTransferred()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var directory = TestDirectory.Create(nameof(TransferThroughApi_SippAcceptsReferAndNotifies_CallEndsTransferred));
        await using var gateway = await GatewayHost.StartAsync(Path.Combine(directory.Path, "data"), new Dictionary<string, string?> { ["Dialog:RingTime"] = "00:00:00" });
        using var api = await gateway.AdminClientAsync(ApiRole.Editor);
        (await api.PostAsync("/api/v1/queues", Json("""{"id":"support","name":"Support","members":["sip:alice@192.0.2.20:5060","sip:bob@192.0.2.21"],"strategy":"ring-all","ringTimeoutSeconds":20}"""), cancellation.Token)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var call = new SippRunner(Path.Combine(directory.Path, "call")).RunAsync(
            new SippOptions { ScenarioFile = "uac_transferee.xml", Target = $"127.0.0.1:{gateway.SipPort}", Service = "400", Calls = 1 },
            cancellation.Token);
        var live = await WaitForLiveCallAsync(api, cancellation.Token, requireAgent: false);
        var callId = live["callId"]!.ToString();
        for (var i = 0; i < 200 && (await BodyAsync(await api.GetAsync("/api/v1/calls", cancellation.Token))).AsArray().Single()!["state"]!.ToString() != "answered"; i++)
        {
            await Task.Delay(25, cancellation.Token);
        }

        // Bad requests name the field and change nothing.
        using (var viewer = await gateway.AdminClientAsync(ApiRole.Viewer))
        {
            (await viewer.PostAsync($"/api/v1/calls/{callId}/transfer", Json("""{"queueId":"support"}"""), cancellation.Token)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        var neither = await api.PostAsync($"/api/v1/calls/{callId}/transfer", Json("{}"), cancellation.Token);
        neither.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await neither.Content.ReadAsStringAsync(cancellation.Token)).ShouldContain("\"target\"");
        (await api.PostAsync($"/api/v1/calls/{callId}/transfer", Json("""{"target":"mailto:x@y"}"""), cancellation.Token)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.PostAsync($"/api/v1/calls/{callId}/transfer", Json("""{"queueId":"nobody"}"""), cancellation.Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.PostAsync("/api/v1/calls/no-such-call/transfer", Json("""{"target":"sip:a@192.0.2.1"}"""), cancellation.Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var accepted = await api.PostAsync($"/api/v1/calls/{callId}/transfer", Json("""{"queueId":"support"}"""), cancellation.Token);
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync(cancellation.Token));
        (await BodyAsync(accepted))["target"]!.ToString().ShouldBe("sip:alice@192.0.2.20:5060");

        var result = await call;
        result.Succeeded.ShouldBeTrue(result.ToString());
        var record = await WaitForRecordAsync(api, callId, cancellation.Token);
        record["outcome"]!.ToString().ShouldBe("transferred");
        record["queueId"]!.ToString().ShouldBe("support");
        var events = (JsonArray)await BodyAsync(await api.GetAsync($"/api/v1/calls/{callId}/events", cancellation.Token));
        var ended = events.Single(e => e!["type"]!.ToString() == "transfer.ended")!;
        ended["data"]!["outcome"]!.ToString().ShouldBe("transferred");
        ended["data"]!["status"]!.GetValue<int>().ShouldBe(200);
        events.Select(e => e!["type"]!.ToString()).ShouldContain("transfer.started");
        directory.MarkSucceeded();
    }

    [Fact]
    public async Task OriginateThroughApi_AnsweredBySipp_AndBusy_RecordedWithOutcome()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var directory = TestDirectory.Create(nameof(OriginateThroughApi_AnsweredBySipp_AndBusy_RecordedWithOutcome));
        await using var gateway = await GatewayHost.StartAsync(Path.Combine(directory.Path, "data"), new Dictionary<string, string?> { ["Dialog:RingTime"] = "00:00:00" });
        using var api = await gateway.AdminClientAsync(ApiRole.Editor);
        await CreatePublishedAgentAsync(api, "outreach", "Hello, this is a reminder call.");
        var sipp = new SippRunner(Path.Combine(directory.Path, "peers"));

        // The "carrier": sipp answering, then hanging up after a second.
        var carrierPort = FreePorts.GetUdpAndTcpPort();
        (await api.PostAsync("/api/v1/trunks", Json($$"""{"id":"carrier","name":"Carrier","addresses":["127.0.0.1:{{carrierPort}}"],"transport":"udp","register":false,"inboundNetworks":[],"codecs":["PCMU"]}"""), cancellation.Token)).StatusCode.ShouldBe(HttpStatusCode.Created);
        using (var answering = await sipp.StartUasAsync(new SippOptions { ScenarioFile = "Peers/uas_send_bye.xml", LocalPort = carrierPort }, cancellation.Token))
        {
            var placed = await api.PostAsync("/api/v1/calls", Json("""{"number":"+15550001111","trunkId":"carrier","agentId":"outreach","callerId":"+15559990000","ringSeconds":20}"""), cancellation.Token);
            placed.StatusCode.ShouldBe(HttpStatusCode.Accepted, await placed.Content.ReadAsStringAsync(cancellation.Token));
            var body = await BodyAsync(placed);
            body["target"]!.ToString().ShouldBe($"sip:+15550001111@127.0.0.1:{carrierPort}");
            var callId = body["callId"]!.ToString();

            (await answering.WaitForExitAsync(cancellation.Token)).ShouldBe(0, answering.Output);
            var record = await WaitForRecordAsync(api, callId, cancellation.Token);
            record["direction"]!.ToString().ShouldBe("outbound");
            record["outcome"]!.ToString().ShouldBe("answered");
            record["trunkId"]!.ToString().ShouldBe("carrier");
            record["agentId"]!.ToString().ShouldBe("outreach");
            record["agentVersion"]!.GetValue<int>().ShouldBe(1);
            record["from"]!.ToString().ShouldBe("+15559990000");
            record["to"]!.ToString().ShouldBe("+15550001111");
            var events = ((JsonArray)await BodyAsync(await api.GetAsync($"/api/v1/calls/{callId}/events", cancellation.Token))).Select(e => e!["type"]!.ToString()).ToList();
            events.ShouldBe(["call.started", "call.answered", "call.recording", "call.ended"]);
        }

        // A busy callee: the record says so, with the SIP status.
        using (var busy = await sipp.StartUasAsync(new SippOptions { ScenarioFile = "Peers/uas_busy.xml", LocalPort = carrierPort }, cancellation.Token))
        {
            var placed = await api.PostAsync("/api/v1/calls", Json("""{"target":"sip:desk@127.0.0.1:CARRIER","agentId":"outreach"}""".Replace("CARRIER", carrierPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)), cancellation.Token);
            placed.StatusCode.ShouldBe(HttpStatusCode.Accepted, await placed.Content.ReadAsStringAsync(cancellation.Token));
            var callId = (await BodyAsync(placed))["callId"]!.ToString();
            (await busy.WaitForExitAsync(cancellation.Token)).ShouldBe(0, busy.Output);
            var record = await WaitForRecordAsync(api, callId, cancellation.Token);
            record["outcome"]!.ToString().ShouldBe("busy");
            record["sipStatus"]!.GetValue<int>().ShouldBe(486);
            record["answeredAt"].ShouldBeNull();
        }

        // Bad requests name their fields; unknown trunks and agents are 404.
        var invalid = await api.PostAsync("/api/v1/calls", Json("""{"number":"call me","trunkId":"carrier","callerId":"a b","ringSeconds":0}"""), cancellation.Token);
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var fields = ((JsonObject)(await JsonNode.ParseAsync(await invalid.Content.ReadAsStreamAsync(cancellation.Token), cancellationToken: cancellation.Token))!["errors"]!).Select(e => e.Key).Order(StringComparer.Ordinal).ToArray();
        fields.ShouldBe(["agentId", "callerId", "number", "ringSeconds"]);
        (await api.PostAsync("/api/v1/calls", Json("""{"number":"123","trunkId":"nobody","agentId":"outreach"}"""), cancellation.Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.PostAsync("/api/v1/calls", Json("""{"number":"123","trunkId":"carrier","agentId":"nobody"}"""), cancellation.Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var viewer = await gateway.AdminClientAsync(ApiRole.Viewer);
        (await viewer.PostAsync("/api/v1/calls", Json("""{"number":"123","trunkId":"carrier","agentId":"outreach"}"""), cancellation.Token)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        directory.MarkSucceeded();
    }

    private static Uri WebSocketUri(GatewayHost gateway, string path) => new($"ws://{gateway.HttpBaseAddress.Authority}{path}");

    private static async Task<System.Net.WebSockets.ClientWebSocket> ConnectAsync(GatewayHost gateway, string path, string key, CancellationToken cancellationToken)
    {
        var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + key);
        await socket.ConnectAsync(WebSocketUri(gateway, path), cancellationToken);
        return socket;
    }

    private static async Task<JsonNode> ReceiveAsync(System.Net.WebSockets.ClientWebSocket socket, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        var buffer = new byte[64 * 1024];
        var length = 0;
        System.Net.WebSockets.ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            length += result.Count;
        }
        while (!result.EndOfMessage);
        result.MessageType.ShouldBe(System.Net.WebSockets.WebSocketMessageType.Text);
        return JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, length))!;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonNode> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task CreatePublishedAgentAsync(HttpClient api, string id, string greeting)
    {
        var created = await api.PostAsync("/api/v1/agents", Json($$"""{"id":"{{id}}","name":"{{id}}","definition":{{Definition(greeting)}}}"""));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        (await api.PostAsync($"/api/v1/agents/{id}/versions/1/publish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>One sipp call to <paramref name="called"/>, then its call record once the gateway wrote it.</summary>
    private static async Task<JsonNode> CallAsync(GatewayHost gateway, TestDirectory directory, string called, CancellationToken cancellationToken)
    {
        var result = await new SippRunner(Path.Combine(directory.Path, called)).RunAsync(
            new SippOptions { ScenarioFile = "uac_basic.xml", Target = $"127.0.0.1:{gateway.SipPort}", Service = called, Calls = 1 },
            cancellationToken);
        result.Succeeded.ShouldBeTrue(result.ToString());
        using var api = await gateway.AdminClientAsync(ApiRole.Viewer);
        for (var i = 0; i < 200; i++)
        {
            var page = await BodyAsync(await api.GetAsync($"/api/v1/history?number={called}&limit=5", cancellationToken));
            if (page["calls"]!.AsArray().FirstOrDefault(r => r!["to"]!.ToString() == called && r["outcome"]!.ToString() != "in-progress") is { } record)
            {
                return record;
            }

            await Task.Delay(25, cancellationToken);
        }

        throw new ShouldAssertException($"no finished call record for {called}");
    }

    private static async Task<JsonNode> WaitForLiveCallAsync(HttpClient api, CancellationToken cancellationToken, bool requireAgent = true)
    {
        for (var i = 0; i < 400; i++)
        {
            var calls = (JsonArray)await BodyAsync(await api.GetAsync("/api/v1/calls", cancellationToken));
            if (calls.FirstOrDefault(c => !requireAgent || c!["agentVersion"] is not null) is { } call)
            {
                return call;
            }

            await Task.Delay(25, cancellationToken);
        }

        throw new ShouldAssertException("no live call appeared");
    }

    private static async Task<JsonNode> WaitForRecordAsync(HttpClient api, string callId, CancellationToken cancellationToken)
    {
        var last = "";
        for (var i = 0; i < 200; i++)
        {
            var response = await api.GetAsync($"/api/v1/calls/{callId}", cancellationToken);
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
            if (response.IsSuccessStatusCode && (await BodyAsync(response)) is { } record && record["outcome"]!.ToString() != "in-progress")
            {
                return record;
            }

            await Task.Delay(25, cancellationToken);
        }

        throw new ShouldAssertException($"call {callId} never ended; last answer: {last}");
    }
}
