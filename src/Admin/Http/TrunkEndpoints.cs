using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Softswitch.Admin.Auth;
using Softswitch.Admin.Persistence;
using Softswitch.Admin.Validation;

namespace Softswitch.Admin.Http;

/// <summary>
/// <c>/api/v1/trunks</c>. The password is write-only: sent in <c>password</c> (null keeps it, an empty string removes it), never
/// returned (reads say <c>hasPassword</c>) and never logged.
/// </summary>
internal static class TrunkEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var trunks = api.MapGroup("/trunks").WithTags("Trunks");
        trunks.MapGet("/", static (TrunkRepository repository, CancellationToken ct) => repository.ListAsync(ct)).RequireAuthorization(ApiPolicies.Viewer);
        trunks.MapPost("/", CreateAsync).RequireAuthorization(ApiPolicies.Editor);
        trunks.MapGet("/{id}", GetAsync).RequireAuthorization(ApiPolicies.Viewer);
        trunks.MapPut("/{id}", UpdateAsync).RequireAuthorization(ApiPolicies.Editor);
        trunks.MapDelete("/{id}", DeleteAsync).RequireAuthorization(ApiPolicies.Editor);
    }

    private static Validator Validate(TrunkRequest t)
    {
        var v = new Validator();
        TrunkValidation.Validate(t, v);
        return v;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, TrunkRepository repository, CancellationToken ct)
    {
        var (body, problem) = await ApiResults.ReadAsync<TrunkRequest>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var v = Validate(body!).Check(Validator.IsId(body!.Id), "id", Validator.IdRule);
        if (v.HasErrors)
        {
            return v.Problem();
        }

        var result = await repository.CreateAsync(body.ToTrunk(body.Id!, 1), string.IsNullOrEmpty(body.Password) ? null : body.Password, ct).ConfigureAwait(false);
        return result.Status == WriteStatus.Conflict
            ? ApiResults.Conflict($"A trunk '{body.Id}' exists already.")
            : TypedResults.Created($"/api/v1/trunks/{body.Id}", result.Value);
    }

    private static async Task<IResult> GetAsync(string id, HttpResponse response, TrunkRepository repository, CancellationToken ct)
    {
        if (await repository.GetAsync(id, ct).ConfigureAwait(false) is not { } trunk)
        {
            return ApiResults.NotFound("trunk", id);
        }

        response.Headers.ETag = ApiResults.ETag(trunk.RowVersion);
        return TypedResults.Ok(trunk);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, HttpResponse response, TrunkRepository repository, CancellationToken ct)
    {
        if (await repository.GetAsync(id, ct).ConfigureAwait(false) is not { } current)
        {
            return ApiResults.NotFound("trunk", id);
        }

        if (ApiResults.CheckIfMatch(request, current.RowVersion, out var expected) is { } precondition)
        {
            return precondition;
        }

        var (body, problem) = await ApiResults.ReadAsync<TrunkRequest>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var v = Validate(body!);
        if (v.HasErrors)
        {
            return v.Problem();
        }

        var result = await repository.UpdateAsync(body!.ToTrunk(id, expected), body!.Password, ct).ConfigureAwait(false);
        if (result.Status != WriteStatus.Ok)
        {
            return result.Status == WriteStatus.NotFound ? ApiResults.NotFound("trunk", id) : ApiResults.PreconditionFailed(current.RowVersion);
        }

        response.Headers.ETag = ApiResults.ETag(result.Value!.RowVersion);
        return TypedResults.Ok(result.Value);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpRequest request, TrunkRepository repository, CancellationToken ct)
    {
        if (await repository.GetAsync(id, ct).ConfigureAwait(false) is not { } current)
        {
            return ApiResults.NotFound("trunk", id);
        }

        if (ApiResults.CheckIfMatch(request, current.RowVersion, out var expected) is { } precondition)
        {
            return precondition;
        }

        var status = await repository.DeleteAsync(id, expected, ct).ConfigureAwait(false);
        return status == WriteStatus.Ok ? TypedResults.NoContent() : ApiResults.PreconditionFailed(current.RowVersion);
    }
}
