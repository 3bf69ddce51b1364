using System.CommandLine;
using System.Text;
using Softswitch.Admin.Config;

namespace Softswitch.Host;

/// <summary><c>softswitch config export [--output FILE]</c>: writes the configuration as YAML (standard output by default).</summary>
internal sealed class ConfigExportCommand : Command
{
    private readonly Option<string?> _output = new("--output", "-o") { Description = "File to write [default: standard output]" };
    private readonly Option<string> _dataDir = ConfigCommand.DataDirectoryOption();
    private readonly Option<string> _config = ConfigCommand.ConfigDirectoryOption();

    /// <summary>Creates the command.</summary>
    public ConfigExportCommand()
        : base("export", "Write agents (every version), routes, trunks (passwords as ${TRUNK_<ID>_PASSWORD} placeholders) and queues as YAML.")
    {
        Options.Add(_output);
        Options.Add(_dataDir);
        Options.Add(_config);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var stdout = parseResult.InvocationConfiguration.Output;
        var stderr = parseResult.InvocationConfiguration.Error;
        try
        {
            using var services = ConfigDatabase.Open(parseResult.GetRequiredValue(_dataDir), parseResult.GetRequiredValue(_config));
            var exporter = services.GetRequiredService<ConfigExporter>();
            if (parseResult.GetValue(_output) is not { } file)
            {
                await exporter.ExportAsync(stdout, cancellationToken).ConfigureAwait(false);
                return 0;
            }

            // Written next to the target and moved over it, so that a failed export never leaves half a file.
            var temporary = file + ".tmp";
            var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            await using (writer.ConfigureAwait(false))
            {
                await exporter.ExportAsync(writer, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, file, overwrite: true);
            return 0;
        }
        catch (Exception e) when (ConfigDatabase.TryReport(stderr, e))
        {
            return 1;
        }
    }
}
