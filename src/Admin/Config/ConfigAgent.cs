namespace Softswitch.Admin.Config;

/// <summary>An agent as the configuration document holds it: its versions with their definitions, without timestamps.</summary>
/// <param name="Id">The agent id.</param>
/// <param name="Name">Display name.</param>
/// <param name="PublishedVersion">The version new calls use, or null while none is published.</param>
/// <param name="Versions">Versions 1, 2, 3…, in order.</param>
internal sealed record ConfigAgent(string? Id, string? Name, int? PublishedVersion, IReadOnlyList<ConfigAgentVersion?>? Versions);
