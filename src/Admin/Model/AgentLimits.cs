namespace Softswitch.Admin.Model;

/// <summary>Limits on a call handled by an agent.</summary>
/// <param name="MaxCallSeconds">Longest call, in seconds.</param>
/// <param name="SilenceTimeoutMs">Silence after which the agent prompts again, in milliseconds.</param>
/// <param name="NoInputReprompts">Prompts without an answer before the agent hangs up.</param>
public sealed record AgentLimits(int MaxCallSeconds, int SilenceTimeoutMs, int NoInputReprompts);
