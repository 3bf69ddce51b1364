namespace Softswitch.Host;

/// <summary>The absolute paths a run uses, resolved from <see cref="RunOptions"/>.</summary>
/// <param name="DataDirectory">The data directory (exists once the host is built).</param>
/// <param name="ConfigFile">The <c>softswitch.json</c> read (or looked for).</param>
/// <param name="ConfigFileExists">Whether <paramref name="ConfigFile"/> was there.</param>
internal sealed record ResolvedPaths(string DataDirectory, string ConfigFile, bool ConfigFileExists);
