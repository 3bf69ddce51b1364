using System.CommandLine;

namespace Softswitch.Host;

/// <summary>
/// <c>softswitch config export|import</c>: the whole configuration (agents, routes, trunks, queues) as one YAML document,
/// read from and written to the same database the gateway uses (same <c>--data-dir</c>, <c>--config</c> and
/// <c>Admin:Database</c> settings).
/// </summary>
internal sealed class ConfigCommand : Command
{
    /// <summary>Creates the command and its two subcommands.</summary>
    public ConfigCommand()
        : base("config", "Export or import the whole configuration as one YAML document.")
    {
        Subcommands.Add(new ConfigExportCommand());
        Subcommands.Add(new ConfigImportCommand());
    }

    /// <summary>The <c>--data-dir</c> option, as <c>softswitch run</c> has it.</summary>
    public static Option<string> DataDirectoryOption() => new("--data-dir")
    {
        Description = "Data directory (local database); the same as for softswitch run",
        DefaultValueFactory = _ => RunOptions.DefaultDataDirectory,
    };

    /// <summary>The <c>--config</c> option, as <c>softswitch run</c> has it.</summary>
    public static Option<string> ConfigDirectoryOption() => new("--config")
    {
        Description = "Configuration directory holding softswitch.json (Admin:Database)",
        DefaultValueFactory = _ => RunOptions.DefaultConfigDirectory,
    };
}
