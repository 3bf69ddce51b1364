using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Softswitch.Admin.Auth;
using Softswitch.Admin.Calls;
using Softswitch.Admin.Model;
using Softswitch.Admin.Persistence;

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
        var v = new Validator()
            .Check(!string.IsNullOrWhiteSpace(q.Name) && q.Name.Length <= 200, "name", "is required, at most 200 characters")
            .Check(q.Members is { Count: > 0 and <= 500 }, "members", "needs 1-500 member SIP URIs")
            .Check(q.RingTimeoutSeconds is >= 5 and <= 600, "ringTimeoutSeconds", "must be 5-600");
        var members = q.Members ?? [];
        for (var i = 0; i < members.Count; i++)
        {
            v.Check(Softswitch.Sip.SipUri.TryParse(members[i], out _), $"members[{i}]", "must be a SIP URI such as sip:alice@192.0.2.10");
        }

        if (q.Fallback is { } fallback)
        {
            v.Check(fallback.Kind == RouteTargetKind.Agent ? Validator.IsId(fallback.AgentId) : Validator.IsId(fallback.QueueId), "fallback", "needs an agentId or queueId");
        }

        return v;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, QueueRepository repository, DialplanCache dialplan, CancellationToken ct)
    {
        var (queue, problem) = await ApiResults.ReadAsync<Queue>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var v = Validate(queue!).Check(Validator.IsId(queue!.Id), "id", "is required: 1-64 of a-z, 0-9, '-', '_'");
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
