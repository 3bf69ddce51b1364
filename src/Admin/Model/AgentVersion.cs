namespace Softswitch.Admin.Model;

/// <summary>One version of an agent's definition.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Version">1, 2, 3… in creation order.</param>
/// <param name="State">Draft or published.</param>
/// <param name="Definition">What the agent says and does.</param>
/// <param name="CreatedAt">When the version was created.</param>
/// <param name="PublishedAt">When it was published, or null for a draft.</param>
/// <param name="RowVersion">Changes on every write; the HTTP layer's ETag and the expected value of the next update.</param>
public sealed record AgentVersion(
    string AgentId,
    int Version,
    AgentVersionState State,
    AgentDefinition Definition,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt,
    long RowVersion);
