using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Softswitch.Dialog.Models;

namespace Softswitch.Host;

/// <summary><c>softswitch models pull NAME [--force]</c>: downloads a catalog model with a progress line and checks its SHA-256.</summary>
internal sealed class ModelsPullCommand : Command
{
    /// <summary>Exit code when NAME is not in the catalog.</summary>
    public const int UnknownModelExitCode = 2;

    private readonly ModelCatalog _catalog;
    private readonly Argument<string> _name = new("name") { Description = "The model to download (see softswitch models list)" };
    private readonly Option<bool> _force = new("--force") { Description = "Download again even when a verified copy is present" };
    private readonly Option<string?> _modelsDir = ModelsCommand.ModelsDirectoryOption();
    private readonly Option<string> _dataDir = ConfigCommand.DataDirectoryOption();

    /// <summary>Creates the command.</summary>
    /// <param name="catalog">The models it can download.</param>
    public ModelsPullCommand(ModelCatalog catalog)
        : base("pull", "Download a model from its official address, with a SHA-256 check.")
    {
        _catalog = catalog;
        Arguments.Add(_name);
        Options.Add(_force);
        Options.Add(_modelsDir);
        Options.Add(_dataDir);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var name = parseResult.GetRequiredValue(_name);
        if (!_catalog.TryFind(name, out var entry))
        {
            await error.WriteLineAsync($"Unknown model '{name}'. Known models: {_catalog.KnownNames}.").ConfigureAwait(false);
            return UnknownModelExitCode;
        }

        var store = ModelsCommand.ResolveStore(parseResult.GetValue(_modelsDir), parseResult.GetRequiredValue(_dataDir));
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("softswitch-models/1.0");
        var downloader = new ModelDownloader(http, NullLogger<ModelDownloader>.Instance);
        try
        {
            var results = await downloader.PullAsync(entry, store, parseResult.GetValue(_force), new ProgressLine(error), cancellationToken)
                .ConfigureAwait(false);
            foreach (var result in results)
            {
                var line = (result.Downloaded, result.File.Sha256 is not null) switch
                {
                    (false, _) => $"{result.Path} is already present and verified (SHA-256 {result.Sha256}).",
                    (true, true) => $"Downloaded {result.Path} (SHA-256 {result.Sha256}, matches the pinned digest).",
                    (true, false) => $"Downloaded {result.Path} (SHA-256 {result.Sha256}, not pinned: recorded in {result.Path}{ModelStore.DigestExtension}).",
                };
                await output.WriteLineAsync(line).ConfigureAwait(false);
            }

            return 0;
        }
        catch (ModelDownloadException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>One progress line per file on standard error (percent, MB, MB/s), redrawn at most five times a second.</summary>
    private sealed class ProgressLine(TextWriter writer) : IProgress<ModelDownloadProgress>
    {
        private long _lastDrawn = long.MinValue;

        public void Report(ModelDownloadProgress value)
        {
            var done = value.Completed;
            var now = Environment.TickCount64;
            if (!done && now - _lastDrawn < 200)
            {
                return;
            }

            _lastDrawn = now;
            var percent = value.TotalBytes is { } length and > 0 ? $"{100.0 * value.BytesReceived / length,5:0.0}%" : "    ?%";
            var of = value.TotalBytes is { } size ? $" of {ModelsCommand.Megabytes(size)}" : string.Empty;
            writer.Write(
                $"\r{value.RelativePath}: {percent} {ModelsCommand.Megabytes(value.BytesReceived)}{of}, {value.BytesPerSecond / 1_000_000:0.0} MB/s   ");
            if (done)
            {
                writer.WriteLine();
                _lastDrawn = long.MinValue;
            }
        }
    }
}
