using Softswitch.Admin.Model;

namespace Softswitch.Admin.Config;

/// <summary>One version of an agent in the configuration document.</summary>
/// <param name="Version">Its number.</param>
/// <param name="State">Draft or published.</param>
/// <param name="Definition">What the agent says and does.</param>
internal sealed record ConfigAgentVersion(int Version, AgentVersionState? State, AgentDefinition? Definition);
