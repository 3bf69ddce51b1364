using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Softswitch.Admin.Auth;
using Softswitch.Admin.Validation;

namespace Softswitch.Admin.Http;

/// <summary><c>/api/v1/keys</c> (admin role): API keys, created with their secret shown once, listed without it, revoked.</summary>
internal static class KeyEndpoints
{
    /// <summary>Body of POST /keys.</summary>
    public sealed record CreateKeyRequest(string? Name, ApiRole? Role);

    /// <summary>A key as listed: never its secret or hash.</summary>
    public sealed record KeyView(string Id, string Name, ApiRole Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

    /// <summary>A key just created: the only time its secret is shown.</summary>
    public sealed record CreatedKey(string Id, string Name, ApiRole Role, DateTimeOffset CreatedAt, string Key);

    public static void Map(RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/keys").WithTags("API keys").RequireAuthorization(ApiPolicies.Admin);
        keys.MapGet("/", static async (IApiKeyStore store, CancellationToken ct) =>
            (await store.ListAsync(ct).ConfigureAwait(false)).Select(k => new KeyView(k.Id, k.Name, k.Role, k.CreatedAt, k.RevokedAt)));
        keys.MapPost("/", CreateAsync);
        keys.MapDelete("/{id}", static async (string id, IApiKeyStore store, TimeProvider time, CancellationToken ct) =>
            await store.RevokeAsync(id, time.GetUtcNow(), ct).ConfigureAwait(false) ? TypedResults.NoContent() : ApiResults.NotFound("active API key", id));
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IApiKeyStore store, TimeProvider time, CancellationToken ct)
    {
        var (body, problem) = await ApiResults.ReadAsync<CreateKeyRequest>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var v = new Validator()
            .Check(!string.IsNullOrWhiteSpace(body!.Name) && body.Name.Length <= 200, "name", "is required, at most 200 characters")
            .Check(body.Role is not null && Enum.IsDefined(body.Role.Value), "role", "is required: viewer, editor or admin");
        if (v.HasErrors)
        {
            return v.Problem();
        }

        var key = ApiKeySecret.Generate(out var id, out var hash);
        var record = new ApiKeyRecord(id, body.Name!, body.Role!.Value, hash, time.GetUtcNow(), null);
        await store.InsertAsync(record, ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/keys/{id}", new CreatedKey(id, record.Name, record.Role, record.CreatedAt, key));
    }
}
