using Softswitch.Gateway;
using Softswitch.Host;
using Softswitch.Interop.Tests.Infrastructure;

namespace Softswitch.Interop.Tests.Gateway;

/// <summary>The whole gateway, built by the same composition root as <c>softswitch run</c>, on free loopback ports.</summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, int sipPort, int httpPort, string dataDirectory)
    {
        _app = app;
        SipPort = sipPort;
        HttpBaseAddress = new Uri($"http://127.0.0.1:{httpPort}");
        DataDirectory = dataDirectory;
    }

    public int SipPort { get; }

    /// <summary>Where the admin API listens.</summary>
    public Uri HttpBaseAddress { get; }

    public string DataDirectory { get; }

    public string RecordingsDirectory => Path.Combine(DataDirectory, "recordings");

    public SipGateway Gateway => _app.Services.GetRequiredService<SipGateway>();

    public static async Task<GatewayHost> StartAsync(string dataDirectory, IDictionary<string, string?>? settings = null)
    {
        var sipPort = FreePorts.GetUdpAndTcpPort();
        var overrides = new Dictionary<string, string?>
        {
            ["Sip:BindAddress"] = "127.0.0.1",
            ["Media:RtpPortMin"] = "42000",
            ["Media:RtpPortMax"] = "44000",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var httpPort = FreePorts.GetTcpPort();
        var app = GatewayHostBuilder.Build(
            new RunOptions { SipPort = sipPort, HttpPort = httpPort, DataDirectory = dataDirectory },
            overrides);
        await app.StartAsync();
        return new GatewayHost(app, sipPort, httpPort, dataDirectory);
    }

    /// <summary>An HTTP client of the admin API holding a new key with <paramref name="role"/>.</summary>
    /// <param name="role">The key's role.</param>
    public async Task<HttpClient> AdminClientAsync(Softswitch.Admin.Auth.ApiRole role)
    {
        var key = Softswitch.Admin.Auth.ApiKeySecret.Generate(out var id, out var hash);
        await _app.Services.GetRequiredService<Softswitch.Admin.Auth.IApiKeyStore>()
            .InsertAsync(new Softswitch.Admin.Auth.ApiKeyRecord(id, "interop test key", role, hash, DateTimeOffset.UtcNow, null), CancellationToken.None);
        var client = new HttpClient { BaseAddress = HttpBaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
