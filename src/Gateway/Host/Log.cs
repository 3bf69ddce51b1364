namespace Softswitch.Host;

/// <summary>Host lifecycle log messages (event ids 1950–1999).</summary>
internal static partial class Log
{
    [LoggerMessage(1950, LogLevel.Information, "HTTP listening on {Address}; health check: {HealthUrl}")]
    public static partial void HttpListening(ILogger logger, string address, string healthUrl);

    [LoggerMessage(1951, LogLevel.Information, "SIP port {SipPort} (UDP and TCP). Place a test call: {SippCommand}   or in baresip: {BaresipCommand}")]
    public static partial void HowToCall(ILogger logger, int sipPort, string sippCommand, string baresipCommand);

    [LoggerMessage(1952, LogLevel.Information, "Data directory {DataDirectory}; configuration {ConfigFile}")]
    public static partial void Paths(ILogger logger, string dataDirectory, string configFile);

    [LoggerMessage(1953, LogLevel.Warning, "Configuration file {ConfigFile} not found; using built-in defaults")]
    public static partial void ConfigMissing(ILogger logger, string configFile);
}
