namespace Softswitch.Host;

/// <summary>What <c>softswitch run</c> was asked for on the command line.</summary>
internal sealed record RunOptions
{
    /// <summary>SIP port when neither the configuration nor the command line names one (RFC 3261 section 19.1.2).</summary>
    public const int DefaultSipPort = 5060;

    /// <summary>Configuration key that <see cref="SipPort"/> overrides.</summary>
    public const string SipPortKey = "Sip:Port";

    /// <summary>Default of <see cref="HttpPort"/>.</summary>
    public const int DefaultHttpPort = 8080;

    /// <summary>Default of <see cref="HttpAddress"/>.</summary>
    public const string DefaultHttpAddress = "127.0.0.1";

    /// <summary>Default of <see cref="DataDirectory"/>.</summary>
    public const string DefaultDataDirectory = "data";

    /// <summary>Default of <see cref="ConfigDirectory"/>.</summary>
    public const string DefaultConfigDirectory = "config";

    /// <summary>Name of the configuration file inside <see cref="ConfigDirectory"/>.</summary>
    public const string ConfigFileName = "softswitch.json";

    /// <summary>SIP UDP and TCP port; overrides <c>Sip:Port</c>. Defaults to <c>null</c>: the configured port (5060 unless configured).</summary>
    public int? SipPort { get; init; }

    /// <summary>HTTP port of <c>/health</c> and the admin API; 0 picks a free port. Defaults to 8080.</summary>
    public int HttpPort { get; init; } = DefaultHttpPort;

    /// <summary>Address HTTP binds to: an IP address, <c>localhost</c> or <c>*</c> (all interfaces). Defaults to 127.0.0.1.</summary>
    public string HttpAddress { get; init; } = DefaultHttpAddress;

    /// <summary>Folder of recordings and the local database; created when missing. Defaults to <c>data</c> under the working directory.</summary>
    public string DataDirectory { get; init; } = DefaultDataDirectory;

    /// <summary>
    /// Folder holding <c>softswitch.json</c>. Defaults to <c>config</c> under the working directory, or, when that does not exist,
    /// the copy next to the executable.
    /// </summary>
    public string ConfigDirectory { get; init; } = DefaultConfigDirectory;
}
