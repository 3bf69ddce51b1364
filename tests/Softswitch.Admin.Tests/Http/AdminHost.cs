using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Softswitch.Admin.Auth;
using Softswitch.Host;

namespace Softswitch.Admin.Tests.Http;

/// <summary>
/// The real gateway host (SIP, media, admin API) on loopback ports chosen by the system, over a given database, with one API
/// key per role made for the test. Dispose stops it and deletes its data folder.
/// </summary>
internal sealed class AdminHost : IAsyncDisposable
{
    private readonly DirectoryInfo _data;

    private AdminHost(WebApplication app, DirectoryInfo data, Uri baseAddress)
    {
        App = app;
        _data = data;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public string AdminKey { get; private set; } = "";

    public string EditorKey { get; private set; } = "";

    public string ViewerKey { get; private set; } = "";

    public int SipPort => App.Services.GetRequiredService<Softswitch.Gateway.SipGateway>().UdpEndPoint.Port;

    public string DataDirectory => _data.FullName;

    public static async Task<AdminHost> StartAsync(IEnumerable<KeyValuePair<string, string?>> database, IEnumerable<KeyValuePair<string, string?>>? more = null)
    {
        var data = Directory.CreateTempSubdirectory("ss-admin-http-");
        var options = new RunOptions { SipPort = 0, HttpPort = 0, HttpAddress = "127.0.0.1", DataDirectory = data.FullName };
        var settings = new List<KeyValuePair<string, string?>>(database)
        {
            new("Dialog:RingTime", "00:00:00"),
            new("Media:RtpPortMin", "30000"),
            new("Media:RtpPortMax", "30400"),
            new("Serilog:MinimumLevel:Default", "Warning"),
        };
        settings.AddRange(more ?? []);
        var app = GatewayHostBuilder.Build(options, settings);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().ShouldNotBeNull().Addresses.ShouldHaveSingleItem();
        var host = new AdminHost(app, data, new Uri(address));
        var store = app.Services.GetRequiredService<IApiKeyStore>();
        host.AdminKey = await NewKeyAsync(store, ApiRole.Admin);
        host.EditorKey = await NewKeyAsync(store, ApiRole.Editor);
        host.ViewerKey = await NewKeyAsync(store, ApiRole.Viewer);
        return host;
    }

    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            _data.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<string> NewKeyAsync(IApiKeyStore store, ApiRole role)
    {
        var key = ApiKeySecret.Generate(out var id, out var hash);
        await store.InsertAsync(new ApiKeyRecord(id, role + " test key", role, hash, DateTimeOffset.UtcNow, null), CancellationToken.None);
        return key;
    }
}
