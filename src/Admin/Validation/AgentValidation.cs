using Softswitch.Admin.Model;

namespace Softswitch.Admin.Validation;

/// <summary>The rules an agent and its definitions follow, the same for the HTTP API and <c>softswitch config import</c>.</summary>
internal static class AgentValidation
{
    /// <summary>Checks an agent's id and display name, naming each bad field under <paramref name="prefix"/>.</summary>
    public static void ValidateAgent(string? id, string? name, Validator validator, string prefix = "")
    {
        validator
            .Check(Validator.IsId(id), Validator.Field(prefix, "id"), Validator.IdRule)
            .Check(!string.IsNullOrWhiteSpace(name) && name.Length <= 200, Validator.Field(prefix, "name"), "is required, at most 200 characters");
    }

    /// <summary>Checks a definition, naming each bad field under <paramref name="prefix"/>.</summary>
    public static void ValidateDefinition(AgentDefinition? definition, Validator validator, string prefix = "definition")
    {
        if (definition is null)
        {
            validator.Add(prefix, "is required");
            return;
        }

        validator
            .Check(!string.IsNullOrWhiteSpace(definition.Name) && definition.Name.Length <= 200, prefix + ".name", "is required, at most 200 characters")
            .Check(!string.IsNullOrWhiteSpace(definition.Greeting) && definition.Greeting.Length <= 2000, prefix + ".greeting", "is required, at most 2000 characters")
            .Check(definition.SystemPrompt is null || definition.SystemPrompt.Length <= 32_000, prefix + ".systemPrompt", "must be at most 32000 characters")
            .Check(!string.IsNullOrWhiteSpace(definition.Language), prefix + ".language", "is required (a BCP 47 tag such as en-US)")
            .Check(!string.IsNullOrWhiteSpace(definition.Voice), prefix + ".voice", "is required (an espeak-ng voice such as en, or a Piper voice)");
        foreach (var (engine, name) in new[] { (definition.Stt, "stt"), (definition.Llm, "llm"), (definition.Tts, "tts") })
        {
            validator.Check(engine is not null && !string.IsNullOrWhiteSpace(engine.Engine), $"{prefix}.{name}.engine", "is required");
        }

        if (definition.Limits is { } limits)
        {
            validator
                .Check(limits.MaxCallSeconds is >= 0 and <= 86_400, prefix + ".limits.maxCallSeconds", "must be 0-86400 (0: no limit)")
                .Check(limits.SilenceTimeoutMs is >= 0 and <= 600_000, prefix + ".limits.silenceTimeoutMs", "must be 0-600000")
                .Check(limits.NoInputReprompts is >= 0 and <= 10, prefix + ".limits.noInputReprompts", "must be 0-10");
        }
        else
        {
            validator.Add(prefix + ".limits", "is required");
        }

        var tools = definition.Tools ?? [];
        for (var i = 0; i < tools.Count; i++)
        {
            var tool = tools[i];
            validator.Check(!string.IsNullOrWhiteSpace(tool.Name), $"{prefix}.tools[{i}].name", "is required");
            if (tool.Kind == AgentToolKind.Webhook)
            {
                validator.Check(Uri.TryCreate(tool.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https", $"{prefix}.tools[{i}].url", "must be an absolute http(s) URL for a webhook tool");
            }
        }
    }
}
