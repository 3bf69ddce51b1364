namespace Softswitch.Dialog.Engines.Scripted;

/// <summary>A scripted flow document is not valid.</summary>
public sealed class ScriptedFlowException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errors">Every problem found, each starting with its path (<c>intents[2].slots[0].kind: …</c>).</param>
    public ScriptedFlowException(IReadOnlyList<string> errors)
        : base(FormatMessage(errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem found, each starting with its path.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string FormatMessage(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return $"The scripted flow has {errors.Count} error(s):{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
    }
}
