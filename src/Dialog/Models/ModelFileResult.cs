namespace Softswitch.Dialog.Models;

/// <summary>What a pull did with one file.</summary>
/// <param name="File">The catalog file.</param>
/// <param name="Path">Where it now lives.</param>
/// <param name="Sha256">Its SHA-256 (lower-case hex).</param>
/// <param name="Downloaded"><c>true</c> when it was downloaded now; <c>false</c> when it was already there and verified.</param>
public sealed record ModelFileResult(ModelFile File, string Path, string Sha256, bool Downloaded);
