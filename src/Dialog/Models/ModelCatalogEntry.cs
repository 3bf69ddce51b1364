namespace Softswitch.Dialog.Models;

/// <summary>A model the catalog knows: a short name for the command line and the files that make it up.</summary>
/// <param name="Name">The name <c>softswitch models pull</c> takes (for example <c>whisper-tiny-en</c>).</param>
/// <param name="Purpose">What the model is for, in a few words.</param>
/// <param name="Files">The files, downloaded in this order.</param>
public sealed record ModelCatalogEntry(string Name, string Purpose, IReadOnlyList<ModelFile> Files)
{
    /// <summary>The sum of the files' published sizes, or <c>null</c> when any is unknown.</summary>
    public long? ApproximateBytes
    {
        get
        {
            long total = 0;
            foreach (var file in Files)
            {
                if (file.ApproximateBytes is not { } bytes)
                {
                    return null;
                }

                total += bytes;
            }

            return total;
        }
    }

    /// <summary>Whether every file has a published SHA-256.</summary>
    public bool IsPinned => Files.All(f => f.Sha256 is not null);
}
