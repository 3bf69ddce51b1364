using Microsoft.Extensions.Logging;

namespace Softswitch.Dialog.Models;

/// <summary>Model download log messages (Dialog event ids 3550–3599).</summary>
internal static partial class Log
{
    [LoggerMessage(3550, LogLevel.Information, "Downloading model file {Url} to {Path}")]
    public static partial void DownloadStarted(ILogger logger, Uri url, string path);

    [LoggerMessage(3551, LogLevel.Information, "Downloaded model file {Path}: {Bytes} bytes, SHA-256 {Sha256} ({Pinning})")]
    public static partial void DownloadCompleted(ILogger logger, string path, long bytes, string sha256, string pinning);

    [LoggerMessage(3552, LogLevel.Warning, "Model file download from {Url} failed: {Reason}")]
    public static partial void DownloadFailed(ILogger logger, Uri url, string reason);
}
