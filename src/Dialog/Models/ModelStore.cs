using System.Security.Cryptography;

namespace Softswitch.Dialog.Models;

/// <summary>The models directory: where each catalog file lives and what is known about the copy there.</summary>
/// <param name="directory">The models directory (need not exist yet).</param>
public sealed class ModelStore(string directory)
{
    /// <summary>Extension of the digest file written beside each downloaded model file (<c>sha256sum</c> format).</summary>
    public const string DigestExtension = ".sha256";

    /// <summary>The models directory, absolute.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Where <paramref name="file"/> lives.</summary>
    /// <param name="file">A catalog file.</param>
    public string PathOf(ModelFile file) => Path.Combine(Directory, file.RelativePath);

    /// <summary>Whether every file of <paramref name="entry"/> is there (not checked against its digest).</summary>
    /// <param name="entry">A catalog entry.</param>
    public bool IsPresent(ModelCatalogEntry entry) => entry.Files.All(f => File.Exists(PathOf(f)));

    /// <summary>The digest recorded beside <paramref name="file"/> on download, or <c>null</c>.</summary>
    /// <param name="file">A catalog file.</param>
    public string? RecordedDigest(ModelFile file)
    {
        var digestPath = PathOf(file) + DigestExtension;
        if (!File.Exists(digestPath))
        {
            return null;
        }

        var text = File.ReadAllText(digestPath).Trim();
        var end = text.IndexOf(' ', StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).ToLowerInvariant();
    }

    /// <summary>Writes the digest file beside <paramref name="file"/> (as <c>sha256sum</c> prints it).</summary>
    /// <param name="file">A catalog file.</param>
    /// <param name="sha256">Its digest, lower-case hex.</param>
    public void RecordDigest(ModelFile file, string sha256)
    {
        var digestPath = PathOf(file) + DigestExtension;
        var temporary = digestPath + ".tmp";
        File.WriteAllText(temporary, $"{sha256}  {Path.GetFileName(file.RelativePath)}\n");
        File.Move(temporary, digestPath, overwrite: true);
    }

    /// <summary>Computes the SHA-256 of a file (lower-case hex).</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Stops the computation.</param>
    public static async Task<string> ComputeSha256Async(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var digest = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return Convert.ToHexStringLower(digest);
        }
    }
}
