using Microsoft.Extensions.Logging;

namespace Softswitch.Dialog.Engines.Scripted;

/// <summary>Scripted flow engine log messages (Dialog event ids 3500–3549).</summary>
internal static partial class Log
{
    [LoggerMessage(3500, LogLevel.Debug, "Scripted flow: intent {IntentId} matched by phrase '{Phrase}' (score {Score:F2})")]
    public static partial void IntentMatched(ILogger logger, string intentId, string phrase, double score);

    [LoggerMessage(3501, LogLevel.Debug, "Scripted flow: intent {IntentId} selected by key '{Key}'")]
    public static partial void IntentKeyed(ILogger logger, string intentId, char key);

    [LoggerMessage(3502, LogLevel.Debug, "Scripted flow: reprompt {Reprompt} of {MaxReprompts} ({Reason})")]
    public static partial void Reprompt(ILogger logger, int reprompt, int maxReprompts, string reason);

    [LoggerMessage(3503, LogLevel.Information, "Scripted flow: fallback after {Reprompts} reprompts, calling {Tool}")]
    public static partial void Fallback(ILogger logger, int reprompts, string tool);

    [LoggerMessage(3504, LogLevel.Information, "Scripted flow: intent {IntentId} done, calling {Tool}")]
    public static partial void ToolCalled(ILogger logger, string intentId, string tool);
}
