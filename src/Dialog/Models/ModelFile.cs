namespace Softswitch.Dialog.Models;

/// <summary>One file of a catalog model: where it comes from, where it goes and how it is checked.</summary>
/// <param name="RelativePath">Path under the models directory (for example <c>ggml-tiny.en.bin</c>).</param>
/// <param name="Url">The official download address.</param>
/// <param name="Sha256">
/// The published SHA-256 (lower-case hex), or <c>null</c> when none could be verified: the digest is then computed on the first
/// download, printed and recorded in a <c>.sha256</c> file beside the model.
/// </param>
/// <param name="ApproximateBytes">Published size, for display only (never checked); <c>null</c> when unknown.</param>
public sealed record ModelFile(string RelativePath, Uri Url, string? Sha256, long? ApproximateBytes);
