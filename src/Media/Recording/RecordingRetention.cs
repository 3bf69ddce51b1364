using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Softswitch.Media.Recording;

/// <summary>
/// Deletes call recordings (<c>*.wav</c>, at any depth under the recordings directory) whose last write is older than
/// <see cref="RecordingRetentionOptions.MaxAge"/>, then removes the folders that left empty. <see cref="RunAsync"/> repairs
/// headers left stale by a crash, sweeps at once and then every <see cref="RecordingRetentionOptions.SweepInterval"/>.
/// Symbolic links are not followed. Each deletion is logged at Debug and each sweep's totals at Information.
/// </summary>
public sealed class RecordingRetention
{
    // A live recording rewrites its file every second; repair leaves alone anything written more recently than this.
    private static readonly TimeSpan s_repairQuietTime = TimeSpan.FromMinutes(1);

    private static readonly EnumerationOptions s_recordings = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        MatchCasing = MatchCasing.CaseInsensitive,
        AttributesToSkip = FileAttributes.ReparsePoint,
    };

    private static readonly EnumerationOptions s_folders = new() { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
    private static readonly EnumerationOptions s_anything = new() { IgnoreInaccessible = false, AttributesToSkip = 0 };

    private readonly RecordingRetentionOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates the sweeper; nothing happens until <see cref="Sweep"/> or <see cref="RunAsync"/>.</summary>
    /// <param name="options">The directory and policy.</param>
    /// <param name="timeProvider">Clock for ages and the sweep timer; defaults to <see cref="TimeProvider.System"/>.</param>
    /// <param name="logger">Logger; defaults to none.</param>
    public RecordingRetention(RecordingRetentionOptions options, TimeProvider? timeProvider = null, ILogger<RecordingRetention>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Directory, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.SweepInterval, TimeSpan.Zero, nameof(options));
        if (options.MaxAge < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxAge, "MaxAge must not be negative (null or zero keeps forever).");
        }

        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Directory = Path.GetFullPath(options.Directory);
    }

    /// <summary>The recordings directory (full path).</summary>
    public string Directory { get; }

    /// <summary>Whether recordings are kept forever (no max age, or zero).</summary>
    public bool KeepsForever => _options.MaxAge is not { } age || age == TimeSpan.Zero;

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled: repairs stale headers (when
    /// <see cref="RecordingRetentionOptions.RepairHeadersOnStart"/>), sweeps, then sweeps again every
    /// <see cref="RecordingRetentionOptions.SweepInterval"/> of the <see cref="TimeProvider"/>. Work runs on the thread pool;
    /// a failed sweep is logged and the next one still runs. When recordings are kept forever it returns after the repair.
    /// </summary>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>A task that completes (successfully) when the loop stops.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Log.RetentionStarted(_logger, Directory, KeepsForever ? "forever" : "for " + _options.MaxAge!.Value.ToString("c", CultureInfo.InvariantCulture), _options.SweepInterval);
        using var timer = new PeriodicTimer(_options.SweepInterval, _timeProvider);
        try
        {
            if (_options.RepairHeadersOnStart)
            {
                await Task.Run(RepairSafely, cancellationToken).ConfigureAwait(false);
            }

            if (KeepsForever)
            {
                return;
            }

            do
            {
                await Task.Run(SweepSafely, cancellationToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Deletes the recordings older than the max age and removes empty folders under the directory (never the directory
    /// itself). Does nothing when recordings are kept forever or the directory does not exist. A file that cannot be deleted
    /// is logged and counted in <see cref="RecordingSweepResult.Failures"/>.
    /// </summary>
    /// <returns>What was deleted.</returns>
    public RecordingSweepResult Sweep()
    {
        if (KeepsForever || !System.IO.Directory.Exists(Directory))
        {
            return default;
        }

        TimeSpan maxAge = _options.MaxAge!.Value;
        DateTime cutoff = (_timeProvider.GetUtcNow() - maxAge).UtcDateTime;
        int files = 0;
        int failures = 0;
        long bytes = 0;
        foreach (FileInfo file in new DirectoryInfo(Directory).EnumerateFiles("*.wav", s_recordings))
        {
            try
            {
                DateTime lastWriteUtc = file.LastWriteTimeUtc;
                if (lastWriteUtc >= cutoff)
                {
                    continue;
                }

                long length = file.Length;
                file.Delete();
                files++;
                bytes += length;
                Log.RetentionDeleted(_logger, file.FullName, length, lastWriteUtc);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failures++;
                Log.RetentionFileFailed(_logger, e, file.FullName);
            }
        }

        int folders = RemoveEmptyFolders(new DirectoryInfo(Directory));
        if (files > 0 || folders > 0)
        {
            Log.RetentionSwept(_logger, files, bytes, maxAge, folders, Directory);
        }

        return new RecordingSweepResult(files, bytes, folders, 0, failures);
    }

    /// <summary>
    /// Repairs the header of every recording a crash left stale (<see cref="CallRecording.RepairHeader(string)"/>), skipping
    /// files written in the last minute, which a live recording may still be writing. Meant for start-up.
    /// </summary>
    /// <returns>The headers repaired and the files that could not be read or repaired.</returns>
    public RecordingSweepResult RepairHeaders()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return default;
        }

        DateTime quietSince = (_timeProvider.GetUtcNow() - s_repairQuietTime).UtcDateTime;
        int repaired = 0;
        int failures = 0;
        foreach (FileInfo file in new DirectoryInfo(Directory).EnumerateFiles("*.wav", s_recordings))
        {
            try
            {
                if (file.LastWriteTimeUtc > quietSince || !CallRecording.RepairHeader(file.FullName))
                {
                    continue;
                }

                repaired++;
                Log.HeaderRepaired(_logger, file.FullName, file.Length);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                failures++;
                Log.RetentionFileFailed(_logger, e, file.FullName);
            }
        }

        return new RecordingSweepResult(0, 0, 0, repaired, failures);
    }

    // Post-order, so that a date folder whose only content was empty folders goes too. Deletion is non-recursive: a folder
    // that gained a file since the check (a recording starting) makes it fail, and it is kept.
    private int RemoveEmptyFolders(DirectoryInfo folder)
    {
        int removed = 0;
        foreach (DirectoryInfo child in folder.GetDirectories("*", s_folders))
        {
            removed += RemoveEmptyFolders(child);
            try
            {
                using IEnumerator<string> entries = System.IO.Directory.EnumerateFileSystemEntries(child.FullName, "*", s_anything).GetEnumerator();
                if (!entries.MoveNext())
                {
                    child.Delete(recursive: false);
                    removed++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.RetentionFileFailed(_logger, e, child.FullName);
            }
        }

        return removed;
    }

    private void SweepSafely()
    {
        try
        {
            Sweep();
        }
        catch (Exception e)
        {
            Log.RetentionSweepFailed(_logger, e, Directory);
        }
    }

    private void RepairSafely()
    {
        try
        {
            RepairHeaders();
        }
        catch (Exception e)
        {
            Log.RetentionSweepFailed(_logger, e, Directory);
        }
    }
}
