namespace Softswitch.Dialog.Routing;

/// <summary>What a call flow needs of the agent version a call was routed to (the admin API keeps the whole version).</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Version">The published version the call uses, kept for the whole call even when a newer one is published.</param>
/// <param name="Name">The agent's name.</param>
/// <param name="Greeting">What the agent says when it answers.</param>
/// <param name="Voice">The text-to-speech voice (an espeak-ng voice name for the embedded engine).</param>
/// <param name="Language">The conversation language (BCP 47).</param>
public sealed record AgentProfile(string AgentId, int Version, string Name, string Greeting, string Voice, string Language);
