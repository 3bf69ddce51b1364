using Microsoft.Extensions.Options;
using Softswitch.Admin.Persistence;

namespace Softswitch.Host;

/// <summary>
/// The admin database alone, resolved exactly as <see cref="GatewayHostBuilder"/> resolves it (softswitch.json, then
/// <c>SOFTSWITCH_</c> variables, then the data directory), for commands that do not start the gateway.
/// </summary>
internal static class ConfigDatabase
{
    /// <summary>Builds the services of the database; dispose them.</summary>
    /// <param name="dataDirectory">The <c>--data-dir</c> value.</param>
    /// <param name="configDirectory">The <c>--config</c> value.</param>
    /// <returns>The services.</returns>
    /// <exception cref="DirectoryNotFoundException">An explicitly given configuration directory does not exist.</exception>
    /// <exception cref="OptionsValidationException"><c>Admin:Database</c> is invalid.</exception>
    public static ServiceProvider Open(string dataDirectory, string configDirectory)
    {
        var options = new RunOptions { DataDirectory = dataDirectory, ConfigDirectory = configDirectory };
        var paths = GatewayHostBuilder.ResolvePaths(options);
        Directory.CreateDirectory(paths.DataDirectory);
        var configuration = new ConfigurationManager();
        GatewayHostBuilder.ConfigureConfiguration(configuration, options, paths, configurationOverrides: null);

        // No log providers: the commands report on stdout and stderr themselves.
        var services = new ServiceCollection().AddLogging().AddAdminPersistence(configuration, paths.DataDirectory).BuildServiceProvider();
        try
        {
            // Settles (and validates) Admin:Database now, so that a bad setting is one clear error.
            _ = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            return services;
        }
        catch
        {
            services.Dispose();
            throw;
        }
    }

    /// <summary>Writes a failure the commands expect (bad configuration, unreachable database) as one line.</summary>
    /// <param name="error">Standard error.</param>
    /// <param name="exception">The failure.</param>
    /// <returns>True when it was one of those; false to let it propagate.</returns>
    public static bool TryReport(TextWriter error, Exception exception)
    {
        var message = exception switch
        {
            OptionsValidationException e => "invalid configuration: " + string.Join("; ", e.Failures),
            IOException or UnauthorizedAccessException or InvalidOperationException => exception.Message,
            System.Data.Common.DbException e => "database: " + e.Message,
            _ => null,
        };
        if (message is null)
        {
            return false;
        }

        error.WriteLine("softswitch: " + message);
        return true;
    }
}
