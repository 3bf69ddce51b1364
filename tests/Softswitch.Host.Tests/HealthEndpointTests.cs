using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Softswitch.Host.Tests;

public sealed class HealthEndpointTests : IDisposable
{
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("softswitch-host-");
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    public void Dispose()
    {
        _timeout.Dispose();
        _dataDirectory.Delete(recursive: true);
    }

    [Fact]
    public async Task Health_HostStartedOnEphemeralPort_Returns200Json()
    {
        await using var app = GatewayHostBuilder.Build(NewOptions());
        await app.StartAsync(_timeout.Token);

        using var client = new HttpClient { BaseAddress = new Uri(ListeningAddress(app)) };
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), _timeout.Token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, string>>(_timeout.Token);
        body.ShouldNotBeNull();
        body["status"].ShouldBe("ok");

        await app.StopAsync(_timeout.Token);
    }

    [Fact]
    public async Task Start_HttpPortZero_BindsLoopbackEphemeralPort()
    {
        await using var app = GatewayHostBuilder.Build(NewOptions());
        await app.StartAsync(_timeout.Token);

        var address = new Uri(ListeningAddress(app));
        address.Host.ShouldBe("127.0.0.1");
        address.Port.ShouldBeGreaterThan(0);

        await app.StopAsync(_timeout.Token);
    }

    [Fact]
    public async Task Build_DataDirectoryMissing_CreatesIt()
    {
        var dataDirectory = Path.Combine(_dataDirectory.FullName, "nested", "data");

        await using var app = GatewayHostBuilder.Build(NewOptions() with { DataDirectory = dataDirectory });

        Directory.Exists(dataDirectory).ShouldBeTrue();
        app.Configuration[GatewayHostBuilder.DataDirectoryKey].ShouldBe(dataDirectory);
    }

    [Fact]
    public async Task Build_SipPortOption_OverridesConfiguration()
    {
        await using var app = GatewayHostBuilder.Build(NewOptions() with { SipPort = 5099 });

        app.Configuration["Sip:Port"].ShouldBe("5099");
    }

    [Fact]
    public async Task Build_DefaultConfigDirectory_ReadsShippedSoftswitchJson()
    {
        await using var app = GatewayHostBuilder.Build(NewOptions() with { SipPort = null });

        // config/softswitch.json is copied next to the host; the test's working directory has no config/ of its own.
        app.Services.GetRequiredService<ResolvedPaths>().ConfigFileExists.ShouldBeTrue();
        app.Configuration.GetValue<int>("Sip:Port").ShouldBe(5060);
        app.Configuration.GetValue<int>("Media:RtpPortMin").ShouldBe(10000);
        app.Configuration.GetValue<int>("Media:RtpPortMax").ShouldBe(20000);
    }

    [Fact]
    public async Task Build_OverrideAfterConfigFile_Wins()
    {
        await using var app = GatewayHostBuilder.Build(NewOptions(), [new("Media:RtpPortMin", "30000")]);

        app.Configuration.GetValue<int>("Media:RtpPortMin").ShouldBe(30000);
    }

    [Fact]
    public void Build_ExplicitConfigDirectoryMissing_Throws()
    {
        var missing = Path.Combine(_dataDirectory.FullName, "no-such-config");

        Should.Throw<DirectoryNotFoundException>(() => GatewayHostBuilder.Build(NewOptions() with { ConfigDirectory = missing }));
    }

    // Port 0 for SIP too: tests run in parallel, and the gateway binds SIP when the host starts.
    private RunOptions NewOptions() => new()
    {
        SipPort = 0,
        HttpPort = 0,
        HttpAddress = "127.0.0.1",
        DataDirectory = _dataDirectory.FullName,
    };

    private static string ListeningAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().ShouldNotBeNull().Addresses;
        return addresses.ShouldHaveSingleItem();
    }
}
