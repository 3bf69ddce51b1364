using System.CommandLine;
using Softswitch.Dialog.Models;

namespace Softswitch.Host;

/// <summary><c>softswitch models list</c>: every catalog model, whether it is present (and where) and whether its digest is pinned.</summary>
internal sealed class ModelsListCommand : Command
{
    private readonly ModelCatalog _catalog;
    private readonly Option<string?> _modelsDir = ModelsCommand.ModelsDirectoryOption();
    private readonly Option<string> _dataDir = ConfigCommand.DataDirectoryOption();

    /// <summary>Creates the command.</summary>
    /// <param name="catalog">The models to list.</param>
    public ModelsListCommand(ModelCatalog catalog)
        : base("list", "Show every known model: what it is for, its size, whether it is present and whether its SHA-256 is pinned.")
    {
        _catalog = catalog;
        Options.Add(_modelsDir);
        Options.Add(_dataDir);
        SetAction(Run);
    }

    private int Run(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var store = ModelsCommand.ResolveStore(parseResult.GetValue(_modelsDir), parseResult.GetRequiredValue(_dataDir));
        output.WriteLine($"Models directory: {store.Directory}");
        output.WriteLine();
        output.WriteLine($"{"NAME",-28} {"SIZE",-10} {"STATUS",-8} {"SHA-256",-11} FOR");
        foreach (var entry in _catalog.Entries)
        {
            var present = entry.Files.Count(f => File.Exists(store.PathOf(f)));
            var status = present == entry.Files.Count ? "present" : present == 0 ? "missing" : "partial";
            var size = entry.ApproximateBytes is { } bytes ? ModelsCommand.Megabytes(bytes) : "?";
            var pinned = entry.Files.Count(f => f.Sha256 is not null);
            var digest = pinned == entry.Files.Count ? "pinned" : pinned == 0 ? "not pinned" : "partly";
            output.WriteLine($"{entry.Name,-28} {size,-10} {status,-8} {digest,-11} {entry.Purpose}");
            foreach (var file in entry.Files)
            {
                var path = store.PathOf(file);
                var fileStatus = File.Exists(path) ? "present" : "missing";
                var fileDigest = file.Sha256 is not null
                    ? "pinned"
                    : store.RecordedDigest(file) is { } recorded ? $"not pinned, recorded {recorded}" : "not pinned";
                output.WriteLine($"    {fileStatus,-8} {path} ({fileDigest})");
            }
        }

        output.WriteLine();
        output.WriteLine($"Fetch a missing model with: {ModelCatalog.PullCommand} NAME");
        output.WriteLine(
            $"not pinned: no published SHA-256 could be verified for that file; its digest is computed on the first download, printed and recorded in FILE{ModelStore.DigestExtension} beside it.");
        return 0;
    }
}
