using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Softswitch.Benchmarks.ApiLoad;

/// <summary>
/// The benchmark's own admin client: seeds agents (each with a published version), queues and routes through the REST API,
/// reads the call history back to count what the call record writer has written, and the writer's figures from <c>/metrics</c>. The routes match numbers sipp never
/// calls, so the calls keep the embedded default flow.
/// </summary>
internal sealed class AdminSeed : IDisposable
{
    /// <summary>Agents seeded, each with version 1 published.</summary>
    public const int Agents = 20;

    /// <summary>Queues seeded.</summary>
    public const int Queues = 10;

    /// <summary>Routes seeded.</summary>
    public const int Routes = 50;

    private const string Definition = """
        {"name":"Bench","greeting":"Welcome.","systemPrompt":"You help.","language":"en-US","voice":"en",
         "stt":{"engine":"pocketsphinx","options":{},"fallbacks":[]},"llm":{"engine":"scripted","options":{},"fallbacks":[]},
         "tts":{"engine":"espeak-ng","options":{},"fallbacks":[]},"tools":[],"limits":{"maxCallSeconds":600,"silenceTimeoutMs":8000,"noInputReprompts":2}}
        """;

    private readonly HttpClient _client;

    /// <summary>Creates the client.</summary>
    /// <param name="baseAddress">The gateway's HTTP address.</param>
    /// <param name="apiKey">An admin (or editor) API key.</param>
    public AdminSeed(Uri baseAddress, string apiKey)
    {
        _client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    /// <summary>Creates the agents, queues and routes.</summary>
    /// <param name="cancellationToken">Cancels the seeding.</param>
    /// <exception cref="InvalidOperationException">The API refused one.</exception>
    public async Task SeedDialplanAsync(CancellationToken cancellationToken)
    {
        for (var i = 1; i <= Agents; i++)
        {
            await PostAsync("/api/v1/agents", $$"""{"id":"agent-{{i:D2}}","name":"Agent {{i}}","definition":{{Definition}}}""", cancellationToken);
            await PostAsync($"/api/v1/agents/agent-{i:D2}/versions/1/publish", null, cancellationToken);
        }

        for (var i = 1; i <= Queues; i++)
        {
            await PostAsync("/api/v1/queues", $$"""{"id":"queue-{{i:D2}}","name":"Queue {{i}}","members":["sip:agent{{i}}@192.0.2.{{i}}"],"strategy":"ring-all","ringTimeoutSeconds":20}""", cancellationToken);
        }

        for (var i = 1; i <= Routes; i++)
        {
            // +44 20 7946 0xxx is a drama range: no sipp call matches it.
            var target = i % 2 == 0
                ? $$"""{"kind":"queue","queueId":"queue-{{(i % Queues) + 1:D2}}"}"""
                : $$"""{"kind":"agent","agentId":"agent-{{(i % Agents) + 1:D2}}"}""";
            var match = $$$"""{"called":{"kind":"prefix","value":"+4420794600{{{i:D2}}}"}}""";
            await PostAsync("/api/v1/routes", $$"""{"id":"route-{{i:D2}}","name":"Route {{i}}","priority":{{i * 10}},"enabled":true,"match":{{match}},"timeZone":"UTC","target":{{target}}}""", cancellationToken);
        }
    }

    /// <summary>Counts the call records that started at or after <paramref name="from"/> and have ended (outcome not in progress).</summary>
    /// <param name="from">The earliest start.</param>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>The ended calls, and the ids of up to <paramref name="sample"/> of them.</returns>
    /// <param name="sample">How many call ids to return.</param>
    public async Task<(int Ended, IReadOnlyList<string> Sample)> CountEndedAsync(DateTimeOffset from, int sample, CancellationToken cancellationToken)
    {
        var ended = 0;
        var ids = new List<string>(sample);
        string? cursor = null;
        var since = Uri.EscapeDataString(from.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        do
        {
            var path = $"/api/v1/history?limit=500&from={since}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            using var document = await GetJsonAsync(path, cancellationToken);
            foreach (var call in document.RootElement.GetProperty("calls").EnumerateArray())
            {
                if (call.GetProperty("outcome").GetString() != "in-progress")
                {
                    ended++;
                    if (ids.Count < sample)
                    {
                        ids.Add(call.GetProperty("callId").GetString()!);
                    }
                }
            }

            cursor = document.RootElement.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        return (ended, ids);
    }

    /// <summary>The number of events stored for a call.</summary>
    /// <param name="callId">The call.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<int> CountEventsAsync(string callId, CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync($"/api/v1/calls/{Uri.EscapeDataString(callId)}/events", cancellationToken);
        return document.RootElement.GetArrayLength();
    }

    /// <summary>Reads the call record writer's figures from <c>/metrics</c>.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<WriterMetrics> WriterMetricsAsync(CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync("/metrics", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET /metrics: HTTP {(int)response.StatusCode}");
        }

        return WriterMetrics.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();

    private async Task PostAsync(string path, string? json, CancellationToken cancellationToken)
    {
        using var content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(path, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path}: HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private async Task<JsonDocument> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync(path, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path}: HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
    }
}
