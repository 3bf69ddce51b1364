namespace Softswitch.Admin.Model;

/// <summary>A voice agent: a name and a history of versions, one of which new calls use.</summary>
/// <param name="Id">Slug-like id (lower-case letters, digits, <c>-</c> and <c>_</c>), unique.</param>
/// <param name="Name">Display name.</param>
/// <param name="CreatedAt">When the agent was created.</param>
/// <param name="PublishedVersion">The version new calls use, or null while no version has been published.</param>
public sealed record Agent(string Id, string Name, DateTimeOffset CreatedAt, int? PublishedVersion);
