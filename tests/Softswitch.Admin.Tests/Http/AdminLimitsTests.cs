using System.Net;
using System.Text;
using Shouldly;
using Xunit;

namespace Softswitch.Admin.Tests.Http;

/// <summary>Request body limit and per-key rate limit, on a host configured tight (SQLite).</summary>
public sealed class AdminLimitsTests : IAsyncLifetime
{
    private AdminHost _host = null!;

    public async Task InitializeAsync() => _host = await AdminHost.StartAsync(
        [new("Admin:Database:Provider", "sqlite")],
        [new("Admin:MaxRequestBodyBytes", "2048"), new("Admin:RateLimitBurst", "5"), new("Admin:RateLimitPerSecond", "1")]);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Post_BodyOverTheLimit_Gets413Problem()
    {
        using var editor = _host.Client(_host.EditorKey);
        var big = new string('x', 4096);
        var response = await editor.PostAsync("/api/v1/queues", new StringContent($$"""{"id":"q","name":"{{big}}"}""", Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).ShouldContain("MaxRequestBodyBytes");
    }

    [Fact]
    public async Task Get_PastTheBurst_Gets429WithRetryAfter_PerKey()
    {
        using var viewer = _host.Client(_host.ViewerKey);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 8; i++)
        {
            var response = await viewer.GetAsync("/api/v1/queues");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        statuses.Count(s => s == HttpStatusCode.OK).ShouldBeInRange(5, 6); // the burst, plus perhaps one token refilled meanwhile
        limited.ShouldNotBeNull();
        int.Parse(limited.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);

        // Another key has its own bucket.
        using var editor = _host.Client(_host.EditorKey);
        (await editor.GetAsync("/api/v1/queues")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
