using Microsoft.AspNetCore.Http;
using Softswitch.Admin.Validation;

namespace Softswitch.Admin.Http;

/// <summary>How the HTTP API answers a failed <see cref="Validator"/>.</summary>
internal static class ValidatorResults
{
    /// <summary>The 400 problem (application/problem+json) with every error by field.</summary>
    public static IResult Problem(this Validator validator) => TypedResults.ValidationProblem(validator.ByField());
}
