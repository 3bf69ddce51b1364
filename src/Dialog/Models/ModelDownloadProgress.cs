namespace Softswitch.Dialog.Models;

/// <summary>How far one file's download has come.</summary>
/// <param name="RelativePath">The file (as in <see cref="ModelFile.RelativePath"/>).</param>
/// <param name="BytesReceived">Bytes received so far.</param>
/// <param name="TotalBytes">The length the server announced, or <c>null</c> when it did not.</param>
/// <param name="BytesPerSecond">Average speed since the download began.</param>
/// <param name="Completed"><c>true</c> on the last report of the file (the whole body was received).</param>
public readonly record struct ModelDownloadProgress(string RelativePath, long BytesReceived, long? TotalBytes, double BytesPerSecond, bool Completed);
