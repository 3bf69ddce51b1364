using Microsoft.Extensions.Options;
using Softswitch.Dialog;
using Softswitch.Media.Recording;

namespace Softswitch.Host;

/// <summary>
/// Keeps the recordings folder within <see cref="DialogOptions.RecordingRetentionDays"/>: repairs the headers of recordings a
/// crash left open, then deletes recordings older than the retention at start and every hour.
/// </summary>
internal sealed class RecordingRetentionService(IOptions<DialogOptions> options, TimeProvider timeProvider, ILoggerFactory loggerFactory) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dialog = options.Value;
        var retention = new RecordingRetention(
            new RecordingRetentionOptions
            {
                Directory = dialog.RecordingsDirectory,
                MaxAge = dialog.RecordingRetentionDays > 0 ? TimeSpan.FromDays(dialog.RecordingRetentionDays) : null,
            },
            timeProvider,
            loggerFactory.CreateLogger<RecordingRetention>());
        return retention.RunAsync(stoppingToken);
    }
}
