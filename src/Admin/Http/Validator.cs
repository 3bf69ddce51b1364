using Microsoft.AspNetCore.Http;

namespace Softswitch.Admin.Http;

/// <summary>Collects field errors for one request and answers them together as a 400 problem document.</summary>
internal sealed class Validator
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>Whether any check failed.</summary>
    public bool HasErrors => _errors.Count > 0;

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
    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>The 400 problem (application/problem+json) with every error by field.</summary>
    public IResult Problem() => TypedResults.ValidationProblem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));

    /// <summary>An id as the API accepts it: 1-64 of a-z, 0-9, '-' and '_', starting with a letter or digit.</summary>
    public static bool IsId(string? id) =>
        id is { Length: > 0 and <= 64 } && char.IsAsciiLetterOrDigit(id[0]) && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');
}
