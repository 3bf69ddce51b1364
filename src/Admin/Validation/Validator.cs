namespace Softswitch.Admin.Validation;

/// <summary>
/// Collects field errors, in the order they are found, so that every bad field is reported at once: by the HTTP API as a
/// 400 problem document, by <c>softswitch config import</c> as one line per error.
/// </summary>
internal sealed class Validator
{
    /// <summary>The message of a bad or missing id.</summary>
    public const string IdRule = "is required: 1-64 of a-z, 0-9, '-', '_'";

    private readonly List<(string Field, string Message)> _errors = [];

    /// <summary>Whether any check failed.</summary>
    public bool HasErrors => _errors.Count > 0;

    /// <summary>Every error, in the order it was recorded.</summary>
    public IReadOnlyList<(string Field, string Message)> Errors => _errors;

    /// <summary>Records <paramref name="message"/> for <paramref name="field"/> unless <paramref name="ok"/>.</summary>
    public Validator Check(bool ok, string field, string message)
    {
        if (!ok)
        {
            Add(field, message);
        }

        return this;
    }

    /// <summary>Records an error.</summary>
    public void Add(string field, string message) => _errors.Add((field, message));

    /// <summary>The errors grouped by field (the problem document's <c>errors</c>).</summary>
    public Dictionary<string, string[]> ByField() =>
        _errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    /// <summary><paramref name="name"/> under <paramref name="prefix"/>: <c>prefix.name</c>, or <c>name</c> alone when the prefix is empty.</summary>
    public static string Field(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    /// <summary>An id as the API accepts it: 1-64 of a-z, 0-9, '-' and '_', starting with a letter or digit.</summary>
    public static bool IsId(string? id) =>
        id is { Length: > 0 and <= 64 } && char.IsAsciiLetterOrDigit(id[0]) && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');
}
