using Softswitch.Gateway;
using Softswitch.Host;
using Softswitch.Interop.Tests.Infrastructure;

namespace Softswitch.Interop.Tests.Gateway;

/// <summary>The whole gateway, built by the same composition root as <c>softswitch run</c>, on free loopback ports.</summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, int sipPort, string dataDirectory)
    {
        _app = app;
        SipPort = sipPort;
        DataDirectory = dataDirectory;
    }

    public int SipPort { get; }

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

        var app = GatewayHostBuilder.Build(
            new RunOptions { SipPort = sipPort, HttpPort = FreePorts.GetTcpPort(), DataDirectory = dataDirectory },
            overrides);
        await app.StartAsync();
        return new GatewayHost(app, sipPort, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
