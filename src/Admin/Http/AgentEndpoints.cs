using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Softswitch.Admin.Auth;
using Softswitch.Admin.Calls;
using Softswitch.Admin.Model;
using Softswitch.Admin.Persistence;
using Softswitch.Admin.Validation;

namespace Softswitch.Admin.Http;

/// <summary>
/// <c>/api/v1/agents</c>: agents and their versions. A new agent starts with draft version 1; a draft is edited (If-Match on its
/// ETag), then published, after which it never changes and new calls use it; a new draft copies the latest or a given version;
/// rolling back makes an earlier published version current again. Calls in progress keep the version they started with.
/// </summary>
internal static class AgentEndpoints
{
    /// <summary>Body of POST /agents.</summary>
    public sealed record CreateAgentRequest(string? Id, string? Name, AgentDefinition? Definition);

    /// <summary>Body of POST /agents/{id}/versions.</summary>
    public sealed record NewDraftRequest(int? From);

    /// <summary>Body of POST /agents/{id}/rollback.</summary>
    public sealed record RollbackRequest(int? Version);

    public static void Map(RouteGroupBuilder api)
    {
        var agents = api.MapGroup("/agents").WithTags("Agents");
        agents.MapGet("/", static (AgentRepository repository, CancellationToken ct) => repository.ListAsync(ct)).RequireAuthorization(ApiPolicies.Viewer);
        agents.MapPost("/", CreateAsync).RequireAuthorization(ApiPolicies.Editor);
        agents.MapGet("/{id}", GetAsync).RequireAuthorization(ApiPolicies.Viewer);
        agents.MapDelete("/{id}", DeleteAsync).RequireAuthorization(ApiPolicies.Editor);
        agents.MapGet("/{id}/versions", ListVersionsAsync).RequireAuthorization(ApiPolicies.Viewer);
        agents.MapPost("/{id}/versions", NewDraftAsync).RequireAuthorization(ApiPolicies.Editor);
        agents.MapGet("/{id}/versions/{version:int}", GetVersionAsync).RequireAuthorization(ApiPolicies.Viewer);
        agents.MapPut("/{id}/versions/{version:int}", UpdateDraftAsync).RequireAuthorization(ApiPolicies.Editor);
        agents.MapPost("/{id}/versions/{version:int}/publish", PublishAsync).RequireAuthorization(ApiPolicies.Editor);
        agents.MapPost("/{id}/rollback", RollbackAsync).RequireAuthorization(ApiPolicies.Editor);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, AgentRepository repository, DialplanCache dialplan, CancellationToken ct)
    {
        var (body, problem) = await ApiResults.ReadAsync<CreateAgentRequest>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var validator = new Validator();
        AgentValidation.ValidateAgent(body!.Id, body.Name, validator);
        AgentValidation.ValidateDefinition(body.Definition, validator);
        if (validator.HasErrors)
        {
            return validator.Problem();
        }

        var result = await repository.CreateAsync(body.Id!, body.Name!, body.Definition!, ct).ConfigureAwait(false);
        if (result.Status == WriteStatus.Conflict)
        {
            return ApiResults.Conflict($"An agent '{body.Id}' exists already.");
        }

        dialplan.Invalidate();
        return TypedResults.Created($"/api/v1/agents/{body.Id}", result.Value);
    }

    private static async Task<IResult> GetAsync(string id, AgentRepository repository, CancellationToken ct) =>
        await repository.GetAsync(id, ct).ConfigureAwait(false) is { } agent ? TypedResults.Ok(agent) : ApiResults.NotFound("agent", id);

