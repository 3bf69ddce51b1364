using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Softswitch.Admin.Model;

namespace Softswitch.Admin.Http;

/// <summary>Reading bodies and answering errors the same way in every endpoint: problem documents that name what is wrong.</summary>
internal static class ApiResults
{
    /// <summary>
    /// Reads a JSON body: a missing or malformed one becomes a 400 problem naming where it broke, one over the size limit 413.
    /// </summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, ModelJson.Options, cancellationToken).ConfigureAwait(false);
            return value is null ? (null, Invalid("$", "A JSON body is required.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Invalid(string.IsNullOrEmpty(e.Path) ? "$" : e.Path, "The body is not valid JSON here: " + FirstSentence(e.Message)));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TypedResults.Problem(detail: "The request body is larger than Admin:MaxRequestBodyBytes allows.", statusCode: StatusCodes.Status413PayloadTooLarge));
        }
    }

    /// <summary>400 naming one field.</summary>
    public static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>404 for an unknown id.</summary>
    public static IResult NotFound(string what, string id) =>
        TypedResults.Problem(detail: $"There is no {what} '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>409 when the request cannot apply to the resource as it is.</summary>
    public static IResult Conflict(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    /// <summary>412 when If-Match names another version.</summary>
    public static IResult PreconditionFailed(long current) =>
        TypedResults.Problem(detail: $"If-Match does not match the current version (ETag \"{current}\"): read it again and retry.", statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed");

    /// <summary>The ETag of a row version.</summary>
    public static string ETag(long rowVersion) => "\"" + rowVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";

    /// <summary>
    /// The version the client expects (from If-Match), or <paramref name="current"/> when it sent none; a problem when If-Match
    /// is not one of our ETags or names another version.
    /// </summary>
    public static IResult? CheckIfMatch(HttpRequest request, long current, out long expected)
    {
        expected = current;
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(header) || header == "*")
        {
            return null;
        }

        var value = header.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        if (!long.TryParse(value.Trim('"'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out expected))
        {
            return Invalid("If-Match", "must be an ETag this API returned, such as \"3\".");
        }

        return expected == current ? null : PreconditionFailed(current);
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
