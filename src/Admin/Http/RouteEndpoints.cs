using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Softswitch.Admin.Auth;
using Softswitch.Admin.Calls;
using Softswitch.Admin.Persistence;
using Softswitch.Admin.Routing;
using Softswitch.Admin.Validation;
using Route = Softswitch.Admin.Model.Route;

namespace Softswitch.Admin.Http;

/// <summary>
/// <c>/api/v1/routes</c>: the dialplan, one route per resource, and <c>GET /api/v1/routes/evaluate?from=&amp;to=&amp;trunk=&amp;at=</c>,
/// which answers where such a call would go and why. Every change applies to the next call.
/// </summary>
internal static class RouteEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var routes = api.MapGroup("/routes").WithTags("Routes");
        routes.MapGet("/", static (RouteRepository repository, CancellationToken ct) => repository.ListAsync(ct)).RequireAuthorization(ApiPolicies.Viewer);
        routes.MapGet("/evaluate", EvaluateAsync).RequireAuthorization(ApiPolicies.Viewer);
        routes.MapPost("/", CreateAsync).RequireAuthorization(ApiPolicies.Editor);
        routes.MapGet("/{id}", GetAsync).RequireAuthorization(ApiPolicies.Viewer);
        routes.MapPut("/{id}", UpdateAsync).RequireAuthorization(ApiPolicies.Editor);
        routes.MapDelete("/{id}", DeleteAsync).RequireAuthorization(ApiPolicies.Editor);
    }

    private static async Task<IResult> EvaluateAsync(string? from, string? to, string? trunk, DateTimeOffset? at, DialplanCache dialplan, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(to))
        {
            return ApiResults.Invalid("to", "is required: the called number");
        }

        var snapshot = await dialplan.GetAsync(ct).ConfigureAwait(false);
        var evaluation = RouteEvaluator.Evaluate(snapshot, new RouteQuery(from ?? string.Empty, to, trunk, at ?? time.GetUtcNow()), Random.Shared);
        return TypedResults.Ok(new
        {
            routeId = evaluation.Route?.Id,
            target = evaluation.Target,
            usedFallback = evaluation.UsedFallback,
            reasons = evaluation.Reasons,
        });
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, RouteRepository repository, DialplanCache dialplan, CancellationToken ct)
    {
        var (route, problem) = await ApiResults.ReadAsync<Route>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var v = new Validator().Check(Validator.IsId(route!.Id), "id", Validator.IdRule);
        RouteValidation.Validate(route, v);
        if (v.HasErrors)
        {
            return v.Problem();
        }

        var result = await repository.CreateAsync(RouteValidation.Normalize(route), ct).ConfigureAwait(false);
        if (result.Status == WriteStatus.Conflict)
        {
            return ApiResults.Conflict($"A route '{route.Id}' exists already.");
        }

        dialplan.Invalidate();
        return TypedResults.Created($"/api/v1/routes/{route.Id}", result.Value);
    }

    private static async Task<IResult> GetAsync(string id, HttpResponse response, RouteRepository repository, CancellationToken ct)
    {
        if (await repository.GetAsync(id, ct).ConfigureAwait(false) is not { } route)
        {
            return ApiResults.NotFound("route", id);
        }

        response.Headers.ETag = ApiResults.ETag(route.RowVersion);
        return TypedResults.Ok(route);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, HttpResponse response, RouteRepository repository, DialplanCache dialplan, CancellationToken ct)
    {
        if (await repository.GetAsync(id, ct).ConfigureAwait(false) is not { } current)
        {
            return ApiResults.NotFound("route", id);
        }

        if (ApiResults.CheckIfMatch(request, current.RowVersion, out var expected) is { } precondition)
        {
            return precondition;
        }

        var (route, problem) = await ApiResults.ReadAsync<Route>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var v = new Validator();
        RouteValidation.Validate(route!, v);
        if (v.HasErrors)
        {
            return v.Problem();
        }

        var result = await repository.UpdateAsync(RouteValidation.Normalize(route!) with { Id = id, RowVersion = expected }, ct).ConfigureAwait(false);
        if (result.Status != WriteStatus.Ok)
        {
            return result.Status == WriteStatus.NotFound ? ApiResults.NotFound("route", id) : ApiResults.PreconditionFailed(current.RowVersion);
        }

        dialplan.Invalidate();
        response.Headers.ETag = ApiResults.ETag(result.Value!.RowVersion);
        return TypedResults.Ok(result.Value);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpRequest request, RouteRepository repository, DialplanCache dialplan, CancellationToken ct)
    {
        if (await repository.GetAsync(id, ct).ConfigureAwait(false) is not { } current)
        {
            return ApiResults.NotFound("route", id);
        }

        if (ApiResults.CheckIfMatch(request, current.RowVersion, out var expected) is { } precondition)
        {
            return precondition;
        }

        var status = await repository.DeleteAsync(id, expected, ct).ConfigureAwait(false);
        if (status != WriteStatus.Ok)
        {
            return status == WriteStatus.NotFound ? ApiResults.NotFound("route", id) : ApiResults.PreconditionFailed(current.RowVersion);
        }

        dialplan.Invalidate();
        return TypedResults.NoContent();
    }
}
