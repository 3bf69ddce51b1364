using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Softswitch.Admin.Auth;
using Softswitch.Admin.Calls;
using Softswitch.Admin.Model;
using Softswitch.Admin.Persistence;
using Softswitch.Admin.Routing;
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

    /// <summary>Checks a route, naming each bad field.</summary>
    public static void Validate(Route route, Validator v)
    {
        v.Check(!string.IsNullOrWhiteSpace(route.Name) && route.Name.Length <= 200, "name", "is required, at most 200 characters")
            .Check(route.Priority is >= 0 and <= 1_000_000, "priority", "must be 0-1000000 (lower is tried first)");
        if (route.Match is null)
        {
            v.Add("match", "is required");
        }
        else
        {
            ValidateNumber(route.Match.Called, "match.called", v, required: true);
            ValidateNumber(route.Match.Caller, "match.caller", v, required: false);
        }

        var zoneOk = !string.IsNullOrWhiteSpace(route.TimeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(route.TimeZone, out _);
        v.Check(zoneOk, "timeZone", "must be an IANA time zone such as Europe/Paris or UTC");
        var windows = route.TimeWindows ?? [];
        for (var i = 0; i < windows.Count; i++)
        {
            var w = windows[i];
            v.Check(w.Days is { Count: > 0 }, $"timeWindows[{i}].days", "must name at least one day")
                .Check(IsTime(w.Start), $"timeWindows[{i}].start", "must be HH:mm")
                .Check(IsTime(w.End) && w.End != w.Start, $"timeWindows[{i}].end", "must be HH:mm, not the start");
        }

        ValidateTarget(route.Target, "target", v, required: true);
        ValidateTarget(route.Fallback, "fallback", v, required: false);
    }

    private static void ValidateNumber(NumberMatch? match, string field, Validator v, bool required)
    {
        if (match is null)
        {
            v.Check(!required, field, "is required");
            return;
        }

        if (match.Value is null || match.Value.Length > NumberPattern.MaxLength)
        {
            v.Add(field + ".value", $"is required, at most {NumberPattern.MaxLength} characters");
        }
        else if (match.Kind == NumberMatchKind.Pattern && NumberPattern.Validate(match.Value) is { } problem)
        {
            v.Add(field + ".value", "pattern " + problem);
        }
    }

    private static void ValidateTarget(RouteTarget? target, string field, Validator v, bool required)
    {
        if (target is null)
        {
            v.Check(!required, field, "is required");
            return;
        }

        if (target.Kind == RouteTargetKind.Agent)
        {
            v.Check(Validator.IsId(target.AgentId), field + ".agentId", "is required for an agent target");
            var weights = target.Weights ?? [];
            v.Check(weights.All(w => w.Version >= 1 && w.Weight >= 0) && (weights.Count == 0 || weights.Sum(w => w.Weight) > 0), field + ".weights", "need versions ≥ 1, weights ≥ 0 and a positive total");
        }
        else
        {
            v.Check(Validator.IsId(target.QueueId), field + ".queueId", "is required for a queue target");
        }
    }

    private static bool IsTime(string? text) => TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

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

        var v = new Validator().Check(Validator.IsId(route!.Id), "id", "is required: 1-64 of a-z, 0-9, '-', '_'");
        Validate(route, v);
        if (v.HasErrors)
        {
            return v.Problem();
        }

        var result = await repository.CreateAsync(Normalize(route), ct).ConfigureAwait(false);
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
        Validate(route!, v);
        if (v.HasErrors)
        {
            return v.Problem();
        }

        var result = await repository.UpdateAsync(Normalize(route!) with { Id = id, RowVersion = expected }, ct).ConfigureAwait(false);
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

    // Optional lists may be left out of the JSON.
    private static Route Normalize(Route route) => route with
    {
        TimeWindows = route.TimeWindows ?? [],
        Holidays = route.Holidays ?? [],
    };
}
