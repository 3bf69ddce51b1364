namespace Softswitch.Admin.Model;

/// <summary>Which engine does one job (STT, LLM or TTS), and what to try when it fails.</summary>
/// <param name="Engine">Engine name, such as <c>whisper</c> or <c>llama</c>.</param>
/// <param name="Model">Model name, or null for the engine's default.</param>
/// <param name="Options">Engine-specific settings.</param>
/// <param name="Fallbacks">Engines tried in order when this one fails.</param>
public sealed record EngineSettings(
    string Engine,
    string? Model,
    IReadOnlyDictionary<string, string> Options,
    IReadOnlyList<EngineSettings> Fallbacks);
