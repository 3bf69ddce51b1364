namespace Softswitch.Admin.Config;

/// <summary>One entity read from the document, with its path (such as <c>routes[2]</c>) for error messages.</summary>
/// <typeparam name="T">The entity type.</typeparam>
/// <param name="Path">Where it is in the document.</param>
/// <param name="Value">What it says.</param>
internal sealed record ConfigEntry<T>(string Path, T Value);