    private static async Task<IResult> DeleteAsync(string id, AgentRepository repository, DialplanCache dialplan, CancellationToken ct)
    {
        if (!await repository.DeleteAsync(id, ct).ConfigureAwait(false))
        {
            return ApiResults.NotFound("agent", id);
        }

        dialplan.Invalidate();
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ListVersionsAsync(string id, AgentRepository repository, CancellationToken ct) =>
        await repository.GetAsync(id, ct).ConfigureAwait(false) is null
            ? ApiResults.NotFound("agent", id)
            : TypedResults.Ok(await repository.ListVersionsAsync(id, ct).ConfigureAwait(false));

    private static async Task<IResult> GetVersionAsync(string id, int version, HttpResponse response, AgentRepository repository, CancellationToken ct)
    {
        if (await repository.GetVersionAsync(id, version, ct).ConfigureAwait(false) is not { } found)
        {
            return ApiResults.NotFound("agent version", $"{id}/{version}");
        }

        response.Headers.ETag = ApiResults.ETag(found.RowVersion);
        return TypedResults.Ok(found);
    }

    private static async Task<IResult> NewDraftAsync(string id, HttpRequest request, AgentRepository repository, CancellationToken ct)
    {
        NewDraftRequest? body = new(null);
        if (request.ContentLength is > 0)
        {
            (body, var problem) = await ApiResults.ReadAsync<NewDraftRequest>(request, ct).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }
        }

        var result = await repository.CreateDraftAsync(id, body!.From, ct).ConfigureAwait(false);
        return result.Status switch
        {
            WriteStatus.Ok => TypedResults.Created($"/api/v1/agents/{id}/versions/{result.Value!.Version}", result.Value),
            WriteStatus.NotFound => ApiResults.NotFound(body.From is { } from ? "agent version" : "agent", body.From is { } v ? $"{id}/{v}" : id),
            _ => ApiResults.Conflict("Another draft was created at the same time; retry."),
        };
    }

    private static async Task<IResult> UpdateDraftAsync(string id, int version, HttpRequest request, HttpResponse response, AgentRepository repository, CancellationToken ct)
    {
        if (await repository.GetVersionAsync(id, version, ct).ConfigureAwait(false) is not { } current)
        {
            return ApiResults.NotFound("agent version", $"{id}/{version}");
        }

        if (current.State == AgentVersionState.Published)
        {
            return ApiResults.Conflict($"Version {version} of '{id}' is published and cannot change: create a new draft (POST /api/v1/agents/{id}/versions).");
        }

        if (ApiResults.CheckIfMatch(request, current.RowVersion, out var expected) is { } precondition)
        {
            return precondition;
        }

        var (definition, problem) = await ApiResults.ReadAsync<AgentDefinition>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var validator = new Validator();
        AgentValidation.ValidateDefinition(definition, validator, "$");
        if (validator.HasErrors)
        {
            return validator.Problem();
        }

        var result = await repository.UpdateDraftAsync(id, version, definition!, expected, ct).ConfigureAwait(false);
        if (result.Status != WriteStatus.Ok)
        {
            return result.Status == WriteStatus.NotFound ? ApiResults.NotFound("agent version", $"{id}/{version}") : ApiResults.PreconditionFailed(current.RowVersion);
        }

        response.Headers.ETag = ApiResults.ETag(result.Value!.RowVersion);
        return TypedResults.Ok(result.Value);
    }

    private static async Task<IResult> PublishAsync(string id, int version, HttpRequest request, AgentRepository repository, DialplanCache dialplan, CancellationToken ct)
    {
        if (await repository.GetVersionAsync(id, version, ct).ConfigureAwait(false) is not { } current)
        {
            return ApiResults.NotFound("agent version", $"{id}/{version}");
        }

        if (current.State == AgentVersionState.Published)
        {
            return ApiResults.Conflict($"Version {version} of '{id}' is published already.");
        }

        if (ApiResults.CheckIfMatch(request, current.RowVersion, out var expected) is { } precondition)
        {
            return precondition;
        }

        var result = await repository.PublishAsync(id, version, expected, ct).ConfigureAwait(false);
        if (result.Status != WriteStatus.Ok)
        {
            return ApiResults.PreconditionFailed(current.RowVersion);
        }

        dialplan.Invalidate();
        return TypedResults.Ok(result.Value);
    }

    private static async Task<IResult> RollbackAsync(string id, HttpRequest request, AgentRepository repository, DialplanCache dialplan, CancellationToken ct)
    {
        var (body, problem) = await ApiResults.ReadAsync<RollbackRequest>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Version is not { } version || version < 1)
        {
            return ApiResults.Invalid("version", "is required: the published version to make current");
        }

        var result = await repository.RollBackAsync(id, version, ct).ConfigureAwait(false);
        if (result.Status == WriteStatus.Ok)
        {
            dialplan.Invalidate();
            return TypedResults.Ok(result.Value);
        }

        return result.Status == WriteStatus.NotFound
            ? ApiResults.NotFound("agent version", $"{id}/{version}")
            : ApiResults.Conflict($"Version {version} of '{id}' is a draft: only published versions can be made current.");
    }
}
