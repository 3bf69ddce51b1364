namespace Softswitch.Admin.Config;

/// <summary>What an import did (or, in a dry run, would do) to one kind of entity.</summary>
public sealed class ConfigChangeCounts
{
    /// <summary>New ones.</summary>
    public int Created { get; internal set; }

    /// <summary>Changed ones.</summary>
    public int Updated { get; internal set; }

    /// <summary>Ones that were already as the document says.</summary>
    public int Unchanged { get; internal set; }

    /// <summary>Ones deleted by <see cref="ConfigImportOptions.Prune"/>.</summary>
    public int Deleted { get; internal set; }

    /// <summary><c>1 created, 2 updated, 0 unchanged, 0 deleted</c>.</summary>
    /// <returns>The counts on one line.</returns>
    public override string ToString() => $"{Created} created, {Updated} updated, {Unchanged} unchanged, {Deleted} deleted";
}
