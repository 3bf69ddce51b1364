namespace Softswitch.Admin.Config;

/// <summary>The outcome of <see cref="ConfigImporter.ImportAsync"/>.</summary>
public sealed class ConfigImportResult
{
    internal ConfigImportResult(IReadOnlyList<ConfigError> errors, bool malformed)
    {
        Errors = errors;
        Malformed = malformed;
    }

    /// <summary>Everything wrong with the document; when there is any, nothing was changed.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    /// <summary>Whether the text was not even well-formed YAML (one error, with its line and column).</summary>
    public bool Malformed { get; }

    /// <summary>Whether the document was valid (and so applied, unless it was a dry run).</summary>
    public bool Succeeded => Errors.Count == 0;

    /// <summary>Whether the changes were committed (false for a dry run or an invalid document).</summary>
    public bool Applied { get; internal set; }

    /// <summary>Agents.</summary>
    public ConfigChangeCounts Agents { get; } = new();

    /// <summary>Routes.</summary>
    public ConfigChangeCounts Routes { get; } = new();

    /// <summary>Trunks.</summary>
    public ConfigChangeCounts Trunks { get; } = new();

    /// <summary>Queues.</summary>
    public ConfigChangeCounts Queues { get; } = new();
}
