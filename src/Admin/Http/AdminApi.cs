using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Softswitch.Admin.Auth;
using Softswitch.Admin.Calls;
using Softswitch.Admin.Metrics;
using Softswitch.Admin.Persistence;
using Softswitch.Dialog.Routing;

namespace Softswitch.Admin.Http;

/// <summary>
/// The admin API in the gateway's process: persistence, dialplan routing and call records for the call flows, API-key
/// authentication with roles, per-key rate limiting, body size limit, problem documents, CORS (off unless configured), the
/// OpenAPI document and its interactive page, <c>/ready</c>, and every <c>/api/v1</c> resource.
/// </summary>
public static class AdminApi
{
    private const string RateLimitPolicy = "api";

    /// <summary>Registers the admin API and what the call flows need from it (<see cref="ICallRouter"/>, <see cref="ICallEventSink"/>).</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration (section <c>Admin</c>).</param>
    /// <param name="dataDirectory">Where the embedded SQLite database lives.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddAdminApi(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAdminPersistence(configuration, dataDirectory);
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(sp => new PrometheusMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton<DialplanCache>();
        services.AddSingleton<DialplanCallRouter>();
        services.AddSingleton<ICallRouter>(sp => sp.GetRequiredService<DialplanCallRouter>());
        services.AddSingleton<CallEventHub>();
        services.AddSingleton<CallEventRecorder>();
        services.AddSingleton<ICallEventSink>(sp => sp.GetRequiredService<CallEventRecorder>());
        services.AddSingleton<ApiKeyBootstrapService>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiKeyBootstrapService>());

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(ApiPolicies.Add);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<AdminOptions>>((kestrel, admin) => kestrel.Limits.MaxRequestBodySize = admin.Value.MaxRequestBodyBytes);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimitPolicy, context =>
            {
                var admin = context.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value;
                var partition = context.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value ?? "ip:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = admin.RateLimitBurst,
                    TokensPerPeriod = admin.RateLimitPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = static async (context, ct) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(detail: $"Too many requests for this API key: retry after {retry} s.", statusCode: StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
            };
        });
        var origins = configuration.GetSection(AdminOptions.SectionName + ":CorsOrigins").Get<string[]>() ?? [];
        if (origins.Length > 0)
        {
            services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("ETag", "Retry-After")));
        }

        services.AddOpenApi("v1", o => o.AddDocumentTransformer(static (document, _, _) =>
        {
            document.Info.Title = "Softswitch admin API";
            document.Info.Description = "Agents, dialplan routes, trunks, queues, API keys, live calls and call history. Send an API key as Authorization: Bearer ssk_… or X-Api-Key.";
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>Adds the admin API's middleware and endpoints.</summary>
    /// <param name="app">The web application.</param>
    /// <returns><paramref name="app"/>.</returns>
    public static WebApplication MapAdminApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if ((app.Configuration.GetSection(AdminOptions.SectionName + ":CorsOrigins").Get<string[]>() ?? []).Length > 0)
        {
            app.UseCors();
        }

        // Listening from the start, so /metrics counts everything from the first message on.
        var metrics = app.Services.GetRequiredService<PrometheusMetrics>();
        app.MapGet("/metrics", () => TypedResults.Text(metrics.Scrape(), PrometheusMetrics.ContentType)).WithTags("Health").AllowAnonymous().ExcludeFromDescription();

        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseWebSockets();
        ReadinessEndpoint.Map(app);
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.DocumentTitle = "Softswitch admin API";
            o.SwaggerEndpoint("/openapi/v1.json", "Softswitch admin API v1");
        });

        var api = app.MapGroup("/api/v1").RequireRateLimiting(RateLimitPolicy);
        AgentEndpoints.Map(api);
        RouteEndpoints.Map(api);
        TrunkEndpoints.Map(api);
        QueueEndpoints.Map(api);
        KeyEndpoints.Map(api);
        CallEndpoints.Map(api);
        return app;
    }

    /// <summary>The key id of the authenticated caller, for logs that must not carry the key.</summary>
    /// <param name="user">The request's user.</param>
    /// <returns>The key id, or null.</returns>
    public static string? KeyId(this ClaimsPrincipal user) => user?.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value;
}
