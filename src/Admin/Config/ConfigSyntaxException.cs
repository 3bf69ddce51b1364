namespace Softswitch.Admin.Config;

/// <summary>The configuration text is not a well-formed YAML document.</summary>
internal sealed class ConfigSyntaxException : Exception
{
    public ConfigSyntaxException(string message, int line, int column, Exception? innerException)
        : base(message, innerException)
    {
        Line = line;
        Column = column;
    }

    /// <summary>Line of the problem, from 1.</summary>
    public int Line { get; }

    /// <summary>Column of the problem, from 1.</summary>
    public int Column { get; }
}
