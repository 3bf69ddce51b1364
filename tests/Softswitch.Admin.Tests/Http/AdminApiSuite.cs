using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shouldly;
using Xunit;

namespace Softswitch.Admin.Tests.Http;

/// <summary>
/// The admin API through real HTTP on the real gateway host: every resource, every role, validation problems naming fields,
/// optimistic concurrency, limits, and routing changes reaching real SIP calls. Runs once per database.
/// </summary>
public abstract partial class AdminApiSuite : IAsyncLifetime
{
    private AdminHost? _host;

    private protected AdminHost Host => _host ?? throw new InvalidOperationException("not started");

    /// <summary>The configuration that points the host at this suite's database.</summary>
    protected abstract Task<IEnumerable<KeyValuePair<string, string?>>> DatabaseAsync();

    /// <summary>Extra settings for one test's host.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public async Task InitializeAsync() => _host = await AdminHost.StartAsync(await DatabaseAsync(), Settings);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    protected static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    protected static async Task<JsonNode> BodyAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty body");

    protected static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return (JsonObject)await BodyAsync(response);
    }

    protected static string[] ErrorFields(JsonObject problem) => [.. ((JsonObject)problem["errors"]!).Select(e => e.Key).Order(StringComparer.Ordinal)];

    protected const string Definition = """
        {"name":"Sales","greeting":"Welcome to sales.","systemPrompt":"You sell.","language":"en-US","voice":"en",
         "stt":{"engine":"pocketsphinx","options":{},"fallbacks":[]},"llm":{"engine":"scripted","options":{},"fallbacks":[]},
         "tts":{"engine":"espeak-ng","options":{},"fallbacks":[]},"tools":[],"limits":{"maxCallSeconds":600,"silenceTimeoutMs":8000,"noInputReprompts":2}}
        """;

    [Fact]
    public async Task Keys_EveryRole_401And403AndSecretShownOnce()
    {
        using var anonymous = Host.Client(null);
        var missing = await anonymous.GetAsync("/api/v1/agents");
        (await ProblemAsync(missing, HttpStatusCode.Unauthorized))["detail"]!.ToString().ShouldContain("API key is required");
        missing.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");

        using var malformed = Host.Client("ssk_nothex_short");
        (await malformed.GetAsync("/api/v1/agents")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var unknown = Host.Client(Softswitch.Admin.Auth.ApiKeySecret.Generate(out _, out _));
        (await unknown.GetAsync("/api/v1/agents")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var viewer = Host.Client(Host.ViewerKey);
        using var editor = Host.Client(Host.EditorKey);
        using var admin = Host.Client(Host.AdminKey);
        (await viewer.GetAsync("/api/v1/agents")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ProblemAsync(await viewer.PostAsync("/api/v1/queues", Json("{}")), HttpStatusCode.Forbidden);
        await ProblemAsync(await editor.GetAsync("/api/v1/keys"), HttpStatusCode.Forbidden);
        (await editor.PostAsync("/api/v1/queues", Json("""{"id":"q1","name":"Q","members":["sip:a@192.0.2.1"],"strategy":"ring-all","ringTimeoutSeconds":20}"""))).StatusCode.ShouldBe(HttpStatusCode.Created);

        // The X-Api-Key header works as well as Bearer.
        using var header = new HttpClient { BaseAddress = Host.BaseAddress };
        header.DefaultRequestHeaders.Add("X-Api-Key", Host.ViewerKey);
        (await header.GetAsync("/api/v1/queues")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var created = await admin.PostAsync("/api/v1/keys", Json("""{"name":"ci","role":"viewer"}"""));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var key = (await BodyAsync(created))["key"]!.ToString();
        key.ShouldStartWith("ssk_");
        var listed = await admin.GetStringAsync("/api/v1/keys");
        listed.ShouldNotContain(key[17..]); // the secret part
        listed.ShouldNotContain("secretHash", Case.Insensitive);
        listed.ShouldContain("\"ci\"");

        using var fresh = Host.Client(key);
        (await fresh.GetAsync("/api/v1/agents")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = key[4..16];
        (await admin.DeleteAsync($"/api/v1/keys/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await fresh.GetAsync("/api/v1/agents")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await ProblemAsync(await admin.DeleteAsync($"/api/v1/keys/{id}"), HttpStatusCode.NotFound);
        ErrorFields(await ProblemAsync(await admin.PostAsync("/api/v1/keys", Json("""{"role":"root"}""")), HttpStatusCode.BadRequest)).ShouldBe(["$.role"]);
        ErrorFields(await ProblemAsync(await admin.PostAsync("/api/v1/keys", Json("""{}""")), HttpStatusCode.BadRequest)).ShouldBe(["name", "role"]);
    }

    [Fact]
    public async Task Agents_DraftEditPublishImmutableRollback_WithETags()
    {
        using var editor = Host.Client(Host.EditorKey);
        var invalid = await ProblemAsync(await editor.PostAsync("/api/v1/agents", Json("""{"id":"Bad!","definition":{"greeting":""}}""")), HttpStatusCode.BadRequest);
        ErrorFields(invalid).ShouldContain("id");
        ErrorFields(invalid).ShouldContain("definition.greeting");
        ErrorFields(invalid).ShouldContain("definition.stt.engine");

        (await editor.PostAsync("/api/v1/agents", Json($$"""{"id":"sales","name":"Sales","definition":{{Definition}}}"""))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await ProblemAsync(await editor.PostAsync("/api/v1/agents", Json($$"""{"id":"sales","name":"Sales","definition":{{Definition}}}""")), HttpStatusCode.Conflict);

        var draft = await editor.GetAsync("/api/v1/agents/sales/versions/1");
        var etag = draft.Headers.ETag!.Tag;
        var edited = Definition.Replace("Welcome to sales.", "Welcome to sales, version one.", StringComparison.Ordinal);
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/agents/sales/versions/1") { Content = Json(edited) };
        put.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        var updated = await editor.SendAsync(put);
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        updated.Headers.ETag!.Tag.ShouldNotBe(etag);

        var stale = new HttpRequestMessage(HttpMethod.Put, "/api/v1/agents/sales/versions/1") { Content = Json(Definition) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        await ProblemAsync(await editor.SendAsync(stale), HttpStatusCode.PreconditionFailed);

        (await editor.PostAsync("/api/v1/agents/sales/versions/1/publish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await BodyAsync(await editor.GetAsync("/api/v1/agents/sales")))["publishedVersion"]!.GetValue<int>().ShouldBe(1);
        (await ProblemAsync(await editor.PutAsync("/api/v1/agents/sales/versions/1", Json(Definition)), HttpStatusCode.Conflict))["detail"]!.ToString().ShouldContain("published");

        var second = await editor.PostAsync("/api/v1/agents/sales/versions", Json("""{"from":1}"""));
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await BodyAsync(second))["definition"]!["greeting"]!.ToString().ShouldBe("Welcome to sales, version one.");
        (await editor.PostAsync("/api/v1/agents/sales/versions/2/publish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await BodyAsync(await editor.GetAsync("/api/v1/agents/sales")))["publishedVersion"]!.GetValue<int>().ShouldBe(2);
        (await editor.PostAsync("/api/v1/agents/sales/rollback", Json("""{"version":1}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await BodyAsync(await editor.GetAsync("/api/v1/agents/sales")))["publishedVersion"]!.GetValue<int>().ShouldBe(1);
        ((JsonArray)(await BodyAsync(await editor.GetAsync("/api/v1/agents/sales/versions")))).Count.ShouldBe(2);

        await ProblemAsync(await editor.GetAsync("/api/v1/agents/nobody"), HttpStatusCode.NotFound);
        await ProblemAsync(await editor.PostAsync("/api/v1/agents/sales/rollback", Json("""{"version":9}""")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Routes_CrudEvaluateValidationAndConcurrency()
    {
        using var editor = Host.Client(Host.EditorKey);
        (await editor.PostAsync("/api/v1/queues", Json("""{"id":"support","name":"Support","members":["sip:a@192.0.2.1"],"strategy":"ring-all","ringTimeoutSeconds":20}"""))).StatusCode.ShouldBe(HttpStatusCode.Created);
        const string Route = """{"id":"r1","name":"support line","priority":10,"enabled":true,"match":{"called":{"kind":"prefix","value":"+3314"}},"timeZone":"Europe/Paris","target":{"kind":"queue","queueId":"support"}}""";
        (await editor.PostAsync("/api/v1/routes", Json(Route))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var evaluation = await BodyAsync(await editor.GetAsync("/api/v1/routes/evaluate?from=%2B447700900123&to=%2B33142000000&at=2026-12-02T10:00:00Z"));
        evaluation["routeId"]!.ToString().ShouldBe("r1");
        evaluation["target"]!["queueId"]!.ToString().ShouldBe("support");
        evaluation["reasons"]!.AsArray().Select(r => r!.ToString()).ShouldContain(r => r.Contains("matched", StringComparison.Ordinal));
        (await BodyAsync(await editor.GetAsync("/api/v1/routes/evaluate?to=999")))["reasons"]!.AsArray().Last()!.ToString().ShouldBe("no route matched");
        ErrorFields(await ProblemAsync(await editor.GetAsync("/api/v1/routes/evaluate"), HttpStatusCode.BadRequest)).ShouldBe(["to"]);

        var read = await editor.GetAsync("/api/v1/routes/r1");
        var etag = read.Headers.ETag!.Tag;
        var update = new HttpRequestMessage(HttpMethod.Put, "/api/v1/routes/r1") { Content = Json(Route.Replace("\"priority\":10", "\"priority\":5", StringComparison.Ordinal)) };
        update.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        (await editor.SendAsync(update)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var stale = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/routes/r1");
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        await ProblemAsync(await editor.SendAsync(stale), HttpStatusCode.PreconditionFailed);

        var bad = await ProblemAsync(await editor.PostAsync("/api/v1/routes", Json("""{"id":"r2","name":"x","priority":1,"match":{"called":{"kind":"pattern","value":"1.2"}},"timeZone":"Mars/Olympus","timeWindows":[{"days":[],"start":"25:00","end":"10:00"}],"target":{"kind":"agent"}}""")), HttpStatusCode.BadRequest);
        ErrorFields(bad).ShouldBe(["match.called.value", "target.agentId", "timeWindows[0].days", "timeWindows[0].start", "timeZone"]);
        var broken = await ProblemAsync(await editor.PostAsync("/api/v1/routes", Json("""{"id":"r3","priority":"high"}""")), HttpStatusCode.BadRequest);
        ErrorFields(broken).ShouldBe(["$.priority"]);
        ErrorFields(await ProblemAsync(await editor.PostAsync("/api/v1/routes", Json("{not json")), HttpStatusCode.BadRequest)).ShouldHaveSingleItem();

        (await editor.DeleteAsync("/api/v1/routes/r1")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ProblemAsync(await editor.GetAsync("/api/v1/routes/r1"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Trunks_PasswordIsWriteOnly_QueuesValidated()
    {
        using var editor = Host.Client(Host.EditorKey);
        const string Secret = "correct-horse-battery-staple";
        var created = await editor.PostAsync("/api/v1/trunks", Json($$"""{"id":"carrier","name":"Carrier","addresses":["sip.example.net:5060","192.0.2.7"],"transport":"udp","username":"gw1","password":"{{Secret}}","register":true,"inboundNetworks":["192.0.2.0/24"],"codecs":["PCMA","opus"]}"""));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.Content.ReadAsStringAsync();
        body.ShouldNotContain(Secret);
        body.ShouldContain("\"hasPassword\":true");
        (await editor.GetStringAsync("/api/v1/trunks")).ShouldNotContain(Secret);
        (await editor.GetStringAsync("/api/v1/trunks/carrier")).ShouldNotContain(Secret);

        var bad = await ProblemAsync(await editor.PostAsync("/api/v1/trunks", Json("""{"id":"t2","name":"T","addresses":["bad host name!"],"transport":"udp","register":true,"inboundNetworks":["10.0.0.0/99"],"codecs":["AMR"]}""")), HttpStatusCode.BadRequest);
        ErrorFields(bad).ShouldBe(["addresses[0]", "codecs[0]", "inboundNetworks[0]", "username"]);
        var queue = await ProblemAsync(await editor.PostAsync("/api/v1/queues", Json("""{"id":"q","name":"Q","members":["mailto:x@y"],"strategy":"round-robin","ringTimeoutSeconds":1}""")), HttpStatusCode.BadRequest);
        ErrorFields(queue).ShouldBe(["members[0]", "ringTimeoutSeconds"]);
    }

    [Fact]
    public async Task OpenEndpoints_ReadyDocsOpenApi_AndNoCorsByDefault()
    {
        using var anonymous = Host.Client(null);
        var ready = await BodyAsync(await anonymous.GetAsync("/ready"));
        ready["status"]!.ToString().ShouldBe("ready");
        ready["checks"]!.AsArray().Select(c => c!["name"]!.ToString()).ShouldBe(["database", "sip", "engines"]);
        var openApi = await anonymous.GetStringAsync("/openapi/v1.json");
        using (var document = JsonDocument.Parse(openApi))
        {
            var paths = document.RootElement.GetProperty("paths");
            paths.TryGetProperty("/api/v1/agents", out _).ShouldBeTrue();
            paths.TryGetProperty("/api/v1/routes/evaluate", out _).ShouldBeTrue();
        }

        var docs = await anonymous.GetAsync("/docs/index.html");
        docs.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await docs.Content.ReadAsStringAsync()).ShouldContain("swagger", Case.Insensitive);

        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/agents");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        (await anonymous.SendAsync(preflight)).Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }
}
