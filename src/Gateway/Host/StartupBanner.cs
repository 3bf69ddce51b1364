using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Softswitch.Host;

/// <summary>Tells the operator, once the host has started, where it listens and how to place a test call.</summary>
internal sealed class StartupBanner
{
    private readonly ILogger<StartupBanner> _logger;
    private readonly IServer _server;
    private readonly IConfiguration _configuration;
    private readonly ResolvedPaths _paths;

    /// <summary>Creates the banner from the host's services.</summary>
    public StartupBanner(ILogger<StartupBanner> logger, IServer server, IConfiguration configuration, ResolvedPaths paths)
    {
        _logger = logger;
        _server = server;
        _configuration = configuration;
        _paths = paths;
    }

    /// <summary>Logs the HTTP addresses, the SIP port with ready-to-paste sipp and baresip commands, and the paths in use.</summary>
    public void Announce()
    {
        foreach (var address in _server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            Log.HttpListening(_logger, address, address.TrimEnd('/') + "/health");
        }

        var sipPort = _configuration.GetValue(RunOptions.SipPortKey, RunOptions.DefaultSipPort);
        Log.HowToCall(_logger, sipPort, $"sipp -sn uac -m 1 127.0.0.1:{sipPort}", $"/dial sip:agent@127.0.0.1:{sipPort}");

        if (_paths.ConfigFileExists)
        {
            Log.Paths(_logger, _paths.DataDirectory, _paths.ConfigFile);
        }
        else
        {
            Log.ConfigMissing(_logger, _paths.ConfigFile);
        }
    }
}
