namespace Softswitch.Admin.Config;

/// <summary>How <see cref="ConfigImporter"/> applies a document.</summary>
public sealed record ConfigImportOptions
{
    /// <summary>Validate and work out every change, then roll it all back. Defaults to false.</summary>
    public bool DryRun { get; init; }

    /// <summary>Delete the agents, routes, trunks and queues that a section of the document does not name. Defaults to false.</summary>
    public bool Prune { get; init; }

    /// <summary>Reads the environment variables that <c>${NAME}</c> trunk password placeholders name. Defaults to the process environment.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
}
