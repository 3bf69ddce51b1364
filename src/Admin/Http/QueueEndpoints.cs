using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Softswitch.Admin.Auth;
using Softswitch.Admin.Calls;
using Softswitch.Admin.Model;
using Softswitch.Admin.Persistence;
using Softswitch.Admin.Validation;

namespace Softswitch.Admin.Http;

/// <summary><c>/api/v1/queues</c>: human queues (member SIP URIs, ring strategy, timeout, fallback).</summary>
internal static class QueueEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var queues = api.MapGroup("/queues").WithTags("Queues");
        queues.MapGet("/", static (QueueRepository repository, CancellationToken ct) => repository.ListAsync(ct)).RequireAuthorization(ApiPolicies.Viewer);
        queues.MapPost("/", CreateAsync).RequireAuthorization(ApiPolicies.Editor);
        queues.MapGet("/{id}", GetAsync).RequireAuthorization(ApiPolicies.Viewer);
        queues.MapPut("/{id}", UpdateAsync).RequireAuthorization(ApiPolicies.Editor);
        queues.MapDelete("/{id}", DeleteAsync).RequireAuthorization(ApiPolicies.Editor);
    }

    private static Validator Validate(Queue q)
    {
        var v = new Validator();
        QueueValidation.Validate(q, v);
        return v;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, QueueRepository repository, DialplanCache dialplan, CancellationToken ct)
    {
        var (queue, problem) = await ApiResults.ReadAsync<Queue>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var v = Validate(queue!).Check(Validator.IsId(queue!.Id), "id", Validator.IdRule);
        if (v.HasErrors)
        {
            return v.Problem();
        }

        var result = await repository.CreateAsync(queue, ct).ConfigureAwait(false);
        if (result.Status == WriteStatus.Conflict)
        {
            return ApiResults.Conflict($"A queue '{queue.Id}' exists already.");
        }

        dialplan.Invalidate();
        return TypedResults.Created($"/api/v1/queues/{queue.Id}", result.Value);
    }

    private static async Task<IResult> GetAsync(string id, HttpResponse response, QueueRepository repository, CancellationToken ct)
    {
        if (await repository.GetAsync(id, ct).ConfigureAwait(false) is not { } queue)
        {
            return ApiResults.NotFound("queue", id);
        }

        response.Headers.ETag = ApiResults.ETag(queue.RowVersion);
        return TypedResults.Ok(queue);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, HttpResponse response, QueueRepository repository, CancellationToken ct)
    {
        if (await repository.GetAsync(id, ct).ConfigureAwait(false) is not { } current)
        {
            return ApiResults.NotFound("queue", id);
        }

        if (ApiResults.CheckIfMatch(request, current.RowVersion, out var expected) is { } precondition)
        {
            return precondition;
        }

        var (queue, problem) = await ApiResults.ReadAsync<Queue>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var v = Validate(queue!);
        if (v.HasErrors)
        {
            return v.Problem();
        }

        var result = await repository.UpdateAsync(queue! with { Id = id, RowVersion = expected }, ct).ConfigureAwait(false);
        if (result.Status != WriteStatus.Ok)
        {
            return result.Status == WriteStatus.NotFound ? ApiResults.NotFound("queue", id) : ApiResults.PreconditionFailed(current.RowVersion);
        }

        response.Headers.ETag = ApiResults.ETag(result.Value!.RowVersion);
        return TypedResults.Ok(result.Value);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpRequest request, QueueRepository repository, DialplanCache dialplan, CancellationToken ct)
    {
        if (await repository.GetAsync(id, ct).ConfigureAwait(false) is not { } current)
        {
            return ApiResults.NotFound("queue", id);
        }

        if (ApiResults.CheckIfMatch(request, current.RowVersion, out var expected) is { } precondition)
        {
            return precondition;
        }

        var status = await repository.DeleteAsync(id, expected, ct).ConfigureAwait(false);
        if (status != WriteStatus.Ok)
        {
            return ApiResults.PreconditionFailed(current.RowVersion);
        }

        dialplan.Invalidate();
        return TypedResults.NoContent();
    }
}
