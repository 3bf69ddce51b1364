namespace Softswitch.Admin.Model;

/// <summary>An action the language model may take during a call.</summary>
/// <param name="Kind">What it does.</param>
/// <param name="Name">Name the model calls it by.</param>
/// <param name="Target">Transfer target (SIP URI or number), for <see cref="AgentToolKind.Transfer"/>.</param>
/// <param name="Url">Endpoint, for <see cref="AgentToolKind.Webhook"/>.</param>
/// <param name="TimeoutMs">Longest wait for the action, in milliseconds, or null for the default.</param>
public sealed record AgentTool(AgentToolKind Kind, string Name, string? Target, string? Url, int? TimeoutMs);
