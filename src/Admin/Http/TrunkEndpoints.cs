using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Softswitch.Admin.Auth;
using Softswitch.Admin.Model;
using Softswitch.Admin.Persistence;

namespace Softswitch.Admin.Http;

/// <summary>
/// <c>/api/v1/trunks</c>. The password is write-only: sent in <c>password</c> (null keeps it, an empty string removes it), never
/// returned (reads say <c>hasPassword</c>) and never logged.
/// </summary>
internal static class TrunkEndpoints
{
    private static readonly string[] s_codecs = ["PCMU", "PCMA", "G722", "opus", "G729"];

    /// <summary>A trunk as written.</summary>
    public sealed record TrunkRequest(
        string? Id,
        string? Name,
        IReadOnlyList<string>? Addresses,
        TrunkTransport? Transport,
        string? Username,
        string? Password,
        bool Register,
        int? RegisterExpirySeconds,
        string? OutboundProxy,
        IReadOnlyList<string>? InboundNetworks,
        IReadOnlyList<string>? Codecs);

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
        var v = new Validator()
            .Check(!string.IsNullOrWhiteSpace(t.Name) && t.Name.Length <= 200, "name", "is required, at most 200 characters")
            .Check(t.Addresses is { Count: > 0 }, "addresses", "needs at least one host:port, in failover order")
            .Check(t.Transport is not null, "transport", "is required: udp, tcp or tls")
            .Check(t.RegisterExpirySeconds is null or (>= 60 and <= 86_400), "registerExpirySeconds", "must be 60-86400")
            .Check(!t.Register || !string.IsNullOrWhiteSpace(t.Username), "username", "is required when register is true")
            .Check(t.Password is null || t.Password.Length <= 256, "password", "must be at most 256 characters");
        var addresses = t.Addresses ?? [];
        for (var i = 0; i < addresses.Count; i++)
        {
            v.Check(IsHostPort(addresses[i]), $"addresses[{i}]", "must be host or host:port");
        }

        var networks = t.InboundNetworks ?? [];
        for (var i = 0; i < networks.Count; i++)
        {
            v.Check(IPNetwork.TryParse(networks[i], out _), $"inboundNetworks[{i}]", "must be a network in CIDR form, such as 192.0.2.0/24");
        }

        var codecs = t.Codecs ?? [];
        for (var i = 0; i < codecs.Count; i++)
        {
            v.Check(s_codecs.Contains(codecs[i], StringComparer.OrdinalIgnoreCase), $"codecs[{i}]", "must be one of " + string.Join(", ", s_codecs));
        }

        return v;
    }

    private static bool IsHostPort(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > 255)
        {
            return false;
        }

        var colon = address.LastIndexOf(':');
        if (colon > 0 && address.IndexOf(':') == colon)
        {
            return int.TryParse(address.AsSpan(colon + 1), out var port) && port is > 0 and < 65536 && Uri.CheckHostName(address[..colon]) != UriHostNameType.Unknown;
        }

        return Uri.CheckHostName(address.Trim('[', ']')) != UriHostNameType.Unknown;
    }

    private static Trunk ToTrunk(string id, TrunkRequest t, long rowVersion) => new(
        id, t.Name!, t.Addresses!, t.Transport!.Value, t.Username, HasPassword: false, t.Register, t.RegisterExpirySeconds ?? 3600,
        t.OutboundProxy, t.InboundNetworks ?? [], t.Codecs ?? [], rowVersion);

    private static async Task<IResult> CreateAsync(HttpRequest request, TrunkRepository repository, CancellationToken ct)
    {
        var (body, problem) = await ApiResults.ReadAsync<TrunkRequest>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var v = Validate(body!).Check(Validator.IsId(body!.Id), "id", "is required: 1-64 of a-z, 0-9, '-', '_'");
        if (v.HasErrors)
        {
            return v.Problem();
        }

        var result = await repository.CreateAsync(ToTrunk(body.Id!, body, 1), string.IsNullOrEmpty(body.Password) ? null : body.Password, ct).ConfigureAwait(false);
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

        var result = await repository.UpdateAsync(ToTrunk(id, body!, expected), body!.Password, ct).ConfigureAwait(false);
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
