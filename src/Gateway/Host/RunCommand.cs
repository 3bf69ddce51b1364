using System.CommandLine;
using System.CommandLine.Parsing;

namespace Softswitch.Host;

/// <summary><c>softswitch run</c>: starts the gateway and serves until Ctrl-C or SIGTERM.</summary>
internal sealed class RunCommand : Command
{
    private readonly Option<int?> _sipPort = new("--sip-port")
    {
        Description = "SIP UDP and TCP port [default: Sip:Port from the configuration, 5060]",
        Validators = { ValidatePort },
    };

    private readonly Option<int> _httpPort = new("--http-port")
    {
        Description = "HTTP port of /health and the admin API; 0 picks a free port",
        DefaultValueFactory = _ => RunOptions.DefaultHttpPort,
        Validators = { ValidatePort },
    };

    private readonly Option<string> _httpAddress = new("--http-address")
    {
        Description = "HTTP bind address: an IP address, localhost or *",
        DefaultValueFactory = _ => RunOptions.DefaultHttpAddress,
        Validators = { ValidateAddress },
    };

    private readonly Option<string> _dataDir = new("--data-dir")
    {
        Description = "Data directory (recordings, local database); created when missing",
        DefaultValueFactory = _ => RunOptions.DefaultDataDirectory,
    };

    private readonly Option<string> _config = new("--config")
    {
        Description = "Configuration directory holding softswitch.json",
        DefaultValueFactory = _ => RunOptions.DefaultConfigDirectory,
    };

    /// <summary>Creates the command with its options and action.</summary>
    public RunCommand()
        : base("run", "Run the gateway until Ctrl-C.")
    {
        Options.Add(_sipPort);
        Options.Add(_httpPort);
        Options.Add(_httpAddress);
        Options.Add(_dataDir);
        Options.Add(_config);
        SetAction((parseResult, cancellationToken) => RunAsync(GetRunOptions(parseResult), cancellationToken));
    }

    /// <summary>Reads the run options out of a parse of this command.</summary>
    /// <param name="parseResult">A parse whose command is this one.</param>
    public RunOptions GetRunOptions(ParseResult parseResult) => new()
    {
        SipPort = parseResult.GetValue(_sipPort),
        HttpPort = parseResult.GetValue(_httpPort),
        HttpAddress = parseResult.GetRequiredValue(_httpAddress),
        DataDirectory = parseResult.GetRequiredValue(_dataDir),
        ConfigDirectory = parseResult.GetRequiredValue(_config),
    };

    internal static async Task<int> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = GatewayHostBuilder.Build(options);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"softswitch: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        try
        {
            // Runs until the host lifetime stops it (Ctrl-C or SIGTERM, then a graceful shutdown), and disposes it.
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // Kestrel reports a taken or unavailable HTTP address this way.
            await Console.Error.WriteLineAsync($"softswitch: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            // The SIP port is taken or the bind address is not on this machine.
            await Console.Error.WriteLineAsync($"softswitch: cannot listen for SIP: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"softswitch: invalid configuration: {string.Join("; ", ex.Failures)}").ConfigureAwait(false);
            return 1;
        }
        catch (DllNotFoundException ex)
        {
            // The message names the library file and the package that installs it (./softswitch setup).
            await Console.Error.WriteLineAsync($"softswitch: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        return 0;
    }

    private static void ValidatePort(OptionResult result)
    {
        if (result.Implicit)
        {
            return;
        }

        foreach (var token in result.Tokens)
        {
            if (!int.TryParse(token.Value, out var port) || port is < 0 or > 65535)
            {
                result.AddError($"{result.Option.Name} must be a port number from 0 to 65535, not '{token.Value}'.");
            }
        }
    }

    private static void ValidateAddress(OptionResult result)
    {
        if (!result.Implicit && result.Tokens.Count > 0 && !HttpBinding.TryParse(result.Tokens[0].Value, out _))
        {
            result.AddError($"{result.Option.Name} must be an IP address, localhost or *, not '{result.Tokens[0].Value}'.");
        }
    }
}
