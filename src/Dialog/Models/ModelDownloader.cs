using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Softswitch.Dialog.Models;

/// <summary>
/// Downloads catalog models into a <see cref="ModelStore"/>: each file is streamed to <c>FILE.part</c> while its SHA-256 is
/// computed, checked against the pinned digest (or recorded in <c>FILE.sha256</c> when none is pinned) and then renamed over
/// <c>FILE</c>, so that a failed or interrupted download never leaves a file that looks complete. A new attempt starts over.
/// </summary>
/// <param name="httpClient">The client (its timeout applies to each whole file).</param>
/// <param name="logger">The logger.</param>
/// <param name="timeProvider">Clock of the speed figure; defaults to <see cref="TimeProvider.System"/>.</param>
public sealed class ModelDownloader(HttpClient httpClient, ILogger<ModelDownloader> logger, TimeProvider? timeProvider = null)
{
    /// <summary>Progress is reported at least every this many bytes (and once at the end of each file).</summary>
    public const int ProgressIntervalBytes = 256 * 1024;

    private const int BufferSize = 80 * 1024;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Makes every file of <paramref name="entry"/> present and verified.</summary>
    /// <param name="entry">The catalog entry.</param>
    /// <param name="store">The models directory.</param>
    /// <param name="force">Download again even when a verified copy is there.</param>
    /// <param name="progress">Receives progress; may be <c>null</c>.</param>
    /// <param name="cancellationToken">Stops the download (the <c>.part</c> file is removed).</param>
    /// <returns>One result per file, in catalog order.</returns>
    /// <exception cref="ModelDownloadException">A file could not be downloaded or did not match its digest.</exception>
    public async Task<IReadOnlyList<ModelFileResult>> PullAsync(
        ModelCatalogEntry entry, ModelStore store, bool force, IProgress<ModelDownloadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(store);
        var results = new List<ModelFileResult>(entry.Files.Count);
        foreach (var file in entry.Files)
        {
            var path = store.PathOf(file);
            if (!force && await VerifyExistingAsync(file, store, path, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                results.Add(new ModelFileResult(file, path, existing, Downloaded: false));
                continue;
            }

            var sha256 = await DownloadAsync(file, path, progress, cancellationToken).ConfigureAwait(false);
            store.RecordDigest(file, sha256);
            Log.DownloadCompleted(logger, path, new FileInfo(path).Length, sha256, file.Sha256 is null ? "not pinned, recorded" : "pinned, verified");
            results.Add(new ModelFileResult(file, path, sha256, Downloaded: true));
        }

        return results;
    }

    /// <summary>The digest of the copy already at <paramref name="path"/> when it is good, otherwise <c>null</c>.</summary>
    private static async Task<string?> VerifyExistingAsync(ModelFile file, ModelStore store, string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var actual = await ModelStore.ComputeSha256Async(path, cancellationToken).ConfigureAwait(false);
        var expected = file.Sha256 ?? store.RecordedDigest(file);
        if (expected is null)
        {
            // Copied by hand and nothing to check it against: accept it and record what it is.
            store.RecordDigest(file, actual);
            return actual;
        }

        return string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase) ? actual : null;
    }

    private async Task<string> DownloadAsync(ModelFile file, string path, IProgress<ModelDownloadProgress>? progress, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var part = path + ".part";
        File.Delete(part);
        Log.DownloadStarted(logger, file.Url, path);
        string actual;
        try
        {
            actual = await CopyToPartAsync(file, part, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or HttpIOException or ModelDownloadException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            File.Delete(part);
            var reason = e is ModelDownloadException ? e.Message : e is TaskCanceledException ? "timed out" : e.Message;
            Log.DownloadFailed(logger, file.Url, reason);
            throw new ModelDownloadException(
                $"Could not download {file.Url}: {reason}. Check the network, or copy the file by hand to {path} and run the command again.", e);
        }
        catch
        {
            File.Delete(part);
            throw;
        }

        if (file.Sha256 is { } expected && !string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(part);
            Log.DownloadFailed(logger, file.Url, "SHA-256 mismatch");
            throw new ModelDownloadException(
                $"SHA-256 mismatch for {file.Url}: expected {expected.ToLowerInvariant()}, got {actual}. The download was discarded; nothing was written to {path}.");
        }

        File.Move(part, path, overwrite: true);
        return actual;
    }

    private async Task<string> CopyToPartAsync(ModelFile file, string part, IProgress<ModelDownloadProgress>? progress, CancellationToken cancellationToken)
    {
        using var response = await httpClient.GetAsync(file.Url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new ModelDownloadException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        var total = response.Content.Headers.ContentLength;
        var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var target = new FileStream(part, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var started = _time.GetTimestamp();
        try
        {
            await using (source.ConfigureAwait(false))
            await using (target.ConfigureAwait(false))
            {
                long received = 0;
                long reported = 0;
                int read;
                while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    hash.AppendData(buffer, 0, read);
                    received += read;
                    if (progress is not null && received - reported >= ProgressIntervalBytes)
                    {
                        reported = received;
                        progress.Report(new ModelDownloadProgress(file.RelativePath, received, total, Speed(received, started), Completed: false));
                    }
                }

                progress?.Report(new ModelDownloadProgress(file.RelativePath, received, total, Speed(received, started), Completed: true));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private double Speed(long bytes, long started)
    {
        var seconds = _time.GetElapsedTime(started).TotalSeconds;
        return seconds > 0 ? bytes / seconds : 0;
    }
}
