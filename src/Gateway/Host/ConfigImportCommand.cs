using System.CommandLine;
using Softswitch.Admin.Config;

namespace Softswitch.Host;

/// <summary>
/// <c>softswitch config import FILE [--dry-run] [--prune]</c>: validates the whole document, then applies it in one
/// transaction. Exit codes: 0 applied (or valid, for a dry run); 1 invalid document (every error listed, nothing changed)
/// or the database failed; 2 the file cannot be read or is not well-formed YAML.
/// </summary>
internal sealed class ConfigImportCommand : Command
{
    private readonly Argument<string> _file = new("FILE") { Description = "The YAML document (- for standard input)" };
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Validate and report what would change; change nothing" };
    private readonly Option<bool> _prune = new("--prune") { Description = "Delete agents, routes, trunks and queues that the document's sections do not name" };
    private readonly Option<string> _dataDir = ConfigCommand.DataDirectoryOption();
    private readonly Option<string> _config = ConfigCommand.ConfigDirectoryOption();

    /// <summary>Creates the command.</summary>
    public ConfigImportCommand()
        : base("import", "Validate a YAML configuration document, then create, update (and with --prune delete) to match it, all at once.")
    {
        Arguments.Add(_file);
        Options.Add(_dryRun);
        Options.Add(_prune);
        Options.Add(_dataDir);
        Options.Add(_config);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var stdout = parseResult.InvocationConfiguration.Output;
        var stderr = parseResult.InvocationConfiguration.Error;
        var file = parseResult.GetRequiredValue(_file);
        string yaml;
        try
        {
            yaml = file == "-" ? await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false) : await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"softswitch: cannot read {file}: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        var options = new ConfigImportOptions { DryRun = parseResult.GetValue(_dryRun), Prune = parseResult.GetValue(_prune) };
        ConfigImportResult result;
        try
        {
            using var services = ConfigDatabase.Open(parseResult.GetRequiredValue(_dataDir), parseResult.GetRequiredValue(_config));
            result = await services.GetRequiredService<ConfigImporter>().ImportAsync(yaml, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ConfigDatabase.TryReport(stderr, e))
        {
            await stderr.WriteLineAsync("softswitch: nothing was changed.").ConfigureAwait(false);
            return 1;
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                await stderr.WriteLineAsync($"{file}: {error}").ConfigureAwait(false);
            }

            var count = result.Errors.Count;
            await stderr.WriteLineAsync($"softswitch: {count} error{(count == 1 ? "" : "s")} in {file}; nothing was changed.").ConfigureAwait(false);
            return result.Malformed ? 2 : 1;
        }

        await stdout.WriteLineAsync($"agents: {result.Agents}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"routes: {result.Routes}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"trunks: {result.Trunks}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"queues: {result.Queues}").ConfigureAwait(false);
        await stdout.WriteLineAsync(result.Applied ? $"Imported {file}." : "Dry run: the document is valid; nothing was changed.").ConfigureAwait(false);
        return 0;
    }
}
