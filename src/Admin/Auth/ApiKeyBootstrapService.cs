using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Softswitch.Admin.Http;

namespace Softswitch.Admin.Auth;

/// <summary>
/// On a database without any valid API key (a first start), creates an admin key, from <c>SOFTSWITCH_ADMIN_KEY</c> when set,
/// else a random one, and prints it once on standard output (never to the log), so a new user can call the API at once.
/// </summary>
internal sealed partial class ApiKeyBootstrapService : IHostedService
{
    /// <summary>The environment variable that provides the first admin key.</summary>
    public const string Variable = "SOFTSWITCH_ADMIN_KEY";

    private readonly IApiKeyStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ApiKeyBootstrapService> _logger;
    private readonly TextWriter _output;

    private readonly Func<string?> _providedKey;

    public ApiKeyBootstrapService(IApiKeyStore store, TimeProvider timeProvider, ILogger<ApiKeyBootstrapService> logger, IOptions<AdminOptions>? options = null, TextWriter? output = null, Func<string?>? providedKey = null)
    {
        _providedKey = providedKey ?? (static () => Environment.GetEnvironmentVariable(Variable));
        BaseAddress = options?.Value.BaseAddress ?? "http://127.0.0.1:8080";
        _store = store;
        _timeProvider = timeProvider;
        _logger = logger;
        _output = output ?? Console.Out;
    }

    /// <summary>The HTTP address the banner's example uses.</summary>
    public string BaseAddress { get; }

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await _store.CountActiveAsync(cancellationToken).ConfigureAwait(false) > 0)
        {
            return;
        }

        string key;
        string id;
        string hash;
        var provided = _providedKey();
        if (!string.IsNullOrEmpty(provided))
        {
            if (!ApiKeySecret.TryParse(provided, out var providedId, out var secret))
            {
                throw new InvalidOperationException($"{Variable} is not an API key of the form ssk_<12 hex>_<43 base64url characters>; unset it to have one generated.");
            }

            key = provided;
            id = providedId;
            hash = ApiKeySecret.Hash(secret);
        }
        else
        {
            key = ApiKeySecret.Generate(out id, out hash);
        }

        await _store.InsertAsync(new ApiKeyRecord(id, "bootstrap admin", ApiRole.Admin, hash, _timeProvider.GetUtcNow(), null), cancellationToken).ConfigureAwait(false);
        Log.Created(_logger, id, string.IsNullOrEmpty(provided) ? "generated" : Variable);
        if (string.IsNullOrEmpty(provided))
        {
            await _output.WriteLineAsync($"""

                Admin API key (shown once, store it now): {key}
                  curl -H "Authorization: Bearer {key}" {BaseAddress}/api/v1/agents

                """).ConfigureAwait(false);
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(4000, LogLevel.Warning, "No API key existed: created admin key {KeyId} ({Source})")]
        public static partial void Created(ILogger logger, string keyId, string source);
    }
}
