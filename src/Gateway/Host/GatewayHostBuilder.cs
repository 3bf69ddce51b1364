using System.Globalization;
using Serilog;
using Softswitch.Admin.Http;
using Serilog.Events;

namespace Softswitch.Host;

/// <summary>
/// The composition root: builds the whole gateway as one <see cref="WebApplication"/> from <see cref="RunOptions"/>, so that
/// <c>softswitch run</c> and in-process tests start exactly the same thing.
/// </summary>
internal static class GatewayHostBuilder
{
    /// <summary>Prefix of environment variables that override configuration: <c>SOFTSWITCH_Sip__Port=5070</c> sets <c>Sip:Port</c>.</summary>
    public const string EnvironmentPrefix = "SOFTSWITCH_";

    /// <summary>Configuration key of the resolved data directory.</summary>
    public const string DataDirectoryKey = "DataDirectory";

    private const string DefaultOutputTemplate =
        "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}";

    /// <summary>Builds the gateway. Nothing listens until the returned application starts.</summary>
    /// <param name="options">What the command line asked for.</param>
    /// <param name="configurationOverrides">Settings applied after every other source (tests use this); <c>null</c> for none.</param>
    /// <returns>The application; start it with <c>RunAsync</c> or <c>StartAsync</c>.</returns>
    /// <exception cref="ArgumentException"><see cref="RunOptions.HttpAddress"/> is not an address.</exception>
    /// <exception cref="DirectoryNotFoundException">An explicitly given configuration directory does not exist.</exception>
    public static WebApplication Build(RunOptions options, IEnumerable<KeyValuePair<string, string?>>? configurationOverrides = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!HttpBinding.TryParse(options.HttpAddress, out var httpAddress))
        {
            throw new ArgumentException($"'{options.HttpAddress}' is not an IP address, localhost or *.", nameof(options));
        }

        var paths = ResolvePaths(options);
        Directory.CreateDirectory(paths.DataDirectory);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(GatewayHostBuilder).Assembly.GetName().Name,
        });

        ConfigureConfiguration(builder.Configuration, options, paths, configurationOverrides);
        ConfigureLogging(builder.Logging, builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(httpAddress, options.HttpPort));

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(paths);
        builder.Services.AddSingleton<StartupBanner>();

        // The database is migrated (and the first API key made) before SIP starts, so the first call is routed and recorded.
        builder.Services.AddAdminApi(builder.Configuration, paths.DataDirectory);
        builder.Services.PostConfigure<AdminOptions>(admin => admin.BaseAddress = $"http://{(options.HttpAddress is "*" or "0.0.0.0" ? "127.0.0.1" : options.HttpAddress)}:{options.HttpPort.ToString(CultureInfo.InvariantCulture)}");
        builder.Services.AddSipGateway(builder.Configuration);

        var app = builder.Build();
        app.MapGet("/health", static () => TypedResults.Ok(new HealthStatus("ok"))).AllowAnonymous();
        app.MapAdminApi();

        var banner = app.Services.GetRequiredService<StartupBanner>();
        app.Lifetime.ApplicationStarted.Register(banner.Announce);
        return app;
    }

    /// <summary>Finds the configuration file and makes the data directory absolute.</summary>
    /// <param name="options">What the command line asked for.</param>
    internal static ResolvedPaths ResolvePaths(RunOptions options)
    {
        var configDirectory = Path.GetFullPath(options.ConfigDirectory);
        if (!Directory.Exists(configDirectory))
        {
            if (options.ConfigDirectory != RunOptions.DefaultConfigDirectory)
            {
                throw new DirectoryNotFoundException($"The configuration directory {configDirectory} does not exist.");
            }

            // Started outside the repository: use the copy of config/ next to the executable.
            configDirectory = Path.Combine(AppContext.BaseDirectory, RunOptions.DefaultConfigDirectory);
        }

        var configFile = Path.Combine(configDirectory, RunOptions.ConfigFileName);
        return new ResolvedPaths(Path.GetFullPath(options.DataDirectory), configFile, File.Exists(configFile));
    }

    /// <summary>The gateway's configuration sources, in order: softswitch.json, <c>SOFTSWITCH_</c> variables, the command line, overrides.</summary>
    /// <param name="configuration">The builder to fill (its sources are replaced).</param>
    /// <param name="options">What the command line asked for.</param>
    /// <param name="paths">The resolved paths.</param>
    /// <param name="configurationOverrides">Settings applied last, or null.</param>
    internal static void ConfigureConfiguration(
        IConfigurationBuilder configuration,
        RunOptions options,
        ResolvedPaths paths,
        IEnumerable<KeyValuePair<string, string?>>? configurationOverrides)
    {
        // Precedence, lowest first: softswitch.json, SOFTSWITCH_ environment variables, the command line, test overrides.
        configuration.Sources.Clear();
        configuration.AddJsonFile(paths.ConfigFile, optional: true, reloadOnChange: false);
        configuration.AddEnvironmentVariables(EnvironmentPrefix);

        var commandLine = new Dictionary<string, string?> { [DataDirectoryKey] = paths.DataDirectory };
        if (options.SipPort is { } sipPort)
        {
            commandLine[RunOptions.SipPortKey] = sipPort.ToString(CultureInfo.InvariantCulture);
        }

        configuration.AddInMemoryCollection(commandLine);
        if (configurationOverrides is not null)
        {
            configuration.AddInMemoryCollection(configurationOverrides);
        }
    }

    private static void ConfigureLogging(ILoggingBuilder logging, IConfiguration configuration)
    {
        var serilog = new LoggerConfiguration();
        if (configuration.GetSection("Serilog").Exists())
        {
            serilog.ReadFrom.Configuration(configuration);
        }
        else
        {
            serilog
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .Enrich.FromLogContext()
                .WriteTo.Console(outputTemplate: DefaultOutputTemplate, formatProvider: CultureInfo.InvariantCulture);
        }

        // Serilog decides what is written; Microsoft.Extensions.Logging passes everything through.
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Trace);
        logging.AddSerilog(serilog.CreateLogger(), dispose: true);
    }
}
