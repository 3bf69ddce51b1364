namespace Softswitch.Admin.Persistence;

/// <summary>A row read from a table that keeps its entity as JSON: id, body, row version.</summary>
internal sealed class JsonRow
{
    public string Id { get; set; } = "";

    public string Body { get; set; } = "";

    public long RowVersion { get; set; }

    public string? Password { get; set; }
}
