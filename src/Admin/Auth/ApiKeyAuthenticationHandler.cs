using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Softswitch.Admin.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c> against the stored keys: unknown, revoked
/// or malformed keys fail (401 with <c>WWW-Authenticate: Bearer</c>); a valid one gives its role as a claim. The key never reaches
/// a log.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The claim carrying the key's id.</summary>
    public const string KeyIdClaim = "ssk_id";

    private readonly IApiKeyStore _store;

    public ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IApiKeyStore store)
        : base(options, logger, encoder)
    {
        _store = store;
    }

    /// <inheritdoc/>
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = null;
        if (Request.Headers.Authorization.ToString() is { Length: > 7 } authorization && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization[7..].Trim();
        }
        else if (Request.Headers["X-Api-Key"].ToString() is { Length: > 0 } header)
        {
            presented = header.Trim();
        }

        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeySecret.TryParse(presented, out var id, out var secret))
        {
            return AuthenticateResult.Fail("The API key is malformed.");
        }

        var key = await _store.FindAsync(id, Context.RequestAborted).ConfigureAwait(false);
        if (key is null || key.RevokedAt is not null || !ApiKeySecret.Verify(secret, key.SecretHash))
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, key.Name), new Claim(KeyIdClaim, key.Id), new Claim(ClaimTypes.Role, key.Role.ToString().ToLowerInvariant())],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <inheritdoc/>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"softswitch\"";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "An API key is required: Authorization: Bearer ssk_… or X-Api-Key.");
    }

    /// <inheritdoc/>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "This API key's role does not allow this request.");

    private Task WriteProblemAsync(int status, string detail)
    {
        Response.StatusCode = status;
        return Results.Problem(detail: detail, statusCode: status).ExecuteAsync(Context);
    }
}
